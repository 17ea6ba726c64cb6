// The format registry and the helpers every writer shares.
#include "report/report.h"

#include <array>

#include "core/text.h"

namespace sipwarden::report {

namespace {
constexpr std::array<FormatInfo, 4> k_formats{{
    {Format::text, "text"},
    {Format::json, "json"},
    {Format::sarif, "sarif"},
    {Format::html, "html"},
}};
}  // namespace

std::span<const FormatInfo> formats() { return k_formats; }

std::optional<Format> parse_format(std::string_view name) {
    for (const auto& f : k_formats) {
        if (core::iequals(f.name, name)) return f.format;
    }
    return std::nullopt;
}

std::string write(const Report& report, Format format, const WriteOptions& options) {
    switch (format) {
        case Format::text: return write_text(report, options);
        case Format::json: return write_json(report);
        case Format::sarif: return write_sarif(report);
        case Format::html: return write_html(report);
    }
    return write_text(report, options);
}

nlohmann::json severity_counts(const std::vector<core::Finding>& findings) {
    nlohmann::json counts = nlohmann::json::object();
    for (auto s : {core::Severity::critical, core::Severity::high, core::Severity::medium, core::Severity::low,
                   core::Severity::info}) {
        counts[std::string(core::to_string(s))] = 0;
    }
    for (const auto& f : findings)
        counts[std::string(core::to_string(f.severity))] =
            counts[std::string(core::to_string(f.severity))].get<int>() + 1;
    return counts;
}

}  // namespace sipwarden::report
