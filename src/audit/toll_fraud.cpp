// The Asterisk dialplan simulator behind the toll-fraud check. It runs one
// probe number at a time through the dialplan, following every branch it
// cannot decide (GotoIf both ways), with step and depth limits.
#include "audit/toll_fraud.h"

#include <algorithm>

#include "audit/dialplan_eval.h"
#include "core/text.h"

namespace sipwarden::audit {

std::vector<Probe> fraud_probes(const config::Dialing& dialing) {
    // Fictitious destinations in real formats: a UK number in the range Ofcom
    // keeps for drama (020 7946 0xxx), a US 1-900 and a UK 09 premium number.
    const std::string uk = "442079460123";
    std::vector<Probe> out{
        {"00" + uk, "international, 00 prefix", uk},
        {"011" + uk, "international, 011 prefix", uk},
        {"+" + uk, "international, + prefix", uk},
        {"19005550123", "premium rate, NANP 1-900", "9005550123"},
        {"09065550123", "premium rate, UK 09", "9065550123"},
    };
    const auto add = [&](Probe p) {
        if (std::none_of(out.begin(), out.end(), [&](const Probe& x) { return x.number == p.number; }))
            out.push_back(std::move(p));
    };
    if (!dialing.international_prefix.empty())
        add({dialing.international_prefix + uk, "international, site prefix " + dialing.international_prefix, uk});
    for (const auto& outside : {std::string("9"), dialing.outside_line_prefix}) {
        if (outside.empty()) continue;
        add({outside + "011" + uk, "international after outside-line prefix " + outside, uk});
        add({outside + "00" + uk, "international after outside-line prefix " + outside, uk});
        add({outside + "19005550123", "premium rate after outside-line prefix " + outside, "9005550123"});
    }
    return out;
}

namespace {

struct Frame {
    const DialplanContext* context = nullptr;
    std::string exten;
    ChannelVars vars;
};

class AsteriskSimulator {
public:
    AsteriskSimulator(const Dialplan& plan, const Probe& probe, const Limits& limits)
        : m_plan(plan), m_probe(probe), m_limits(limits) {}

    // The caller dials `number` into `context`.
    bool dial_into(const std::string& context, const std::string& number, int depth) {
        const auto* ctx = m_plan.context(context);
        if (ctx == nullptr) return false;
        std::vector<PathStep> include_path;
        std::vector<const DialplanContext*> seen;
        const auto* ext = find_extension(*ctx, number, include_path, seen, 0);
        if (ext == nullptr) return false;
        const auto mark = m_path.size();
        m_path.insert(m_path.end(), include_path.begin(), include_path.end());
        m_path.push_back({"extension " + ext->name + " matches " + number, ext->where});
        Frame frame{find_owner(*ctx, *ext), number, ChannelVars(&m_plan)};
        frame.vars.set("EXTEN", number);
        if (run(frame, *ext, 0, depth)) return true;
        m_path.resize(mark);
        return false;
    }

    // A trunk call to any of the context's extensions; the caller can only
    // steer it with digits where the dialplan asks for them.
    bool walk_extensions(const std::string& context, int depth) {
        const auto* ctx = m_plan.context(context);
        if (ctx == nullptr) return false;
        std::vector<const DialplanContext*> contexts;
        collect_contexts(*ctx, contexts, 0);
        for (const auto* c : contexts) {
            for (const auto& ext : c->extensions) {
                const auto number = sample_number(ext.name);
                const auto mark = m_path.size();
                m_path.push_back({"a call to extension " + ext.name + " in [" + c->name + "]", ext.where});
                Frame frame{c, number, ChannelVars(&m_plan)};
                frame.vars.set("EXTEN", number);
                m_caller_digits_only = true;
                if (run(frame, ext, 0, depth)) return true;
                m_path.resize(mark);
            }
        }
        return false;
    }

    const std::vector<PathStep>& path() const { return m_path; }

private:
    const DialplanContext* find_owner(const DialplanContext& start, const Extension& ext) const {
        // The context that holds `ext` (it may come from an include).
        std::vector<const DialplanContext*> all;
        collect_contexts(start, all, 0);
        for (const auto* c : all) {
            for (const auto& e : c->extensions) {
                if (&e == &ext) return c;
            }
        }
        return &start;
    }

