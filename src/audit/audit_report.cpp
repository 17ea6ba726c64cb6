// Turning an audit result into the writer-neutral report: findings, every
// check as a rule descriptor, assumptions, and the exposure table.
#include <algorithm>

#include "audit/audit.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

report::RuleDescriptor descriptor(const CheckInfo& c) {
    report::RuleDescriptor r;
    r.id = c.id;
    r.title = c.title;
    std::string settings;
    for (const auto& s : c.settings) {
        settings += "\n" + s.name + " (default " + s.default_value + "): " + s.what;
    }
    r.description = c.why + "\nPrecondition: " + c.precondition + settings;
    r.help = c.remedy + "\n" + c.snippet;
    r.default_severity = c.severity_for(ExposureClass::internet);
    r.tags = c.tags;
    if (std::find(r.tags.begin(), r.tags.end(), c.platform) == r.tags.end()) r.tags.push_back(c.platform);
    r.references = c.references;
    return r;
}

report::Section exposure_section(const AuditResult& result) {
    report::Section s;
    s.title = "Services and who can reach them";
    s.key = "services";
    s.data = nlohmann::json::array();
    for (const auto& e : result.exposure) {
        const auto& svc = e.service;
        const std::string ports = std::to_string(svc.ports.first) +
                                  (svc.ports.last != svc.ports.first ? "-" + std::to_string(svc.ports.last) : "");
        s.lines.push_back(svc.label + " — " + svc.protocol + " " + ports + " on " +
                          (svc.bind_text.empty() ? "all addresses" : svc.bind_text) + " (" + svc.where.to_string() +
                          "): " + std::string(to_string(e.reach.exposure)) + " — " + e.reach.summary());
        nlohmann::json decisions = nlohmann::json::array();
        for (const auto& d : e.reach.decisions) {
            decisions.push_back({{"reason", d.text}, {"location", d.where.file.empty() ? "" : d.where.to_string()}});
            s.lines.push_back("    " + d.text + (d.where.file.empty() ? "" : " (" + d.where.to_string() + ")"));
        }
        for (const auto& n : e.reach.notes) s.lines.push_back("    note: " + n);
        s.data.push_back({{"service", svc.label},
                          {"kind", svc.kind},
                          {"protocol", svc.protocol},
                          {"ports", ports},
                          {"bind", svc.bind_text},
                          {"encrypted", svc.encrypted},
                          {"location", svc.where.to_string()},
                          {"exposure", to_string(e.reach.exposure)},
                          {"reachable_by", e.reach.who},
                          {"decisions", decisions},
                          {"notes", e.reach.notes}});
    }
    if (result.exposure.empty()) s.lines.push_back("no network service found in the configuration");
    return s;
}

}  // namespace

report::Report make_report(const AuditResult& result, const Knowledge& knowledge) {
    report::Report r;
    r.command = "audit";
    r.assumptions = result.assumptions;
    for (const auto& f : result.findings) r.findings.push_back(f.finding);
    for (const auto& c : knowledge.checks) r.rules.push_back(descriptor(c));
    r.sections.push_back(exposure_section(result));
    if (result.model.asterisk)
        r.inputs.push_back("Asterisk configuration " + result.model.asterisk->directory + " (" +
                           std::to_string(result.model.asterisk->files.size()) + " files)");
    if (result.model.freeswitch)
        r.inputs.push_back("FreeSWITCH configuration " + result.model.freeswitch->directory + " (" +
                           std::to_string(result.model.freeswitch->files.size()) + " files)");
    if (result.model.kamailio) r.inputs.push_back("Kamailio configuration " + result.model.kamailio->file);
    for (const auto& rs : result.model.rulesets)
        r.inputs.push_back("firewall " + rs.file + " (" + std::string(to_string(rs.kind)) + ")");
    for (const auto& d : result.diagnostics.items()) r.problems.push_back(d.format());
    return r;
}

}  // namespace sipwarden::audit
