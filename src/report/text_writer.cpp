// Text report for a terminal: findings grouped by severity (most severe
// first), each with where, what, why here (exposure) and what to do; colour
// only when asked (the CLI asks when stdout is a terminal).
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "report/report.h"

namespace sipwarden::report {

namespace {

constexpr std::string_view k_reset = "\033[0m";
constexpr std::string_view k_bold = "\033[1m";

std::string_view colour_of(core::Severity s) {
    switch (s) {
        case core::Severity::critical: return "\033[1;37;41m";
        case core::Severity::high: return "\033[1;31m";
        case core::Severity::medium: return "\033[1;33m";
        case core::Severity::low: return "\033[36m";
        case core::Severity::info: return "\033[2m";
    }
    return "";
}

std::string upper(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// Indents every line after the first by `indent`; control characters other
// than line breaks (from configuration files) are shown escaped.
std::string indented(std::string_view text, std::string_view indent) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        if (start > 0) out += "\n" + std::string(indent);
        out += core::printable(text.substr(start, end - start), 4000);
        start = end + 1;
    }
    return out;
}

void finding(std::string& out, const core::Finding& f, const WriteOptions& o) {
    const auto paint = [&](std::string_view code, std::string_view text) {
        return o.colour ? std::string(code) + std::string(text) + std::string(k_reset) : std::string(text);
    };
    out += fmt::format("  {} {}\n", paint(k_bold, "[" + f.check_id + "]"), paint(k_bold, f.title));
    if (!f.location.file.empty()) out += fmt::format("    where:  {}\n", f.location.to_string());
    out += fmt::format("    what:   {}\n", indented(f.message, "            "));
    if (!f.exposure.empty()) out += fmt::format("    why:    {}\n", indented(f.exposure, "            "));
    if (f.severity < f.base_severity) {
        out += fmt::format("    rated:  {} (it would be {} if the internet could reach it)\n",
                           core::to_string(f.severity), core::to_string(f.base_severity));
    }
    if (!f.remedy.empty()) out += fmt::format("    fix:    {}\n", indented(f.remedy, "            "));
    out += "\n";
}

}  // namespace

std::string write_text(const Report& report, const WriteOptions& options) {
    std::string out;
    const auto paint = [&](std::string_view code, std::string_view text) {
        return options.colour ? std::string(code) + std::string(text) + std::string(k_reset) : std::string(text);
    };
    out += paint(k_bold, "sipwarden " + report.command) + "\n";
    for (const auto& i : report.inputs) out += "  read: " + i + "\n";
    if (!report.assumptions.empty()) {
        out += "\n" + paint(k_bold, "Assumptions") + "\n";
        for (const auto& a : report.assumptions) out += "  - " + indented(a, "    ") + "\n";
    }
    for (const auto& s : report.sections) {
        out += "\n" + paint(k_bold, s.title) + "\n";
        for (const auto& l : s.lines) out += "  " + l + "\n";
    }
    for (auto sev : {core::Severity::critical, core::Severity::high, core::Severity::medium, core::Severity::low,
                     core::Severity::info}) {
        if (sev < options.min_severity) continue;
        std::size_t n = 0;
        for (const auto& f : report.findings) n += f.severity == sev ? 1 : 0;
        if (n == 0) continue;
        out += "\n" + paint(colour_of(sev), fmt::format("{} ({})", upper(core::to_string(sev)), n)) + "\n\n";
        for (const auto& f : report.findings) {
            if (f.severity == sev) finding(out, f, options);
        }
    }
    if (!report.problems.empty()) {
        out += "\n" + paint(k_bold, "Problems in the input") + "\n";
        for (const auto& p : report.problems) out += "  " + indented(p, "  ") + "\n";
    }
    const auto counts = severity_counts(report.findings);
    out += fmt::format("\n{} findings: {} critical, {} high, {} medium, {} low, {} info\n", report.findings.size(),
                       counts["critical"].get<int>(), counts["high"].get<int>(), counts["medium"].get<int>(),
                       counts["low"].get<int>(), counts["info"].get<int>());
    return out;
}

}  // namespace sipwarden::report
