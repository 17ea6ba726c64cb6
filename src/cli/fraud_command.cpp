// `sipwarden fraud`: the toll-fraud monitor over call detail records
// (FILE... in batch, --follow to keep reading), `fraud blocks` and
// `fraud unblock ACCOUNT`. Parses options, wires the library pieces, writes.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <map>

#include "cli/command.h"
#include "cli/output.h"
#include "config/sipwarden_config.h"
#include "core/text.h"
#include "fraud/runner.h"
#include "respond/responder.h"
#include "store/state_store.h"

namespace sipwarden::cli {

namespace {

struct FraudOptions {
    std::vector<std::string> files;
    bool follow = false;
    std::string config_path;
    std::string state_path;
    bool no_state = false;
    std::string format = "text";
    std::string output = "-";
    std::string cdr_format;
    bool from_start = false;
    std::string fail_on = "high";
    bool quiet = false;
    bool all_blocks = false;
    std::string unblock_account;
};

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop.store(true); }

constexpr std::size_t k_bad_lines_shown = 20;

void print_diagnostics(const core::DiagnosticList& diagnostics) {
    for (const auto& d : diagnostics.items()) fmt::print(stderr, "{}\n", d.format());
}

// Loads sipwarden.yaml (or defaults) and the fraud: section; nullopt after
// printing why when the configuration is unusable.
std::optional<fraud::MonitorSetup> load_setup(const FraudOptions& options) {
    core::DiagnosticList diagnostics;
    fraud::MonitorSetup setup;
    if (!options.config_path.empty()) {
        auto config = config::load_config(options.config_path, diagnostics);
        if (!config) {
            fmt::print(stderr, "{}\n", config.error().message);
            return std::nullopt;
        }
        config::YamlReader reader(config->file, diagnostics);
        setup.site = config->site;
        setup.fraud = fraud::parse_fraud_config(config->section("fraud"), reader);
    }
    print_diagnostics(diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    if (setup.site.home_country.empty() && !options.quiet) {
        fmt::print(stderr, "sipwarden fraud: site.home_country is not set; assuming US dialling (use --config)\n");
        setup.site.home_country = "US";
        setup.site.dialing = {"011", "1", ""};
    }
    return setup;
}

respond::BlockPolicy block_policy(const fraud::ResponseConfig& r) {
    respond::BlockPolicy p;
    p.block_at = r.block_at;
    p.duration = std::chrono::minutes(r.block_minutes);
    p.max_alert_age = std::chrono::minutes(r.max_alert_age_minutes);
    p.exec_block = r.exec_block;
    p.exec_unblock = r.exec_unblock;
    p.exec_timeout = std::chrono::seconds(r.exec_timeout_seconds);
    p.kamailio_url = r.kamailio_url;
    p.kamailio_htable = r.kamailio_htable;
    p.kamailio_timeout = std::chrono::seconds(r.kamailio_timeout_seconds);
    return p;
}

std::string alert_text(const core::Alert& alert) {
    const auto& f = alert.details["fraud"];
    std::string sources;
    for (const auto& call : f["calls"]) {
        if (!sources.empty()) sources += ", ";
        sources += call["source"].get<std::string>();
        if (sources.size() > 60) {
            sources += ", ...";
            break;
        }
    }
    return fmt::format("{} {:<8} {} [{}] {}\n    {} .. {}  {}\n", alert.timestamp.to_iso8601(),
                       core::to_string(alert.severity), alert.signature_id, f["account"].get<std::string>(),
                       alert.signature, f["start"].get<std::string>(), f["end"].get<std::string>(), sources);
}

core::Result<store::StateStore> open_store(const FraudOptions& options) {
    return store::StateStore::open(
        options.no_state ? ":memory:"
                         : (options.state_path.empty() ? store::default_state_path() : options.state_path));
}

void print_summary(const fraud::MonitorStats& s, const std::map<core::Severity, int>& by_severity) {
    std::string severities;
    for (auto it = by_severity.rbegin(); it != by_severity.rend(); ++it)
        severities += fmt::format(" {} {}", it->second, core::to_string(it->first));
    fmt::print(
        stderr,
        "sipwarden fraud: {} records ({} outbound, {} international, {} emergency, {} inbound skipped), {} bad lines, "
        "{} accounts, {} alerts{}\n",
        s.records, s.outbound, s.international, s.emergency, s.inbound, s.bad_lines, s.accounts, s.alerts,
        severities.empty() ? "" : ":" + severities);
}

int fail(std::string_view message) {
    fmt::print(stderr, "sipwarden fraud: {}\n", message);
    return k_exit_error;
}

// The monitor for `options`, or null after printing why not.
std::unique_ptr<fraud::FraudMonitor> build_monitor(const FraudOptions& options) {
    auto setup = load_setup(options);
    if (!setup) return nullptr;
    core::DiagnosticList diagnostics;
    auto monitor = fraud::FraudMonitor::create(std::move(*setup), diagnostics);
    print_diagnostics(diagnostics);
    if (!monitor) {
        fail(monitor.error().message);
        return nullptr;
    }
    if (diagnostics.has_errors()) return nullptr;
    const auto& name = options.cdr_format;
    if (!name.empty() && name != "auto" && !(*monitor)->format_for(name)) {
        auto names = fraud::built_in_format_names();
        for (const auto& [known, format] : (*monitor)->config().formats) names.push_back(known);
        const auto near = core::suggest(name, names);
        fail(fmt::format("--cdr-format: unknown CDR format '{}'{}", name,
                         near ? "; did you mean '" + *near + "'?" : ""));
        return nullptr;
    }
    return std::move(monitor.value());
}

// Writes each alert, counts them, and hands them to the responder.
struct AlertWriter {
    Output& output;
    bool json = false;
    core::Severity fail_on = core::Severity::high;
    respond::Responder* responder = nullptr;
    std::map<core::Severity, int> by_severity;
    int failing = 0;

    void operator()(const core::Alert& alert, std::string_view account) {
        ++by_severity[alert.severity];
        if (alert.severity >= fail_on) ++failing;
        output.write(json ? alert.to_eve().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                          : alert_text(alert));
        std::fflush(output.stream());
        if (responder == nullptr) return;
        auto block = responder->on_alert(alert, account);
        if (!block) {
            fail(block.error().message);
        } else if (*block) {
            fmt::print(stderr, "sipwarden fraud: blocked {} calls for account {} ({}): {}\n", (*block)->scope, account,
                       (*block)->actions, (*block)->reason);
        }
        for (const auto& e : responder->take_action_errors())
            fmt::print(stderr, "sipwarden fraud: action failed: {}\n", e);
    }
};

fraud::RunOptions run_options(const FraudOptions& options, respond::Responder* responder) {
    fraud::RunOptions run;
    run.files = options.files;
    run.follow = options.follow;
    run.format = options.cdr_format;
    run.from_start = options.from_start;
    run.stop = &g_stop;
    if (responder != nullptr) run.on_idle = [responder] { (void)responder->expire(); };
    if (!options.quiet)
        run.on_note = [](const std::string& note) { fmt::print(stderr, "sipwarden fraud: {}\n", note); };
    return run;
}

int run_monitor(const FraudOptions& options) {
    const auto fail_on = core::parse_severity(options.fail_on);
    if (!fail_on) return fail("--fail-on: expected info, low, medium, high or critical");
    auto monitor = build_monitor(options);
    if (!monitor) return k_exit_error;
    auto store = open_store(options);
    if (!store) return fail(store.error().message);
    auto output = Output::open(options.output);
    if (!output) return fail(output.error().message);
    if (auto loaded = monitor->load(*store); !loaded) return fail(loaded.error().message);
    std::optional<respond::Responder> responder;
    if (monitor->config().response.enabled) responder.emplace(block_policy(monitor->config().response), *store);
    AlertWriter writer{*output, options.format == "json", *fail_on, responder ? &*responder : nullptr, {}, 0};
    monitor->set_alert_handler(std::ref(writer));
    std::size_t shown = 0;
    monitor->set_bad_line_handler([&](const core::Diagnostic& d) {
        if (shown++ < k_bad_lines_shown && !options.quiet) fmt::print(stderr, "{}\n", d.format());
    });
    if (options.follow) {
        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
    }
    if (responder) (void)responder->expire();
    auto stats = fraud::run(*monitor, &store.value(), run_options(options, responder ? &*responder : nullptr));
    if (!options.quiet) print_summary(monitor->stats(), writer.by_severity);
    if (!stats) return fail(stats.error().message);
    return writer.failing > 0 ? k_exit_findings : k_exit_ok;
}

std::string when(std::optional<std::int64_t> ns) { return ns ? core::Timestamp::from_ns(*ns).to_iso8601() : "never"; }

int list_blocks(const FraudOptions& options) {
    auto store = open_store(options);
    if (!store) {
        fmt::print(stderr, "sipwarden fraud: {}\n", store.error().message);
        return k_exit_error;
    }
    auto blocks = options.all_blocks ? store->block_history(1000) : store->active_blocks();
    auto output = Output::open(options.output);
    if (!blocks || !output) {
        fmt::print(stderr, "sipwarden fraud: {}\n", !blocks ? blocks.error().message : output.error().message);
        return k_exit_error;
    }
    for (const auto& b : *blocks) {
        if (options.format == "json") {
            nlohmann::json j{{"account", b.subject},
                             {"scope", b.scope},
                             {"reason", b.reason},
                             {"signature_id", b.signature_id},
                             {"created", when(b.created_ns)},
                             {"expires", when(b.expires_ns)},
                             {"actions", b.actions}};
            if (b.lifted_ns) j["lifted"] = when(b.lifted_ns), j["lifted_by"] = b.lifted_by;
            output->write(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        } else {
            output->write(fmt::format("{:<16} {:<14} since {}  until {}{}  {}\n    {}\n", b.subject, b.scope,
                                      when(b.created_ns), when(b.expires_ns),
                                      b.lifted_ns ? "  lifted " + when(b.lifted_ns) + " by " + b.lifted_by : "",
                                      b.actions, b.reason));
        }
    }
    if (blocks->empty() && options.format != "json")
        output->write(options.all_blocks ? "no blocks recorded\n" : "no active blocks\n");
    return k_exit_ok;
}

int unblock(const FraudOptions& options) {
    auto setup = load_setup(options);
    if (!setup) return k_exit_error;
    auto store = open_store(options);
    if (!store) {
        fmt::print(stderr, "sipwarden fraud: {}\n", store.error().message);
        return k_exit_error;
    }
    respond::Responder responder(block_policy(setup->fraud.response), *store);
    auto lifted = responder.unblock(options.unblock_account, "sipwarden fraud unblock");
    if (!lifted) {
        fmt::print(stderr, "sipwarden fraud: {}\n", lifted.error().message);
        return k_exit_error;
    }
    for (const auto& e : responder.take_action_errors()) fmt::print(stderr, "sipwarden fraud: action failed: {}\n", e);
    if (!*lifted) {
        fmt::print(stderr, "sipwarden fraud: account {} is not blocked\n", options.unblock_account);
        return k_exit_error;
    }
    fmt::print("unblocked {}\n", options.unblock_account);
    return k_exit_ok;
}

}  // namespace

void declare_fraud_command(CLI::App& app, int& exit_status) {
    auto options = std::make_shared<FraudOptions>();
    app.add_option("files", options->files,
                   "CDR files (Asterisk Master.csv, cdr_custom, FreeSWITCH cdr_csv, Kamailio acc, mapped CSV)");
    app.add_flag("-f,--follow", options->follow, "keep reading appended lines (survives rotation and truncation)");
    app.add_option("-c,--config", options->config_path, "sipwarden.yaml (site: and fraud: sections)")
        ->check(CLI::ExistingFile);
    app.add_option("--state", options->state_path, "state store (default ~/.local/state/sipwarden/state.db)");
    app.add_flag("--no-state", options->no_state, "keep state in memory only (nothing is remembered)");
    app.add_option("--format", options->format, "output format")->check(CLI::IsMember({"text", "json"}));
    app.add_option("-o,--output", options->output, "write alerts to FILE instead of standard output");
    app.add_option("--cdr-format", options->cdr_format,
                   "CDR layout: asterisk, asterisk-custom, freeswitch, freeswitch-asterisk, kamailio-acc, or a name "
                   "from fraud.formats (default: detect)");
    app.add_flag("--from-start", options->from_start, "read files from the start, ignoring saved positions");
    app.add_option("--fail-on", options->fail_on,
                   "exit 1 when an alert at or above this severity was raised (default high)");
    app.add_flag("-q,--quiet", options->quiet, "no notes or summary on standard error");
    auto* blocks = app.add_subcommand("blocks", "list blocked accounts");
    blocks->add_flag("--all", options->all_blocks, "include lifted blocks");
    blocks->fallthrough();
    auto* unblock_cmd = app.add_subcommand("unblock", "lift the block of an account now");
    unblock_cmd->add_option("account", options->unblock_account, "the account")->required();
    unblock_cmd->fallthrough();
    app.require_subcommand(0, 1);
    app.callback([options, blocks, unblock_cmd, &exit_status] {
        if (blocks->parsed()) {
            exit_status = list_blocks(*options);
        } else if (unblock_cmd->parsed()) {
            exit_status = unblock(*options);
        } else if (options->files.empty()) {
            fmt::print(stderr, "sipwarden fraud: no CDR files given (see sipwarden fraud --help)\n");
            exit_status = k_exit_error;
        } else {
            exit_status = run_monitor(*options);
        }
    });
}

}  // namespace sipwarden::cli
