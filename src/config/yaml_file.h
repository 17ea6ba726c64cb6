// Loading sipwarden's YAML files (sipwarden.yaml, rules, knowledge) with
// errors that name file:line:col, and the checks every section reader shares:
// unknown keys (with near-miss suggestions) and typed scalar reads.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace sipwarden::config {

// A parsed YAML document and the file it came from (for positions).
struct YamlFile {
    std::string path;
    YAML::Node root;
};

core::Result<YamlFile> load_yaml_file(const std::string& path);
core::Result<YamlFile> load_yaml_text(std::string_view text, const std::string& name);

// The position of `node` in `file` (1-based line and column).
core::SourcePosition position(const YamlFile& file, const YAML::Node& node);

// Collects problems found while reading one YAML file.
class YamlReader {
public:
    YamlReader(const YamlFile& file, core::DiagnosticList& diagnostics) : m_file(file), m_diagnostics(diagnostics) {}

    const YamlFile& file() const { return m_file; }
    void error(const YAML::Node& at, std::string message, std::string suggestion = {});
    void warning(const YAML::Node& at, std::string message);

    // Reports every key of `map` not in `allowed` ("did you mean ...?").
    // False when `map` is present but not a mapping.
    bool check_keys(const YAML::Node& map, std::string_view where, std::span<const std::string_view> allowed);

    // Typed reads: nullopt (and an error) when present but of the wrong type;
    // nullopt without an error when absent.
    std::optional<std::string> string(const YAML::Node& map, std::string_view key);
    std::optional<long long> integer(const YAML::Node& map, std::string_view key, long long min, long long max);
    std::optional<double> number(const YAML::Node& map, std::string_view key, double min, double max);
    std::optional<bool> boolean(const YAML::Node& map, std::string_view key);
    // A scalar or a sequence of scalars, as strings.
    std::optional<std::vector<std::string>> string_list(const YAML::Node& map, std::string_view key);

private:
    const YamlFile& m_file;
    core::DiagnosticList& m_diagnostics;
};

}  // namespace sipwarden::config
