// Checks on the host firewall itself and on a Kamailio proxy in front of the PBX.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/firewall_eval.h"
#include "core/text.h"

namespace sipwarden::audit {

void check_fw_policy_accept(CheckContext& c) {
    for (const auto& rs : c.model().rulesets) {
        for (const auto& chain : rs.chains) {
            if (chain.hook != "input" || chain.table == "nat" || chain.policy != Verdict::accept) continue;
            // A final rule that drops or rejects everything makes the policy moot.
            const bool closed = !chain.rules.empty() && [&] {
                const auto& last = chain.rules.back();
                return (last.verdict == Verdict::drop || last.verdict == Verdict::reject) && last.source.any() &&
                       last.protocol.empty() && last.destination_ports.any() && last.conditions.empty() &&
                       last.in_interface.empty() && last.ct_states.empty();
            }();
            if (closed) continue;
            c.report(hit_at(chain.where, "chain " + chain.table + " " + chain.name + " (" + rs.file +
                                             ") accepts by default: every port not explicitly dropped is open"));
        }
    }
}

void check_fw_no_ipv6(CheckContext& c) {
    const auto& rulesets = c.model().rulesets;
    if (rulesets.empty()) return;
    const bool v4 =
        std::any_of(rulesets.begin(), rulesets.end(), [](const Ruleset& r) { return ruleset_covers(r, "ip"); });
    const bool v6 =
        std::any_of(rulesets.begin(), rulesets.end(), [](const Ruleset& r) { return ruleset_covers(r, "ip6"); });
    if (!v4 || v6) return;
    std::vector<std::string> open;
    for (const auto& s : c.model().services) {
        if (!s.bind || s.bind->is_v6()) open.push_back(s.label);
    }
    if (open.empty()) return;
    c.report(
        hit_at({rulesets.front().file, 0, 0},
               "IPv4 rules are given but no IPv6 rules, and these services listen on every address, IPv6 included: " +
                   name_list(open, 4) + ". If the host has a global IPv6 address, they may be open over IPv6."));
}

void check_fw_sip_open(CheckContext& c) {
    if (c.model().rulesets.empty()) return;
    for (const auto* s : c.services("sip")) {
        if (s->bind && s->bind->is_loopback()) continue;
        const auto reach = c.reach().evaluate(*s);
        if (reach.exposure != ExposureClass::internet) continue;
        c.report(hit_at(s->where,
                        s->label + " (" + s->protocol + " " + std::to_string(s->ports.first) +
                            ") is open to the whole internet through the firewall; scanners find it within hours",
                        {s}));
    }
}

void check_kam_no_auth(CheckContext& c) {
    const auto& k = c.model().kamailio;
    if (!k) return;
    for (const auto* f : {"auth_check", "www_authorize", "proxy_authorize", "www_authenticate", "proxy_authenticate",
                          "allow_source_address"}) {
        if (k->called(f) != nullptr) return;
    }
    c.report(
        hit_at({k->file, 1, 0},
               "no authentication is active (WITH_AUTH is not defined, and no auth_check/www_authorize/proxy_authorize "
               "is called): the proxy relays requests from anyone",
               c.services("sip")));
}

void check_kam_no_antiflood(CheckContext& c) {
    const auto& k = c.model().kamailio;
    if (!k || k->loads("pike") || k->loads("ratelimit") || k->loads("pipelimit")) return;
    c.report(
        hit_at({k->file, 1, 0},
               "no flood protection: pike (WITH_ANTIFLOOD) is not loaded, so floods and brute force run at full speed",
               c.services("sip")));
}

void check_kam_pstn_spoofable(CheckContext& c) {
    const auto& k = c.model().kamailio;
    if (!k || !k->defined("WITH_PSTN")) return;
    if (k->called("auth_check") != nullptr || k->called("proxy_authorize") != nullptr) return;
    c.report(
        hit_at(k->defines.at("WITH_PSTN"),
               "WITH_PSTN routes calls to the PSTN gateway, but without WITH_AUTH the only check is the From header, "
               "which any caller can set",
               c.services("sip")));
}

}  // namespace sipwarden::audit
