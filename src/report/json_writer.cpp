// JSON report (schema in docs/formats/audit-json.md): one object with the
// tool, inputs, assumptions, summary counts, findings and named sections.
#include "report/report.h"

namespace sipwarden::report {

namespace {

nlohmann::json finding(const core::Finding& f) {
    nlohmann::json location = nullptr;
    if (!f.location.file.empty()) {
        location = {{"file", f.location.file}, {"line", f.location.line}};
        if (f.location.column > 0) location["column"] = f.location.column;
    }
    return {{"check_id", f.check_id},
            {"title", f.title},
            {"severity", core::to_string(f.severity)},
            {"base_severity", core::to_string(f.base_severity)},
            {"location", location},
            {"message", f.message},
            {"exposure", f.exposure},
            {"remedy", f.remedy},
            {"references", f.references}};
}

}  // namespace

std::string write_json(const Report& report) {
    nlohmann::json doc;
    doc["tool"] = report.tool;
    doc["version"] = report.version;
    doc["command"] = report.command;
    doc["inputs"] = report.inputs;
    doc["assumptions"] = report.assumptions;
    doc["summary"] = severity_counts(report.findings);
    doc["findings"] = nlohmann::json::array();
    for (const auto& f : report.findings) doc["findings"].push_back(finding(f));
    for (const auto& s : report.sections) {
        if (!s.key.empty() && !s.data.is_null()) doc[s.key] = s.data;
    }
    doc["problems"] = report.problems;
    return doc.dump(2) + "\n";
}

}  // namespace sipwarden::report
