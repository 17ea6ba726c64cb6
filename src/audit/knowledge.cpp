// Loading and validating knowledge/*.yaml.
#include "audit/knowledge.h"

#include <algorithm>
#include <stdexcept>

#include "config/yaml_file.h"
#include "core/text.h"

namespace sipwarden::audit {

std::string_view to_string(ExposureClass exposure) {
    switch (exposure) {
        case ExposureClass::internet: return "internet";
        case ExposureClass::provider: return "provider";
        case ExposureClass::lan: return "lan";
        case ExposureClass::localhost: return "localhost";
        case ExposureClass::nobody: return "nobody";
    }
    return "nobody";
}

const CheckInfo* Knowledge::check(std::string_view id) const {
    const auto it = std::lower_bound(checks.begin(), checks.end(), id,
                                     [](const CheckInfo& c, std::string_view v) { return c.id < v; });
    return it != checks.end() && it->id == id ? &*it : nullptr;
}

std::vector<const CheckInfo*> Knowledge::about(std::string_view setting) const {
    std::vector<const CheckInfo*> out;
    for (const auto& c : checks) {
        const bool hit = std::any_of(c.settings.begin(), c.settings.end(), [&](const SettingInfo& s) {
            if (core::iequals(s.name, setting)) return true;
            const auto dot = s.name.rfind('.');
            if (dot != std::string::npos && core::iequals(std::string_view(s.name).substr(dot + 1), setting))
                return true;
            return std::any_of(s.aliases.begin(), s.aliases.end(),
                               [&](const std::string& a) { return core::iequals(a, setting); });
        });
        if (hit) out.push_back(&c);
    }
    return out;
}

std::vector<std::string> Knowledge::setting_names() const {
    std::vector<std::string> out;
    for (const auto& c : checks) {
        for (const auto& s : c.settings) {
            out.push_back(s.name);
            if (const auto dot = s.name.rfind('.'); dot != std::string::npos) out.push_back(s.name.substr(dot + 1));
            out.insert(out.end(), s.aliases.begin(), s.aliases.end());
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

constexpr std::array<std::string_view, 14> k_check_keys{
    "id",       "title",  "platform", "settings",   "why",  "service",   "precondition",
    "severity", "remedy", "snippet",  "references", "tags", "mitigated", "notes"};
constexpr std::array<std::string_view, 4> k_setting_keys{"name", "aliases", "what", "default"};
constexpr std::array<std::string_view, 5> k_severity_keys{"internet", "provider", "lan", "localhost", "nobody"};
constexpr std::array<std::string_view, 10> k_services{"sip", "rtp", "iax",      "ami", "http",
                                                      "ari", "esl", "kamailio", "any", "firewall"};

std::optional<core::Severity> severity(config::YamlReader& reader, const YAML::Node& map, std::string_view key) {
    const auto text = reader.string(map, key);
    if (!text) return std::nullopt;
    const auto s = core::parse_severity(*text);
    if (!s)
        reader.error(map[std::string(key)], "'" + *text + "' is not a severity (info, low, medium, high, critical)");
    return s;
}

SettingInfo setting(config::YamlReader& reader, const YAML::Node& node) {
    SettingInfo s;
    reader.check_keys(node, "settings[]", k_setting_keys);
    s.name = reader.string(node, "name").value_or("");
    s.aliases = reader.string_list(node, "aliases").value_or(std::vector<std::string>{});
    s.what = reader.string(node, "what").value_or("");
    s.default_value = reader.string(node, "default").value_or("");
    if (s.name.empty() || s.what.empty() || s.default_value.empty()) {
        reader.error(node, "a setting needs name, what and default");
    }
    return s;
}

void require(config::YamlReader& reader, const YAML::Node& node, const CheckInfo& c) {
    const std::pair<std::string_view, const std::string*> fields[] = {
        {"id", &c.id},         {"title", &c.title},     {"platform", &c.platform},
        {"why", &c.why},       {"service", &c.service}, {"precondition", &c.precondition},
        {"remedy", &c.remedy}, {"snippet", &c.snippet}};
    for (const auto& [name, value] : fields) {
        if (value->empty()) reader.error(node, "check " + c.id + ": '" + std::string(name) + "' is required");
    }
    if (c.settings.empty()) reader.error(node, "check " + c.id + ": at least one entry in 'settings' is required");
    if (c.references.empty()) reader.error(node, "check " + c.id + ": at least one reference is required");
    if (!c.service.empty() && std::find(k_services.begin(), k_services.end(), c.service) == k_services.end()) {
        reader.error(node["service"], "check " + c.id + ": unknown service '" + c.service + "'");
    }
}

CheckInfo check(config::YamlReader& reader, const YAML::Node& node) {
    CheckInfo c;
    reader.check_keys(node, "checks[]", k_check_keys);
    c.where = config::position(reader.file(), node);
    c.id = reader.string(node, "id").value_or("");
    c.title = reader.string(node, "title").value_or("");
    c.platform = reader.string(node, "platform").value_or("");
    c.why = reader.string(node, "why").value_or("");
    c.service = reader.string(node, "service").value_or("");
    c.precondition = reader.string(node, "precondition").value_or("");
    c.remedy = reader.string(node, "remedy").value_or("");
    c.snippet = reader.string(node, "snippet").value_or("");
    c.references = reader.string_list(node, "references").value_or(std::vector<std::string>{});
    c.tags = reader.string_list(node, "tags").value_or(std::vector<std::string>{});
    if (const auto settings = node["settings"]; settings && settings.IsSequence()) {
        for (const auto& s : settings) c.settings.push_back(setting(reader, s));
    }
    const auto sev = node["severity"];
    if (sev && reader.check_keys(sev, "severity", k_severity_keys)) {
        for (std::size_t i = 0; i < k_severity_keys.size(); ++i) {
            if (auto s = severity(reader, sev, k_severity_keys[i])) {
                c.severity[i] = *s;
            } else {
                reader.error(sev, "check " + c.id + ": severity." + std::string(k_severity_keys[i]) + " is required");
            }
        }
    } else {
        reader.error(node, "check " + c.id + ": 'severity' (by exposure class) is required");
    }
    c.mitigated = severity(reader, node, "mitigated");
    require(reader, node, c);
    return c;
}

}  // namespace

Knowledge load_knowledge(std::span<const KnowledgeFile> files, core::DiagnosticList& diagnostics) {
    Knowledge out;
    for (const auto& f : files) {
        auto yaml = config::load_yaml_text(f.text, std::string(f.name));
        if (!yaml) {
            diagnostics.add(core::Diagnostic{
                core::Diagnostic::Level::error, {std::string(f.name), 0, 0}, yaml.error().message, {}, {}});
            continue;
        }
        config::YamlReader reader(*yaml, diagnostics);
        constexpr std::array<std::string_view, 1> top{"checks"};
        if (!reader.check_keys(yaml->root, std::string(f.name), top)) continue;
        const auto list = yaml->root["checks"];
        if (!list || !list.IsSequence()) {
            reader.error(yaml->root, "expected 'checks:' with a list of checks");
            continue;
        }
        for (const auto& node : list) {
            auto c = check(reader, node);
            if (out.check(c.id) != nullptr ||
                std::any_of(out.checks.begin(), out.checks.end(), [&](const CheckInfo& x) { return x.id == c.id; })) {
                reader.error(node, "check id '" + c.id + "' is defined twice");
                continue;
            }
            out.checks.push_back(std::move(c));
        }
    }
    std::sort(out.checks.begin(), out.checks.end(), [](const CheckInfo& a, const CheckInfo& b) { return a.id < b.id; });
    return out;
}

const Knowledge& builtin_knowledge() {
    static const Knowledge knowledge = [] {
        core::DiagnosticList diagnostics;
        auto k = load_knowledge(embedded_knowledge(), diagnostics);
        if (diagnostics.has_errors()) {
            throw std::logic_error("embedded knowledge is invalid: " + diagnostics.items().front().format());
        }
        return k;
    }();
    return knowledge;
}

}  // namespace sipwarden::audit
