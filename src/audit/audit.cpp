// The audit pipeline from input paths to rated findings and the report.
#include "audit/audit.h"

#include <filesystem>

#include "audit/services.h"
#include "config/sipwarden_config.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

namespace fs = std::filesystem;
using Level = core::Diagnostic::Level;

core::Result<std::string> read_file(const std::string& path, const Limits& limits) {
    const auto slash = path.rfind('/');
    DiskLoader loader(slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash), limits.max_file_bytes);
    auto text = loader.read(slash == std::string::npos ? path : path.substr(slash + 1));
    if (!text) return core::make_error(path + ": " + text.error().message.substr(text.error().message.find(':') + 2));
    return text;
}

core::Result<void> require_directory(const std::string& path, std::string_view what) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return core::make_error(path + ": not a directory (" + std::string(what) + ")");
    return {};
}

std::vector<Service> kamailio_services(const KamailioConfig& config) {
    std::vector<Service> out;
    auto listens = config.listens;
    if (listens.empty()) {
        // Without listen= Kamailio binds port 5060 on every interface, UDP and TCP.
        listens.push_back({"udp", "0.0.0.0", 5060, {config.file, 0, 0}});
        listens.push_back({"tcp", "0.0.0.0", 5060, {config.file, 0, 0}});
    }
    for (const auto& l : listens) {
        Service s;
        s.kind = "sip";
        s.label = "Kamailio listen " + l.protocol + ":" + l.address + ":" + std::to_string(l.port);
        s.protocol = l.protocol == "udp" ? "udp" : "tcp";
        s.ports = {l.port, l.port};
        s.bind_text = l.address;
        s.bind = parse_bind(l.address).address;
        s.encrypted = l.protocol == "tls" || l.protocol == "wss";
        s.where = l.where;
        out.push_back(std::move(s));
    }
    return out;
}

void add_inferred_providers(const AuditModel& model, SiteFacts& facts) {
    std::vector<Provider> inferred;
    if (model.asterisk) inferred = asterisk_providers(*model.asterisk);
    if (model.freeswitch) {
        auto more = freeswitch_providers(*model.freeswitch);
        inferred.insert(inferred.end(), more.begin(), more.end());
    }
    if (inferred.empty()) {
        facts.assumptions.push_back("no trunk provider given (site.providers) or found in the trunk configuration");
        return;
    }
    for (auto& p : inferred) {
        std::string text = "provider '" + p.name + "' inferred from " + p.source + ": ";
        text += p.addresses.empty() ? std::string() : p.addresses.to_string();
        if (!p.hostnames.empty()) {
            std::string names;
            for (const auto& h : p.hostnames) names += (names.empty() ? "" : ", ") + h;
            text += (p.addresses.empty() ? "" : "; ") + std::string("host name ") + names +
                    " (not resolved: its addresses cannot be matched)";
        }
        facts.assumptions.push_back(text);
        facts.providers.push_back(std::move(p));
    }
}

}  // namespace

ExposureOptions exposure_options(const YAML::Node& section, config::YamlReader& reader) {
    ExposureOptions options;
    if (!section) return options;
    constexpr std::array<std::string_view, 2> keys{"internet_prefix_v4", "internet_prefix_v6"};
    if (!reader.check_keys(section, "audit", keys)) return options;
    if (auto v = reader.integer(section, "internet_prefix_v4", 0, 32))
        options.internet_prefix_v4 = static_cast<int>(*v);
    if (auto v = reader.integer(section, "internet_prefix_v6", 0, 128))
        options.internet_prefix_v6 = static_cast<int>(*v);
    return options;
}

AuditResult audit_models(AuditModel model, const config::SiteConfig* site, const ExposureOptions& options,
                         const Limits& limits) {
    AuditResult result;
    if (model.asterisk) {
        auto s = asterisk_services(*model.asterisk);
        model.services.insert(model.services.end(), s.begin(), s.end());
    }
    if (model.freeswitch) {
        auto s = freeswitch_services(*model.freeswitch);
        model.services.insert(model.services.end(), s.begin(), s.end());
    }
    if (model.kamailio) {
        auto s = kamailio_services(*model.kamailio);
        model.services.insert(model.services.end(), s.begin(), s.end());
    }
    if (site != nullptr) model.dialing = site->dialing;
    auto facts = site_facts(site, !model.rulesets.empty());
    if (site == nullptr || site->providers.empty()) add_inferred_providers(model, facts);
    if (model.kamailio) {
        facts.assumptions.push_back(
            "a Kamailio configuration is given: its listen sockets are taken as SIP entry points to the PBX "
            "behind it, so SIP findings are rated by the proxy's exposure");
    }
    const Reachability reach(std::move(facts), model.rulesets, options, limits);
    result.findings = run_checks(model, reach, builtin_knowledge(), limits);
    for (const auto& s : model.services) result.exposure.push_back({s, reach.evaluate(s)});
    result.providers = reach.site().providers;
    result.assumptions = reach.site().assumptions;
    result.model = std::move(model);
    return result;
}

core::Result<AuditResult> run_audit(const AuditInput& input, const Limits& limits) {
    AuditModel model;
    core::DiagnosticList diagnostics;
    std::optional<config::Config> cfg;
    if (!input.config_file.empty()) {
        auto loaded = config::load_config(input.config_file, diagnostics);
        if (!loaded) return loaded.error();
        cfg = std::move(loaded.value());
    }
    if (!input.asterisk_dir.empty()) {
        if (auto ok = require_directory(input.asterisk_dir, "--asterisk expects the Asterisk configuration directory");
            !ok)
            return ok.error();
        const DiskLoader loader(input.asterisk_dir, limits.max_file_bytes);
        model.asterisk = read_asterisk(loader, limits, diagnostics);
        model.asterisk->directory = input.asterisk_dir;
    }
    if (!input.freeswitch_dir.empty()) {
        if (auto ok =
                require_directory(input.freeswitch_dir, "--freeswitch expects the FreeSWITCH configuration directory");
            !ok)
            return ok.error();
        const DiskLoader loader(input.freeswitch_dir, limits.max_file_bytes);
        model.freeswitch = read_freeswitch(loader, limits, diagnostics);
        model.freeswitch->directory = input.freeswitch_dir;
    }
    if (!input.kamailio_file.empty()) {
        auto text = read_file(input.kamailio_file, limits);
        if (!text) return text.error();
        model.kamailio = read_kamailio(*text, input.kamailio_file, limits, diagnostics);
    }
    for (const auto& path : input.firewall_files) {
        auto text = read_file(path, limits);
        if (!text) return text.error();
        auto ruleset = read_firewall(*text, path, diagnostics);
        if (!ruleset)
            return core::make_error(path + ": not an iptables-save, nft list ruleset or nft -j list ruleset dump");
        model.rulesets.push_back(std::move(*ruleset));
    }
    ExposureOptions options;
    if (cfg) {
        config::YamlReader reader(cfg->file, diagnostics);
        options = exposure_options(cfg->section("audit"), reader);
    }
    auto result = audit_models(std::move(model), cfg ? &cfg->site : nullptr, options, limits);
    result.diagnostics = std::move(diagnostics);
    return result;
}

}  // namespace sipwarden::audit
