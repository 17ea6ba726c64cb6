// `explain` text and the Markdown catalogue.
#include "audit/explain.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

namespace {

std::string severity_line(const CheckInfo& c) {
    std::string out;
    for (auto e : k_exposure_classes) {
        out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", to_string(e), core::to_string(c.severity_for(e)));
    }
    if (c.mitigated) out += fmt::format(", mitigated: {}", core::to_string(*c.mitigated));
    return out;
}

const SettingInfo* setting_of(const CheckInfo& c, std::string_view name) {
    for (const auto& s : c.settings) {
        const auto dot = s.name.rfind('.');
        if (core::iequals(s.name, name) ||
            (dot != std::string::npos && core::iequals(std::string_view(s.name).substr(dot + 1), name)) ||
            std::any_of(s.aliases.begin(), s.aliases.end(),
                        [&](const std::string& a) { return core::iequals(a, name); })) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace

core::Result<std::string> explain(const Knowledge& knowledge, std::string_view setting) {
    const auto checks = knowledge.about(setting);
    if (checks.empty()) {
        const auto names = knowledge.setting_names();
        const auto hint = core::suggest(setting, std::span<const std::string>(names));
        return core::make_error("no setting '" + std::string(setting) + "' in the knowledge base" +
                                (hint ? "; did you mean '" + *hint + "'?" : "") +
                                " (sipwarden explain --list names them all)");
    }
    std::string out;
    std::vector<const SettingInfo*> shown;
    for (const auto* c : checks) {
        const auto* s = setting_of(*c, setting);
        if (s == nullptr || std::find(shown.begin(), shown.end(), s) != shown.end()) continue;
        if (std::any_of(shown.begin(), shown.end(), [&](const SettingInfo* x) { return x->name == s->name; })) continue;
        shown.push_back(s);
        out += fmt::format("{}\n  what it does: {}\n  default:      {}\n\n", s->name, s->what, s->default_value);
    }
    out += "When it is dangerous:\n";
    for (const auto* c : checks) {
        out += fmt::format("\n  [{}] {}\n", c->id, c->title);
        out += fmt::format("    why:          {}\n", c->why);
        out += fmt::format("    matters when: {}\n", c->precondition);
        out += fmt::format("    severity:     {}\n", severity_line(*c));
        out += fmt::format("    fix:          {}\n", c->remedy);
        std::string snippet;
        for (auto line : core::split(c->snippet, '\n')) {
            if (!line.empty()) snippet += "                  " + std::string(line) + "\n";
        }
        out += snippet;
        for (const auto& r : c->references) out += fmt::format("    see:          {}\n", r);
    }
    return out;
}

std::string catalogue_markdown(const Knowledge& knowledge) {
    std::string out =
        "# Audit checks\n\n"
        "Generated from `knowledge/*.yaml` by `sipwarden explain --catalogue > docs/checks.md`; do not edit by hand.\n"
        "Severity depends on who can reach the service the check depends on (see docs/audit.md).\n\n"
        "| id | title | service | internet | provider | lan | localhost | nobody "
        "|\n|---|---|---|---|---|---|---|---|\n";
    for (const auto& c : knowledge.checks) {
        out += fmt::format("| `{}` | {} | {} |", c.id, c.title, c.service);
        for (auto e : k_exposure_classes) out += fmt::format(" {} |", core::to_string(c.severity_for(e)));
        out += "\n";
    }
    for (const auto& c : knowledge.checks) {
        out += fmt::format("\n## `{}`: {}\n\n", c.id, c.title);
        for (const auto& s : c.settings)
            out += fmt::format("- **{}** (default: {}): {}\n", s.name, s.default_value, s.what);
        out += fmt::format(
            "\n**Why it matters.** {}\n\n**Precondition.** {} (service: {}).\n\n**Severity.** {}.\n\n**Remedy.** "
            "{}\n\n```\n{}```\n\n",
            c.why, c.precondition, c.service, severity_line(c), c.remedy, c.snippet);
        out += "**References.**\n";
        for (const auto& r : c.references) out += fmt::format("- {}\n", r);
    }
    return out;
}

}  // namespace sipwarden::audit
