// The FreeSWITCH XML dialplan simulator behind the toll-fraud check: the
// first extension whose conditions hold takes the call (unless continue),
// regular expressions capture $1.., transfer/execute_extension/loopback move
// to other contexts, bridge to a gateway sends the call out.
#include <map>

// GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s <regex> automaton
// when building with -fsanitize (a known false positive in the library's own
// code); it is silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <regex>

#include "audit/toll_fraud.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

class RegexCache {
public:
    explicit RegexCache(std::size_t max_length) : m_max_length(max_length) {}
    // nullptr when the expression is too long or not understood (PCRE-only syntax).
    const std::regex* get(const std::string& expression) {
        const auto it = m_cache.find(expression);
        if (it != m_cache.end()) return it->second ? &*it->second : nullptr;
        std::optional<std::regex> compiled;
        if (expression.size() <= m_max_length) {
            try {
                compiled.emplace(expression, std::regex::ECMAScript);
            } catch (const std::regex_error&) {
                // An expression std::regex cannot compile is treated as not matching.
            }
        }
        auto& slot = m_cache[expression];
        slot = std::move(compiled);
        return slot ? &*slot : nullptr;
    }

private:
    std::size_t m_max_length;
    std::map<std::string, std::optional<std::regex>> m_cache;
};

class FsSimulator {
public:
    FsSimulator(const FreeswitchConfig& config, const Probe& probe, const Limits& limits, RegexCache& regexes)
        : m_config(config), m_probe(probe), m_limits(limits), m_regexes(regexes) {}

    bool route(const std::string& context, const std::string& number, int depth) {
        if (depth > m_limits.max_dialplan_depth || ++m_steps > m_limits.max_dialplan_steps) return false;
        const auto* ctx = m_config.context(context);
        if (ctx == nullptr) return false;
        for (const auto& ext : ctx->extensions) {
            std::vector<std::string> captures{number};
            std::vector<const FsAction*> actions;
            if (!conditions_hold(ext, number, captures, actions)) continue;
            const auto mark = m_path.size();
            m_path.push_back({"extension '" + ext.name + "' in context " + context + " takes " + number, ext.where});
            for (const auto* a : actions) {
                m_context = context;
                if (execute(*a, captures, number, depth)) return true;
            }
            m_path.resize(mark);
            if (!ext.continue_on_match) return false;
        }
        return false;
    }

    const std::vector<PathStep>& path() const { return m_path; }

private:
    bool conditions_hold(const FsExtension& ext, const std::string& number, std::vector<std::string>& captures,
                         std::vector<const FsAction*>& actions) {
        bool all = true;
        for (const auto& cond : ext.conditions) {
            const bool holds = evaluate(cond, number, captures);
            for (const auto& a : cond.actions) {
                if (a.anti != holds) actions.push_back(&a);
            }
            if (!holds) {
                all = false;
                if (cond.break_on.empty() || cond.break_on == "on-false" || cond.break_on == "always") break;
            } else if (cond.break_on == "on-true" || cond.break_on == "always") {
                break;
            }
        }
        return all && !actions.empty();
    }

    bool evaluate(const FsCondition& cond, const std::string& number, std::vector<std::string>& captures) {
        if (cond.field.empty() && cond.expression.empty()) return true;
        const bool destination = cond.field == "destination_number" || cond.field == "${destination_number}";
        if (!destination) return true;  // caller data, time, variables: not known here, assumed to hold
        const auto* re = m_regexes.get(cond.expression);
        if (re == nullptr) return false;
        std::smatch m;
        if (!std::regex_search(number, m, *re)) return false;
        captures.assign(m.begin(), m.end());
        return true;
    }

    static std::string substitute(std::string text, const std::vector<std::string>& captures,
                                  const std::string& number) {
        for (std::size_t at = text.find("${destination_number}"); at != std::string::npos;
             at = text.find("${destination_number}", at + number.size())) {
            text.replace(at, 21, number);
        }
        for (std::size_t i = 0; i + 1 < text.size(); ++i) {
            if (text[i] == '$' && core::is_digit(text[i + 1])) {
                const auto n = static_cast<std::size_t>(text[i + 1] - '0');
                const std::string value = n < captures.size() ? captures[n] : "";
                text.replace(i, 2, value);
                i += value.size() > 0 ? value.size() - 1 : 0;
            }
        }
        return text;
    }

    bool execute(const FsAction& a, const std::vector<std::string>& captures, const std::string& number, int depth) {
        const auto app = core::to_lower(a.application);
        const auto data = substitute(a.data, captures, number);
        if (app == "transfer" || app == "execute_extension") {
            const auto words = core::split(core::trim(data), ' ');
            std::vector<std::string_view> parts;
            for (auto w : words) {
                if (!w.empty()) parts.push_back(w);
            }
            if (parts.empty()) return false;
            const std::string context = parts.size() >= 3 ? std::string(parts[2]) : std::string(current_context());
            m_path.push_back({a.application + " " + data, a.where});
            if (route(context.empty() ? "default" : context, std::string(parts[0]), depth + 1)) return true;
            m_path.pop_back();
            return false;
        }
        if (app == "bridge") {
            for (auto target : core::split(data, ',')) {
                for (auto t : core::split(target, '|')) {
                    const auto s =
                        std::string(core::trim(t.substr(t.find('}') == std::string_view::npos ? 0 : t.find('}') + 1)));
                    if (s.find(m_probe.core) == std::string::npos) continue;
                    if (core::istarts_with(s, "loopback/")) {
                        const auto target_text = s.substr(9);  // split() borrows: keep the text alive
                        const auto parts = core::split(target_text, '/');
                        m_path.push_back({"bridge " + s + ": a loopback call", a.where});
                        if (route(parts.size() > 1 ? std::string(parts[1]) : "default", std::string(parts[0]),
                                  depth + 1))
                            return true;
                        m_path.pop_back();
                        continue;
                    }
                    if (core::istarts_with(s, "user/")) continue;  // a registered user, not a trunk
                    m_path.push_back({"bridge " + s + " sends the number out", a.where});
                    return true;
                }
            }
        }
        return false;
    }

    std::string_view current_context() const { return m_context; }

    const FreeswitchConfig& m_config;
    const Probe& m_probe;
    const Limits& m_limits;
    RegexCache& m_regexes;
    std::vector<PathStep> m_path;
    std::string m_context;
    int m_steps = 0;
};

}  // namespace

std::optional<FraudPath> find_fraud_path(const FreeswitchConfig& config, const std::string& context,
                                         const std::vector<Probe>& probes, const Limits& limits) {
    RegexCache regexes(limits.max_pattern_length);
    for (const auto& probe : probes) {
        FsSimulator sim(config, probe, limits, regexes);
        if (sim.route(context, probe.number, 0)) return FraudPath{probe, sim.path()};
    }
    return std::nullopt;
}

}  // namespace sipwarden::audit