    void collect_contexts(const DialplanContext& ctx, std::vector<const DialplanContext*>& out, int depth) const {
        if (depth > m_limits.max_dialplan_depth || std::find(out.begin(), out.end(), &ctx) != out.end()) return;
        out.push_back(&ctx);
        for (const auto& inc : ctx.includes) {
            if (const auto* c = m_plan.context(inc.context)) collect_contexts(*c, out, depth + 1);
        }
    }

    // Asterisk's search: the context's own extensions (best match), then each include in order.
    const Extension* find_extension(const DialplanContext& ctx, const std::string& number, std::vector<PathStep>& path,
                                    std::vector<const DialplanContext*>& seen, int depth) const {
        if (depth > m_limits.max_dialplan_depth || std::find(seen.begin(), seen.end(), &ctx) != seen.end())
            return nullptr;
        seen.push_back(&ctx);
        const Extension* best = nullptr;
        for (const auto& e : ctx.extensions) {
            if (!e.caller_id.empty() || !extension_matches(e.name, number)) continue;
            if (best == nullptr || compare_specificity(e.name, best->name) < 0) best = &e;
        }
        if (best != nullptr) return best;
        for (const auto& inc : ctx.includes) {
            const auto* c = m_plan.context(inc.context);
            if (c == nullptr) continue;
            path.push_back({"[" + ctx.name + "] includes [" + c->name + "]", inc.where});
            if (const auto* found = find_extension(*c, number, path, seen, depth + 1)) return found;
            path.pop_back();
        }
        return nullptr;
    }

    static std::size_t step_index(const Extension& ext, std::string_view priority) {
        for (std::size_t i = 0; i < ext.steps.size(); ++i) {
            if (ext.steps[i].label == priority || std::to_string(ext.steps[i].priority) == priority) return i;
        }
        return SIZE_MAX;
    }

    bool budget() { return ++m_steps <= m_limits.max_dialplan_steps; }

    // Runs `ext` from step `index`; true when a path to a trunk was found.
    bool run(Frame& frame, const Extension& ext, std::size_t index, int depth) {
        if (depth > m_limits.max_dialplan_depth) return false;
        for (std::size_t i = index; i < ext.steps.size(); ++i) {
            if (!budget()) return false;
            const auto& step = ext.steps[i];
            const auto app = core::to_lower(step.app);
            const auto args = frame.vars.substitute(step.args);
            if (app == "hangup" || app == "return" || app == "macroexit" || app == "congestion" || app == "busy")
                return false;
            if (app == "set" || app == "mset") {
                set_var(frame, step.args);
            } else if (app == "goto") {
                return jump(frame, step, step.args, depth, false);
            } else if (app == "gotoif" || app == "gotoiftime" || app == "gosubif") {
                const auto [yes, no] = conditional_targets(step.args);
                const bool gosub = app == "gosubif";
                if (!yes.empty() && jump(frame, step, yes, depth, gosub)) return true;
                if (!no.empty() && jump(frame, step, no, depth, gosub)) return true;
                if ((yes.empty() || no.empty() || gosub) && app != "goto") continue;
                return false;
            } else if (app == "gosub") {
                if (jump(frame, step, step.args, depth, true)) return true;
            } else if (app == "macro") {
                if (macro(frame, step, depth)) return true;
            } else if (app == "dial" || app == "queue" || app == "followme") {
                if (dial(frame, step, args.text, depth)) return true;
            } else if (app == "disa") {
                if (caller_digits(step,
                                  split_args(args.text).size() > 1 ? split_args(args.text)[1] : frame.context->name,
                                  "DISA", depth))
                    return true;
            } else if (app == "background" || app == "waitexten" || app == "read") {
                if (app != "read" && caller_digits(step, frame.context->name, step.app, depth)) return true;
            }
        }
        return false;
    }

    void set_var(Frame& frame, std::string_view args) {
        const auto eq = args.find('=');
        if (eq == std::string_view::npos) return;
        const auto value = frame.vars.substitute(args.substr(eq + 1));
        if (value.complete) frame.vars.set(std::string(core::trim(args.substr(0, eq))), value.text);
    }

