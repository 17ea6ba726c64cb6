// Checks on the Asterisk dialplan: toll-fraud paths from unauthenticated
// entry points, ${EXTEN} and caller ID injection, DISA without a password,
// the sample demo context.
#include <set>

#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/dialplan_eval.h"
#include "audit/toll_fraud.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

std::vector<std::string> path_lines(const FraudPath& path) {
    std::vector<std::string> out{"path found with " + path.probe.label + " number " + path.probe.number + ":"};
    for (const auto& s : path.steps)
        out.push_back("  -> " + s.text + (s.where.file.empty() ? "" : " (" + s.where.to_string() + ")"));
    return out;
}

// Channel data a caller controls; passed to a shell it runs commands.
constexpr std::array<std::string_view, 7> k_caller_data{"${EXTEN",         "${CALLERID(",     "${CALLERIDNAME",
                                                        "${CALLERIDNUM",   "${PJSIP_HEADER(", "${SIP_HEADER(",
                                                        "${CONNECTEDLINE("};

// Contexts strangers can get to: unauthenticated entries and trunks' inbound contexts.
std::vector<std::string> untrusted_contexts(const CheckContext& c, const AsteriskConfig& a) {
    std::vector<std::string> starts;
    for (const auto& e : unauthenticated_entries(a)) starts.push_back(e.context);
    return reachable_contexts(a.dialplan, starts, c.limits());
}

std::string mitigation(const std::vector<std::string>& untrusted, const std::string& context) {
    if (std::find(untrusted.begin(), untrusted.end(), core::to_lower(context)) != untrusted.end()) return {};
    return "[" + context +
           "] is not reached from any unauthenticated entry point or trunk context; only authenticated users can get "
           "there";
}

// Calls `visit(context, extension, step)` for every step of the dialplan.
template <typename Visit>
void for_each_step(const Dialplan& plan, Visit visit) {
    for (const auto& [key, ctx] : plan.contexts) {
        for (const auto& ext : ctx.extensions) {
            for (const auto& step : ext.steps) visit(ctx, ext, step);
        }
    }
}

bool has_caller_data(std::string_view text) {
    return std::any_of(k_caller_data.begin(), k_caller_data.end(), [&](std::string_view v) {
        std::string upper;
        for (char ch : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return upper.find(v) != std::string::npos;
    });
}

}  // namespace

void check_dialplan_toll_fraud(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a || !a->dialplan.present) return;
    const auto probes = fraud_probes(c.model().dialing);
    for (const auto& entry : unauthenticated_entries(*a)) {
        const auto kind = entry.trunk ? EntryKind::caller_digits : EntryKind::dialled_number;
        auto path = find_fraud_path(a->dialplan, entry.context, kind, probes, c.limits());
        if (!path) continue;
        Hit hit;
        hit.where = entry.where;
        hit.message = entry.what + " enters context [" + entry.context + "], from which " +
                      (entry.trunk ? "a caller who reaches one of its numbers can dial out to " : "anyone can call ") +
                      path->probe.label + " numbers";
        hit.evidence = path_lines(*path);
        hit.services = c.services("sip");
        for (const auto* s : c.services("iax")) hit.services.push_back(s);
        if (entry.allowed) {
            hit.allowed = entry.allowed;
            hit.restriction = entry.what + " is only used by " + entry.allowed->to_string();
        }
        c.report(std::move(hit));
    }
}

void check_dialplan_exten_injection(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    const auto untrusted = untrusted_contexts(c, *a);
    for_each_step(a->dialplan, [&](const DialplanContext& ctx, const Extension& ext, const DialplanStep& step) {
        if (!ext.is_pattern() || (ext.name.find('.') == std::string::npos && ext.name.find('!') == std::string::npos))
            return;
        const auto app = core::to_lower(step.app);
        if (app != "dial" && app != "queue" && app != "page" && app != "originate") return;
        const auto dial_string = split_args(step.args).front();
        if (dial_string.find("${EXTEN") == std::string::npos || dial_string.find("FILTER(") != std::string::npos)
            return;
        Hit hit;
        hit.where = step.where;
        hit.message = "[" + ctx.name + "] " + ext.name + ": " + step.app + "(" + step.args +
                      ") puts the dialled number, which the pattern lets contain any character, into the dial string: "
                      "dialling e.g. '1234&PJSIP/trunk/0044...' adds a second channel";
        hit.mitigation = mitigation(untrusted, ctx.name);
        c.report(std::move(hit));
    });
}

void check_dialplan_shell_injection(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    const auto untrusted = untrusted_contexts(c, *a);
    for_each_step(a->dialplan, [&](const DialplanContext& ctx, const Extension& ext, const DialplanStep& step) {
        const auto app = core::to_lower(step.app);
        const bool shell_app =
            app == "system" || app == "trysystem" || (app == "mixmonitor" && split_args(step.args).size() > 2);
        const bool shell_func = core::to_lower(step.args).find("shell(") != std::string::npos;
        if (!(shell_app || shell_func) || !has_caller_data(step.args)) return;
        Hit hit;
        hit.where = step.where;
        hit.message = "[" + ctx.name + "] " + ext.name + ": " + step.app + "(" + step.args +
                      ") passes data the caller controls (dialled number, caller ID, SIP headers) to a shell";
        hit.mitigation = mitigation(untrusted, ctx.name);
        c.report(std::move(hit));
    });
}

void check_dialplan_disa(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    const auto untrusted = untrusted_contexts(c, *a);
    for_each_step(a->dialplan, [&](const DialplanContext& ctx, const Extension& ext, const DialplanStep& step) {
        if (!core::iequals(step.app, "DISA")) return;
        const auto args = split_args(step.args);
        if (!core::iequals(args.front(), "no-password") && !args.front().empty()) return;
        Hit hit;
        hit.where = step.where;
        hit.message = "[" + ctx.name + "] " + ext.name + ": DISA(" + step.args +
                      ") gives a dial tone without a password into context '" + (args.size() > 1 ? args[1] : ctx.name) +
                      "'";
        hit.mitigation = mitigation(untrusted, ctx.name);
        c.report(std::move(hit));
    });
}

void check_dialplan_demo(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    std::set<std::string> entry_contexts{"default", "public"};
    for (const auto& e : unauthenticated_entries(*a)) entry_contexts.insert(core::to_lower(e.context));
    for (const auto& name : entry_contexts) {
        const auto* ctx = a->dialplan.context(name);
        if (ctx == nullptr) continue;
        for (const auto& inc : ctx->includes) {
            if (!core::iequals(inc.context, "demo")) continue;
            auto services = c.services("sip");
            for (const auto* s : c.services("iax")) services.push_back(s);
            c.report(
                {{},
                 inc.where,
                 "[" + ctx->name +
                     "] includes the sample [demo] context, which the sample itself says not to offer in production",
                 {},
                 services,
                 {},
                 {},
                 {}});
        }
    }
}

}  // namespace sipwarden::audit
