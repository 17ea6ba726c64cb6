// A report of findings as the writers see it: the findings themselves, the
// rules (checks) that produced them with their descriptions (SARIF
// reportingDescriptors), the assumptions made, and free-form sections such as
// an exposure table. Independent of where the findings came from.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/severity.h"

namespace sipwarden::report {

struct RuleDescriptor {
    std::string id;
    std::string title;        // short description
    std::string description;  // full description: what and why
    std::string help;         // remedy (may hold a configuration snippet)
    core::Severity default_severity = core::Severity::medium;
    std::vector<std::string> tags;
    std::vector<std::string> references;
};

// A titled block of lines for text/HTML, with the same content as JSON.
struct Section {
    std::string title;
    std::vector<std::string> lines;
    nlohmann::json data;  // written as report[key] in JSON, when not null
    std::string key;
};

struct Report {
    std::string tool = "sipwarden";
    std::string version;
    std::string command;                   // e.g. "audit"
    std::vector<std::string> inputs;       // what was read
    std::vector<std::string> assumptions;  // stated in every format
    std::vector<core::Finding> findings;   // most severe first
    std::vector<RuleDescriptor> rules;     // every rule that could produce a finding
    std::vector<Section> sections;
    std::vector<std::string> problems;  // input diagnostics, formatted
};

enum class Format { text, json, sarif, html };

// The explicit list of formats, in the order --help shows them.
struct FormatInfo {
    Format format;
    std::string_view name;
};
std::span<const FormatInfo> formats();
std::optional<Format> parse_format(std::string_view name);

struct WriteOptions {
    bool colour = false;                                 // text only: ANSI colours (a terminal)
    core::Severity min_severity = core::Severity::info;  // text only: hide findings below
};

std::string write(const Report& report, Format format, const WriteOptions& options = {});
std::string write_text(const Report& report, const WriteOptions& options);
std::string write_json(const Report& report);
std::string write_sarif(const Report& report);
std::string write_html(const Report& report);

// Counts of findings by severity: {"critical": n, ...}.
nlohmann::json severity_counts(const std::vector<core::Finding>& findings);

}  // namespace sipwarden::report
