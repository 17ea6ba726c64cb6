// YAML loading with positioned errors.
#include "config/yaml_file.h"

#include <fstream>
#include <sstream>

#include "core/text.h"

namespace sipwarden::config {

namespace {
core::Result<YamlFile> parse(const std::string& text, const std::string& name) {
    try {
        return YamlFile{name, YAML::Load(text)};
    } catch (const YAML::Exception& e) {
        core::Diagnostic d;
        d.where = {name, e.mark.line + 1, e.mark.column + 1};
        d.message = e.msg;
        std::istringstream lines(text);
        std::string line;
        for (int i = 0; i <= e.mark.line && std::getline(lines, line); ++i) {
        }
        d.line_text = line;
        return core::make_error(d.format());
    }
}
}  // namespace

core::Result<YamlFile> load_yaml_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::make_error(path + ": cannot open file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

core::Result<YamlFile> load_yaml_text(std::string_view text, const std::string& name) {
    return parse(std::string(text), name);
}

core::SourcePosition position(const YamlFile& file, const YAML::Node& node) {
    const auto mark = node.Mark();
    if (mark.is_null()) return {file.path, 0, 0};
    return {file.path, mark.line + 1, mark.column + 1};
}

void YamlReader::error(const YAML::Node& at, std::string message, std::string suggestion) {
    m_diagnostics.add(
        {core::Diagnostic::Level::error, position(m_file, at), std::move(message), {}, std::move(suggestion)});
}

void YamlReader::warning(const YAML::Node& at, std::string message) {
    m_diagnostics.add({core::Diagnostic::Level::warning, position(m_file, at), std::move(message), {}, {}});
}

bool YamlReader::check_keys(const YAML::Node& map, std::string_view where, std::span<const std::string_view> allowed) {
    if (!map) return true;
    if (!map.IsMap()) {
        error(map, std::string(where) + ": expected a mapping of keys to values");
        return false;
    }
    for (const auto& item : map) {
        const auto key = item.first.as<std::string>("");
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (known) continue;
        auto near = core::suggest(key, allowed);
        error(item.first, std::string(where) + ": unknown key '" + key + "'",
              near ? "did you mean '" + *near + "'?" : std::string());
    }
    return true;
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, std::string_view key) {
    const auto node = map[std::string(key)];
    if (!node) return std::nullopt;
    if (!node.IsScalar()) {
        error(node, "'" + std::string(key) + "': expected a single value");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<long long> YamlReader::integer(const YAML::Node& map, std::string_view key, long long min,
                                             long long max) {
    const auto text = string(map, key);
    if (!text) return std::nullopt;
    std::string_view digits = *text;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative) digits.remove_prefix(1);
    const auto value = core::parse_uint(digits, static_cast<std::uint64_t>(INT64_MAX));
    const long long signed_value =
        value ? (negative ? -static_cast<long long>(*value) : static_cast<long long>(*value)) : 0;
    if (!value || signed_value < min || signed_value > max) {
        error(map[std::string(key)], "'" + std::string(key) + "': expected a whole number from " + std::to_string(min) +
                                         " to " + std::to_string(max) + ", got '" + *text + "'");
        return std::nullopt;
    }
    return signed_value;
}

std::optional<double> YamlReader::number(const YAML::Node& map, std::string_view key, double min, double max) {
    const auto text = string(map, key);
    if (!text) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size() || value < min || value > max) {
        error(map[std::string(key)], "'" + std::string(key) + "': expected a number from " + std::to_string(min) +
                                         " to " + std::to_string(max) + ", got '" + *text + "'");
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, std::string_view key) {
    const auto text = string(map, key);
    if (!text) return std::nullopt;
    if (*text == "true" || *text == "yes" || *text == "on") return true;
    if (*text == "false" || *text == "no" || *text == "off") return false;
    error(map[std::string(key)], "'" + std::string(key) + "': expected true or false, got '" + *text + "'");
    return std::nullopt;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YAML::Node& map, std::string_view key) {
    const auto node = map[std::string(key)];
    if (!node) return std::nullopt;
    std::vector<std::string> out;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
        return out;
    }
    if (!node.IsSequence()) {
        error(node, "'" + std::string(key) + "': expected a value or a list of values");
        return std::nullopt;
    }
    for (const auto& item : node) {
        if (!item.IsScalar()) {
            error(item, "'" + std::string(key) + "': list items must be single values");
            return std::nullopt;
        }
        out.push_back(item.Scalar());
    }
    return out;
}

}  // namespace sipwarden::config
