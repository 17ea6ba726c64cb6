// extensions.conf into contexts, extensions and their priorities: `exten =>`,
// `same =>`, `include =>`, labels `n(name)`, [globals] and [general].
#include <algorithm>
#include <cstdint>

#include "audit/asterisk_model.h"
#include "core/text.h"

namespace sipwarden::audit {

const DialplanContext* Dialplan::context(std::string_view name) const {
    const auto it = contexts.find(core::to_lower(name));
    return it == contexts.end() ? nullptr : &it->second;
}

std::optional<std::string> Dialplan::global(std::string_view name) const {
    std::string upper;
    for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto it = globals.find(upper);
    if (it == globals.end()) return std::nullopt;
    return it->second.value;
}

namespace {

using Level = core::Diagnostic::Level;

// The extension that `same =>` continues: an index, as the vector may grow.
struct ExtensionCursor {
    DialplanContext* context = nullptr;
    std::size_t index = SIZE_MAX;
    int last_priority = 0;
    Extension* extension() const { return index == SIZE_MAX ? nullptr : &context->extensions[index]; }
};

// "Dial(PJSIP/${EXTEN},30)" -> {"Dial", "PJSIP/${EXTEN},30"}; also "Dial,SIP/100" (old style).
std::pair<std::string, std::string> split_application(std::string_view text) {
    text = core::trim(text);
    const auto paren = text.find('(');
    const auto comma = text.find(',');
    if (paren != std::string_view::npos && (comma == std::string_view::npos || paren < comma)) {
        auto close = text.rfind(')');
        if (close == std::string_view::npos || close < paren) close = text.size();
        return {std::string(core::trim(text.substr(0, paren))), std::string(text.substr(paren + 1, close - paren - 1))};
    }
    if (comma != std::string_view::npos) {
        return {std::string(core::trim(text.substr(0, comma))), std::string(text.substr(comma + 1))};
    }
    return {std::string(text), {}};
}

class DialplanBuilder {
public:
    explicit DialplanBuilder(core::DiagnosticList& diagnostics) : m_diagnostics(diagnostics) {}

    Dialplan build(const ConfFile& file) {
        m_plan.present = file.found;
        for (const auto& section : file.sections) {
            if (section.is_template) continue;
            const auto name = core::to_lower(section.name);
            if (name == "general") {
                m_plan.general = section;
            } else if (name == "globals") {
                for (const auto& e : section.entries) m_plan.globals[upper(e.key)] = e;
            } else {
                add_context(section);
            }
        }
        for (auto& [name, context] : m_plan.contexts) {
            for (auto& ext : context.extensions) {
                std::stable_sort(ext.steps.begin(), ext.steps.end(),
                                 [](const DialplanStep& a, const DialplanStep& b) { return a.priority < b.priority; });
            }
        }
        return std::move(m_plan);
    }

private:
    static std::string upper(std::string_view s) {
        std::string out;
        for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return out;
    }

    void add_context(const ConfSection& section) {
        auto& context = m_plan.contexts[core::to_lower(section.name)];
        if (context.name.empty()) {
            context.name = section.name;
            context.where = section.where;
        }
        ExtensionCursor cursor;
        for (const auto& e : section.entries) {
            const auto key = core::to_lower(e.key);
            if (key == "exten") {
                exten(context, e, cursor);
            } else if (key == "same") {
                same(e, cursor);
            } else if (key == "include") {
                context.includes.push_back({std::string(core::trim(e.value.substr(0, e.value.find(',')))), e.where});
            } else if (key == "switch" || key == "lswitch" || key == "eswitch") {
                context.switches.push_back(e);
            } else if (key != "ignorepat") {
                warning(e, "unknown dialplan keyword '" + e.key + "' in [" + section.name + "]",
                        "expected exten, same, include, switch or ignorepat");
            }
        }
    }

    static std::size_t extension(DialplanContext& context, const std::string& name, const std::string& cid,
                                 const core::SourcePosition& where) {
        for (std::size_t i = 0; i < context.extensions.size(); ++i) {
            if (context.extensions[i].name == name && context.extensions[i].caller_id == cid) return i;
        }
        context.extensions.push_back({name, cid, {}, where});
        return context.extensions.size() - 1;
    }

    void exten(DialplanContext& context, const ConfEntry& e, ExtensionCursor& cursor) {
        const auto comma = e.value.find(',');
        if (comma == std::string::npos) {
            warning(e, "exten without a priority and an application", "write exten => NAME,PRIORITY,Application(args)");
            return;
        }
        std::string name(core::trim(std::string_view(e.value).substr(0, comma)));
        const auto rest = std::string_view(e.value).substr(comma + 1);
        if (core::istarts_with(core::trim(rest), "hint")) return;  // device state hints are not executed
        std::string cid;
        if (const auto slash = name.find('/'); slash != std::string::npos && slash > 0) {
            cid = name.substr(slash + 1);
            name = name.substr(0, slash);
        }
        const auto index = extension(context, name, cid, e.where);
        if (cursor.index != index) cursor.last_priority = 0;
        cursor.context = &context;
        cursor.index = index;
        priority_and_app(std::string_view(e.value).substr(comma + 1), e, cursor);
    }

    void same(const ConfEntry& e, ExtensionCursor& cursor) {
        if (cursor.extension() == nullptr) {
            warning(e, "'same' before any 'exten' in this context", "start with exten => NAME,1,Application()");
            return;
        }
        priority_and_app(e.value, e, cursor);
    }

    void priority_and_app(std::string_view text, const ConfEntry& e, ExtensionCursor& cursor) {
        const auto comma = text.find(',');
        std::string_view prio = core::trim(text.substr(0, comma));
        const std::string_view app = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (core::iequals(prio, "hint")) return;  // device state hints are not executed
        DialplanStep step;
        step.where = e.where;
        if (const auto open = prio.find('('); open != std::string_view::npos) {
            const auto close = prio.find(')', open);
            step.label = std::string(prio.substr(open + 1, close == std::string_view::npos ? close : close - open - 1));
            prio = prio.substr(0, open);
        }
        if (prio == "n" || core::istarts_with(prio, "n+")) {
            step.priority = cursor.last_priority + 1;
        } else if (prio == "s") {
            step.priority = cursor.last_priority;
        } else if (auto number = core::parse_uint(prio, 1'000'000)) {
            step.priority = static_cast<int>(*number);
        } else {
            warning(e, "priority '" + std::string(prio) + "' is not a number, n, s or hint", "");
            return;
        }
        cursor.last_priority = step.priority;
        auto [name, args] = split_application(app);
        step.app = std::move(name);
        step.args = std::move(args);
        cursor.extension()->steps.push_back(std::move(step));
    }

    void warning(const ConfEntry& e, std::string message, std::string hint) {
        m_diagnostics.add(make_diagnostic(Level::warning, e.where, std::move(message), {}, std::move(hint)));
    }

    core::DiagnosticList& m_diagnostics;
    Dialplan m_plan;
};

}  // namespace

Dialplan build_dialplan(const ConfFile& extensions, core::DiagnosticList& diagnostics) {
    return DialplanBuilder(diagnostics).build(extensions);
}

}  // namespace sipwarden::audit
