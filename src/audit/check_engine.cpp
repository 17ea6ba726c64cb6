// Running the checks and rating their hits: the severity comes from the
// check's data for the exposure class of the service it depends on; a hit
// nobody untrusted can reach is reported as moot (info) with the reason.
#include <algorithm>

#include "audit/checks.h"
#include "core/text.h"

namespace sipwarden::audit {

std::vector<const Service*> CheckContext::services(std::string_view kind) const {
    std::vector<const Service*> out;
    for (const auto& s : m_model.services) {
        if (s.kind == kind || (kind == "ari" && s.kind == "http")) out.push_back(&s);
    }
    return out;
}

namespace {

std::string service_line(const Service& s, const Reach& r) {
    std::string out = s.label + " on " + s.protocol + " " + std::to_string(s.ports.first) +
                      (s.ports.last != s.ports.first ? "-" + std::to_string(s.ports.last) : "") + " (" +
                      s.where.to_string() + "): " + r.summary();
    return out;
}

std::string reasons(const Reach& r) {
    std::string out;
    for (const auto& d : r.decisions) {
        out += "\n  - " + d.text;
        if (!d.where.file.empty()) out += " (" + d.where.to_string() + ")";
    }
    return out;
}

// The most exposed of the services a hit depends on.
struct Exposure {
    ExposureClass exposure = ExposureClass::nobody;
    std::string text;
    std::string who;
};

Exposure exposure_of(const Hit& hit, const CheckInfo& info, const CheckContext& context) {
    auto services = hit.services;
    if (services.empty() && info.service != "any") services = context.services(info.service);
    Exposure best;
    if (info.service == "any" || info.service == "firewall") {
        best.exposure = ExposureClass::internet;
        best.text = "applies whatever the exposure";
        return best;
    }
    if (services.empty()) {
        best.text = "no " + info.service + " service is open in this configuration";
        return best;
    }
    bool first = true;
    for (const auto* s : services) {
        const auto r = context.reach().evaluate(*s, hit.allowed ? &*hit.allowed : nullptr);
        if (first || r.exposure < best.exposure) {
            best.exposure = r.exposure;
            best.who = r.summary();
            best.text = "reachable by " + service_line(*s, r) + reasons(r);
            first = false;
        }
    }
    if (!hit.restriction.empty()) best.text += "\n  - " + hit.restriction;
    return best;
}

}  // namespace

RatedFinding rate(const Hit& hit, const CheckInfo& info, const CheckContext& context) {
    RatedFinding out;
    const auto exposure = exposure_of(hit, info, context);
    out.exposure = exposure.exposure;
    auto severity = info.severity_for(exposure.exposure);
    if (!hit.mitigation.empty() && info.mitigated) {
        severity = std::min(severity, *info.mitigated);
        out.mitigated = true;
    }
    const bool unreachable =
        exposure.exposure == ExposureClass::localhost || exposure.exposure == ExposureClass::nobody;
    // Moot: nobody untrusted can exploit it. A local-only risk the data still rates (a default
    // password on a socket every local process can open) is reported as such, not as moot.
    out.moot = unreachable && severity == core::Severity::info;
    auto& f = out.finding;
    f.check_id = info.id;
    f.title = info.title;
    f.severity = severity;
    f.base_severity = info.severity_for(ExposureClass::internet);
    f.location = hit.where;
    f.message = hit.message;
    for (const auto& line : hit.evidence) f.message += "\n  " + line;
    const std::string who =
        exposure.exposure == ExposureClass::nobody ? "nobody can reach it" : "only this host can reach it";
    if (out.moot) {
        f.exposure = "moot: " + who + " — " + exposure.text;
    } else if (unreachable) {
        f.exposure = who + " (local users and processes) — " + exposure.text;
    } else if (exposure.exposure == ExposureClass::provider && severity < f.base_severity) {
        f.exposure = "exploitable only from " + exposure.who + " — " + exposure.text;
    } else {
        f.exposure = exposure.text;
    }
    if (out.mitigated) f.exposure += "\n  - mitigated: " + hit.mitigation;
    auto snippet = info.snippet;
    while (!snippet.empty() && snippet.back() == '\n') snippet.pop_back();
    f.remedy = info.remedy + "\n" + snippet;
    f.references = info.references;
    out.evidence = hit.evidence;
    return out;
}

std::vector<RatedFinding> run_checks(const AuditModel& model, const Reachability& reach, const Knowledge& knowledge,
                                     const Limits& limits) {
    CheckContext context(model, reach, limits);
    std::vector<RatedFinding> out;
    for (const auto& impl : check_implementations()) {
        const auto* info = knowledge.check(impl.id);
        if (info == nullptr) continue;  // a test keeps the two lists equal
        context.current_check = std::string(impl.id);
        context.hits().clear();
        impl.run(context);
        for (auto& hit : context.hits()) {
            if (hit.check_id.empty()) hit.check_id = info->id;
            out.push_back(rate(hit, *info, context));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const RatedFinding& a, const RatedFinding& b) {
        if (a.finding.severity != b.finding.severity) return a.finding.severity > b.finding.severity;
        return std::tie(a.finding.location.file, a.finding.location.line) <
               std::tie(b.finding.location.file, b.finding.location.line);
    });
    return out;
}

}  // namespace sipwarden::audit