    // The caller enters digits and Asterisk looks them up in `context`.
    bool caller_digits(const DialplanStep& step, const std::string& context, const std::string& how, int depth) {
        if (m_in_digits >= 2) return false;  // one nested IVR or DISA level is enough to show a path
        ++m_in_digits;
        m_path.push_back({how + " lets the caller enter a number in [" + context + "]", step.where});
        const bool found = dial_into(context, m_probe.number, depth + 1);
        if (!found) m_path.pop_back();
        --m_in_digits;
        return found;
    }

    bool jump(Frame& frame, const DialplanStep& step, std::string_view spec, int depth, bool gosub) {
        const auto target = parse_jump(spec);
        const auto ctx_name = target.context.empty() ? frame.context->name : frame.vars.substitute(target.context).text;
        const auto exten = target.exten.empty() ? Substituted{frame.exten, true} : frame.vars.substitute(target.exten);
        const auto prio = frame.vars.substitute(target.priority).text;
        if (!exten.complete) return false;
        const auto* ctx = m_plan.context(ctx_name);
        if (ctx == nullptr) return false;
        std::vector<PathStep> include_path;
        std::vector<const DialplanContext*> seen;
        const auto* ext = find_extension(*ctx, exten.text, include_path, seen, 0);
        if (ext == nullptr) return false;
        const auto index = step_index(*ext, prio);
        if (index == SIZE_MAX) return false;
        const auto mark = m_path.size();
        m_path.push_back({step.app + "(" + std::string(spec) + ") to [" + ctx->name + "] " + exten.text, step.where});
        m_path.insert(m_path.end(), include_path.begin(), include_path.end());
        Frame next{find_owner(*ctx, *ext), exten.text, frame.vars};
        next.vars.set("EXTEN", exten.text);
        for (std::size_t i = 0; i < target.args.size(); ++i) {
            const auto v = frame.vars.substitute(target.args[i]);
            next.vars.set("ARG" + std::to_string(i + 1), v.complete ? v.text : "${UNKNOWN}");
        }
        if (run(next, *ext, index, depth + 1)) return true;
        m_path.resize(mark);
        (void)gosub;
        return false;
    }

    bool macro(Frame& frame, const DialplanStep& step, int depth) {
        const auto args = split_args(step.args);
        const auto name = frame.vars.substitute(args[0]).text;
        const auto* ctx = m_plan.context("macro-" + name);
        if (ctx == nullptr) {
            // FreePBX's outbound-route macros live in extensions.conf, which may not have been given.
            if (core::istarts_with(name, "dialout") && args.size() > 2) {
                const auto number = frame.vars.substitute(args[2]);
                if (carries_number(number.text)) {
                    m_path.push_back(
                        {"Macro(" + step.args + "): FreePBX sends the call out through an outbound route's trunk",
                         step.where});
                    return true;
                }
            }
            return false;
        }
        Frame next{ctx, "s", frame.vars};
        for (std::size_t i = 1; i < args.size(); ++i) {
            const auto v = frame.vars.substitute(args[i]);
            next.vars.set("ARG" + std::to_string(i), v.complete ? v.text : "${UNKNOWN}");
        }
        std::vector<PathStep> include_path;
        std::vector<const DialplanContext*> seen;
        const auto* ext = find_extension(*ctx, "s", include_path, seen, 0);
        if (ext == nullptr) return false;
        const auto mark = m_path.size();
        m_path.push_back({"Macro(" + step.args + ")", step.where});
        if (run(next, *ext, 0, depth + 1)) return true;
        m_path.resize(mark);
        return false;
    }

    bool carries_number(std::string_view text) const { return text.find(m_probe.core) != std::string_view::npos; }

