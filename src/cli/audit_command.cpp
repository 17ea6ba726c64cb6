// `sipwarden audit`: read a PBX configuration (and optionally the firewall
// and sipwarden.yaml), rate every risky setting by who can reach it, write
// the report. The work is in audit::run_audit(); this only parses options.
#include <fmt/format.h>

#include "audit/audit.h"
#include "cli/command.h"
#include "cli/output.h"
#include "report/report.h"

namespace sipwarden::cli {

namespace {

struct AuditOptions {
    audit::AuditInput input;
    std::string format = "text";
    std::string output;
    std::string fail_on;
    bool no_colour = false;
};

int run(const AuditOptions& o) {
    if (o.input.asterisk_dir.empty() && o.input.freeswitch_dir.empty() && o.input.kamailio_file.empty()) {
        fmt::print(stderr, "sipwarden audit: give --asterisk DIR, --freeswitch DIR or --kamailio FILE\n");
        return k_exit_error;
    }
    const auto format = report::parse_format(o.format);
    if (!format) {
        fmt::print(stderr, "sipwarden audit: unknown --format '{}' (text, json, sarif, html)\n", o.format);
        return k_exit_error;
    }
    std::optional<core::Severity> fail_on;
    if (!o.fail_on.empty()) {
        fail_on = core::parse_severity(o.fail_on);
        if (!fail_on) {
            fmt::print(stderr, "sipwarden audit: unknown --fail-on '{}' (info, low, medium, high, critical)\n",
                       o.fail_on);
            return k_exit_error;
        }
    }
    auto result = audit::run_audit(o.input);
    if (!result) {
        fmt::print(stderr, "sipwarden audit: {}\n", result.error().message);
        return k_exit_error;
    }
    for (const auto& d : result->diagnostics.items()) fmt::print(stderr, "{}\n", d.format());
    auto report = audit::make_report(*result, audit::builtin_knowledge());
    report.version = SIPWARDEN_VERSION;
    auto out = Output::open(o.output);
    if (!out) {
        fmt::print(stderr, "sipwarden audit: {}\n", out.error().message);
        return k_exit_error;
    }
    report::WriteOptions write_options;
    write_options.colour = out->is_terminal() && !o.no_colour;
    out->write(report::write(report, *format, write_options));
    if (fail_on) {
        for (const auto& f : report.findings) {
            if (f.severity >= *fail_on) return k_exit_findings;
        }
    }
    return k_exit_ok;
}

}  // namespace

void declare_audit_command(CLI::App& app, int& exit_status) {
    auto options = std::make_shared<AuditOptions>();
    app.add_option("--asterisk", options->input.asterisk_dir, "Asterisk configuration directory (e.g. /etc/asterisk)");
    app.add_option("--freeswitch", options->input.freeswitch_dir,
                   "FreeSWITCH configuration directory (holding freeswitch.xml)");
    app.add_option("--kamailio", options->input.kamailio_file, "kamailio.cfg of a proxy in front of the PBX");
    app.add_option("--firewall", options->input.firewall_files,
                   "output of iptables-save, ip6tables-save, nft list ruleset or nft -j list ruleset (repeatable)");
    app.add_option("--config", options->input.config_file,
                   "sipwarden.yaml with the site: section (networks, providers, forwards)");
    app.add_option("--format", options->format, "text, json, sarif or html")->capture_default_str();
    app.add_option("-o,--output", options->output, "write the report to FILE instead of standard output");
    app.add_option("--fail-on", options->fail_on, "exit with status 1 when a finding is at or above this severity");
    app.add_flag("--no-color", options->no_colour, "no colours even on a terminal");
    app.callback([options, &exit_status] { exit_status = run(*options); });
}

}  // namespace sipwarden::cli
