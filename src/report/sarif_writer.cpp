// SARIF 2.1.0: one run, every rule as a reportingDescriptor (id, short and
// full description, help, default level, security-severity, tags), results
// with the finding's location and a stable partial fingerprint.
#include "core/ip_address.h"
#include "report/report.h"

namespace sipwarden::report {

namespace {

constexpr std::string_view k_schema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// GitHub's numeric bands: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
std::string security_severity(core::Severity s) {
    switch (s) {
        case core::Severity::critical: return "9.5";
        case core::Severity::high: return "8.0";
        case core::Severity::medium: return "5.5";
        case core::Severity::low: return "2.5";
        case core::Severity::info: return "0.0";
    }
    return "0.0";
}

nlohmann::json rule(const RuleDescriptor& r) {
    nlohmann::json help_uri = nullptr;
    nlohmann::json out = {
        {"id", r.id},
        {"name", r.id},
        {"shortDescription", {{"text", r.title}}},
        {"fullDescription", {{"text", r.description}}},
        {"help", {{"text", r.help}}},
        {"defaultConfiguration", {{"level", core::sarif_level(r.default_severity)}}},
        {"properties", {{"tags", r.tags}, {"security-severity", security_severity(r.default_severity)}}}};
    for (const auto& ref : r.references) {
        if (ref.starts_with("https://") || ref.starts_with("http://")) {
            out["helpUri"] = ref;
            break;
        }
    }
    out["properties"]["references"] = r.references;
    return out;
}

std::string fingerprint(const core::Finding& f) {
    const std::string key = f.check_id + "|" + f.location.file + "|" + std::to_string(f.location.line) + "|" +
                            f.message.substr(0, f.message.find('\n'));
    return std::to_string(core::hash_bytes(key.data(), key.size()));
}

nlohmann::json result(const core::Finding& f, const std::vector<RuleDescriptor>& rules) {
    nlohmann::json out = {{"ruleId", f.check_id},
                          {"level", core::sarif_level(f.severity)},
                          {"message", {{"text", f.message + "\n\nWhy here: " + f.exposure + "\n\nFix: " + f.remedy}}},
                          {"partialFingerprints", {{"sipwardenFinding/v1", fingerprint(f)}}},
                          {"properties",
                           {{"severity", core::to_string(f.severity)},
                            {"base_severity", core::to_string(f.base_severity)},
                            {"exposure", f.exposure}}}};
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (rules[i].id == f.check_id) out["ruleIndex"] = i;
    }
    if (f.severity == core::Severity::info) out["kind"] = "informational";
    if (!f.location.file.empty()) {
        nlohmann::json region = nlohmann::json::object();
        if (f.location.line > 0) region["startLine"] = f.location.line;
        if (f.location.column > 0) region["startColumn"] = f.location.column;
        nlohmann::json physical = {{"artifactLocation", {{"uri", f.location.file}}}};
        if (!region.empty()) physical["region"] = region;
        out["locations"] = nlohmann::json::array({{{"physicalLocation", physical}}});
    }
    return out;
}

}  // namespace

std::string write_sarif(const Report& report) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : report.rules) rules.push_back(rule(r));
    nlohmann::json results = nlohmann::json::array();
    for (const auto& f : report.findings) results.push_back(result(f, report.rules));
    nlohmann::json notifications = nlohmann::json::array();
    for (const auto& p : report.problems) notifications.push_back({{"level", "warning"}, {"message", {{"text", p}}}});
    nlohmann::json run = {
        {"tool",
         {{"driver",
           {{"name", report.tool},
            {"version", report.version.empty() ? "0" : report.version},
            {"informationUri", "https://github.com/sipwarden/sipwarden"},
            {"rules", rules}}}}},
        {"results", results},
        {"invocations",
         nlohmann::json::array({{{"executionSuccessful", true}, {"toolExecutionNotifications", notifications}}})},
        {"properties", {{"assumptions", report.assumptions}}}};
    nlohmann::json doc = {{"$schema", k_schema}, {"version", "2.1.0"}, {"runs", nlohmann::json::array({run})}};
    return doc.dump(2) + "\n";
}

}  // namespace sipwarden::report