    bool dial(Frame& frame, const DialplanStep& step, const std::string& args, int depth) {
        const auto channels = split_args(split_args(args).front(), '&');
        for (const auto& channel : channels) {
            const auto slash = channel.find('/');
            if (slash == std::string::npos) continue;
            const auto tech = core::to_lower(std::string_view(channel).substr(0, slash));
            const auto resource = std::string_view(channel).substr(slash + 1);
            if (tech == "local") {
                const auto at = resource.find('@');
                if (at == std::string_view::npos) continue;
                const auto number = std::string(resource.substr(0, at));
                auto ctx = std::string(resource.substr(at + 1));
                ctx = ctx.substr(0, ctx.find('/'));
                const auto mark = m_path.size();
                m_path.push_back({step.app + "(" + channel + "): a Local channel into [" + ctx + "]", step.where});
                if (dial_into(ctx, number, depth + 1)) return true;
                m_path.resize(mark);
                continue;
            }
            if (!carries_number(resource)) continue;
            // PJSIP/<number> alone names a device; with @host, /uri or a trunk name it goes out.
            const bool device_only =
                resource == std::string_view(m_probe.number) ||
                (resource.find('@') == std::string_view::npos && resource.find('/') == std::string_view::npos);
            if (device_only && tech != "dahdi" && tech != "zap") continue;
            m_path.push_back({step.app + "(" + channel + ") sends the number out", step.where});
            (void)frame;
            return true;
        }
        return false;
    }

    const Dialplan& m_plan;
    const Probe& m_probe;
    const Limits& m_limits;
    std::vector<PathStep> m_path;
    int m_steps = 0;
    int m_in_digits = 0;
    bool m_caller_digits_only = false;
};

// Literal context names a step can send the call to.
std::vector<std::string> step_targets(const DialplanStep& step, const std::string& current) {
    std::vector<std::string> out;
    const auto app = core::to_lower(step.app);
    const auto add = [&](const std::string& name) {
        if (!name.empty() && name.find("${") == std::string::npos && name.find("$[") == std::string::npos)
            out.push_back(core::to_lower(name));
    };
    const auto jump = [&](std::string_view spec) {
        const auto t = parse_jump(spec);
        if (!t.context.empty())
            add(t.context);
        else
            add(current);
    };
    if (app == "goto" || app == "gosub") {
        jump(step.args);
    } else if (app == "gotoif" || app == "gosubif" || app == "gotoiftime") {
        const auto [yes, no] = conditional_targets(step.args);
        if (!yes.empty()) jump(yes);
        if (!no.empty()) jump(no);
    } else if (app == "macro") {
        add("macro-" + split_args(step.args).front());
    } else if (app == "disa") {
        const auto args = split_args(step.args);
        if (args.size() > 1) add(args[1]);
    } else if (app == "dial" || app == "queue") {
        for (const auto& channel : split_args(split_args(step.args).front(), '&')) {
            if (!core::istarts_with(channel, "local/")) continue;
            const auto at = channel.find('@');
            if (at != std::string::npos) add(channel.substr(at + 1, channel.find('/', at) - at - 1));
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> reachable_contexts(const Dialplan& plan, const std::vector<std::string>& starts,
                                            const Limits& limits) {
    std::vector<std::string> seen;
    std::vector<std::string> queue;
    for (const auto& s : starts) queue.push_back(core::to_lower(s));
    while (!queue.empty() && seen.size() < static_cast<std::size_t>(limits.max_dialplan_steps)) {
        const auto name = queue.back();
        queue.pop_back();
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
        seen.push_back(name);
        const auto* ctx = plan.context(name);
        if (ctx == nullptr) continue;
        for (const auto& inc : ctx->includes) queue.push_back(core::to_lower(inc.context));
        for (const auto& ext : ctx->extensions) {
            for (const auto& step : ext.steps) {
                for (auto& t : step_targets(step, name)) queue.push_back(std::move(t));
            }
        }
    }
    return seen;
}

std::optional<FraudPath> find_fraud_path(const Dialplan& plan, const std::string& context, EntryKind entry,
                                         const std::vector<Probe>& probes, const Limits& limits) {
    for (const auto& probe : probes) {
        AsteriskSimulator sim(plan, probe, limits);
        const bool found = entry == EntryKind::dialled_number ? sim.dial_into(context, probe.number, 0)
                                                              : sim.walk_extensions(context, 0);
        if (found) return FraudPath{probe, sim.path()};
    }
    return std::nullopt;
}

}  // namespace sipwarden::audit
