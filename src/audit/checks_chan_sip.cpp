// Checks on chan_sip (sip.conf), IAX2 (iax.conf) and the SIP User-Agent.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/secrets.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

const AsteriskConfig* chan_sip(CheckContext& c) {
    const auto& a = c.model().asterisk;
    return a && a->sip.present && !a->sip.peers.empty() && a->modules.loads("chan_sip") ? &*a : nullptr;
}
const AsteriskConfig* iax(CheckContext& c) {
    const auto& a = c.model().asterisk;
    return a && a->iax.present && a->modules.loads("chan_iax2") ? &*a : nullptr;
}
std::vector<const Service*> sip_services(CheckContext& c) { return services_labelled(c, "sip", "chan_sip"); }

bool secret_checks(CheckContext& c, const AsteriskConfig& a, const PeerConfig& peers,
                   std::vector<const Service*> services) {
    bool any = false;
    for (const auto& p : peers.peers) {
        const auto* secret = p.find("secret");
        if (secret == nullptr) continue;  // no secret at all is the guest/no-auth checks' business
        const auto reason =
            weak_secret(secret->value, {p.name, p.get("username").value_or(""), p.get("defaultuser").value_or("")});
        if (!reason) continue;
        auto allowed = asterisk_acl(a, p);
        std::string restriction;
        if (auto host = parse_acl_network(p.get("host").value_or("dynamic"))) {
            allowed = allowed.value_or(AddressSet::all()).intersected(AddressSet::of(*host));
            restriction = "[" + p.name + "] is bound to host " + host->to_string();
        } else if (allowed) {
            restriction = "[" + p.name + "] only accepts " + c.reach().visible(*allowed);
        }
        c.report(hit_at(secret->where, "the secret of [" + p.name + "] is weak: " + *reason, services, allowed,
                        restriction));
        any = true;
    }
    return any;
}

}  // namespace

void check_sip_chan_sip_loaded(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    const auto* load = a->modules.load_entry("chan_sip");
    c.report(hit_at(load != nullptr ? load->where : a->sip.general.where,
                    "chan_sip is configured (" + std::to_string(a->sip.peers.size()) + " peers) and loaded" +
                        (load != nullptr ? "" : std::string(" by autoload")) +
                        ": it was deprecated in Asterisk 17 and removed in 21, and gets no security fixes",
                    sip_services(c)));
}

void check_sip_allowguest(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    const auto& g = a->sip.general;
    if (!is_true(g.get("allowguest").value_or("yes"))) return;
    c.report(hit_at(where_of(g, "allowguest"),
                    std::string(g.find("allowguest") ? "allowguest=yes" : "allowguest is not set and defaults to yes") +
                        ": callers that match no peer are accepted without a password into context '" +
                        g.get("context").value_or("default") + "'",
                    sip_services(c)));
}

void check_sip_alwaysauthreject(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    const auto* e = a->sip.general.find("alwaysauthreject");
    if (e == nullptr || is_true(e->value)) return;
    c.report(
        hit_at(e->where,
               "alwaysauthreject=no: chan_sip answers unknown users differently from wrong passwords, so scanners can "
               "list the valid extensions",
               sip_services(c)));
}

void check_sip_insecure_invite(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    for (const auto& p : a->sip.peers) {
        const auto* e = p.find("insecure");
        if (e == nullptr) continue;
        const auto v = core::to_lower(e->value);
        if (v.find("invite") == std::string::npos && v != "very") continue;
        std::optional<AddressSet> allowed;
        std::string restriction;
        const auto host = p.get("host").value_or("dynamic");
        if (auto net = parse_acl_network(host)) {
            allowed = AddressSet::of(*net);
            restriction = "only calls from " + net->to_string() + " (host of [" + p.name + "]) match this peer";
        }
        c.report(hit_at(
            e->where,
            "peer [" + p.name + "] has insecure=" + e->value +
                ": INVITEs matched to it are accepted without a password, into context '" +
                p.get("context").value_or(a->sip.general.get("context").value_or("default")) + "'" +
                (core::iequals(host, "dynamic") ? " — and host=dynamic, so anyone who registers as it is matched" : ""),
            sip_services(c), allowed, restriction));
    }
}

void check_sip_weak_secret(CheckContext& c) {
    if (const auto* a = chan_sip(c)) secret_checks(c, *a, a->sip, sip_services(c));
}

void check_sip_no_acl(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    std::vector<std::string> names;
    core::SourcePosition first;
    for (const auto& p : a->sip.peers) {
        if (!core::iequals(p.get("host").value_or("dynamic"), "dynamic") || asterisk_acl(*a, p).has_value()) continue;
        if (names.empty()) first = p.where;
        names.push_back(p.name);
    }
    if (names.empty()) return;
    c.report(hit_at(first,
                    std::to_string(names.size()) +
                        " chan_sip peer(s) with host=dynamic accept registrations from any address (no permit/deny): " +
                        name_list(names),
                    sip_services(c)));
}

void check_sip_autocreatepeer(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    const auto* e = a->sip.general.find("autocreatepeer");
    if (e == nullptr || !(is_true(e->value) || core::iequals(e->value, "persist"))) return;
    c.report(hit_at(e->where,
                    "autocreatepeer=" + e->value + ": any device that registers becomes a peer, without a password",
                    sip_services(c)));
}

void check_sip_no_tls(CheckContext& c) {
    const auto* a = chan_sip(c);
    if (a == nullptr) return;
    if (is_true(a->sip.general.get("tlsenable").value_or("no"))) return;
    c.report(
        hit_at(where_of(a->sip.general, "tlsenable"),
               "chan_sip has no TLS (tlsenable is not yes): signalling and digest exchanges are readable on the path",
               sip_services(c)));
}

void check_user_agent_version(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    const auto digits = [](std::string_view s) {
        return std::any_of(s.begin(), s.end(), [](char ch) { return core::is_digit(ch); });
    };
    if (a->pjsip.present && a->modules.loads("res_pjsip")) {
        const auto globals = a->pjsip.of_type("global");
        const ConfEntry* ua = globals.empty() ? nullptr : globals.front()->find("user_agent");
        if (ua == nullptr || digits(ua->value)) {
            c.report(
                {{},
                 ua ? ua->where
                    : (globals.empty() ? core::SourcePosition{"pjsip.conf", 0, 0} : globals.front()->section.where),
                 ua ? "PJSIP announces User-Agent/Server '" + ua->value + "', with its version"
                    : "PJSIP announces the default 'Asterisk PBX <version>' in User-Agent and Server headers",
                 {},
                 services_labelled(c, "sip", "pjsip"),
                 {},
                 {},
                 {}});
        }
    }
    if (chan_sip(c) != nullptr) {
        const auto* ua = a->sip.general.find("useragent");
        if (ua == nullptr || digits(ua->value)) {
            c.report(hit_at(ua ? ua->where : a->sip.general.where,
                            ua ? "chan_sip announces User-Agent '" + ua->value + "', with its version"
                               : "chan_sip announces the default 'Asterisk PBX <version>'",
                            services_labelled(c, "sip", "chan_sip")));
        }
    }
}

void check_iax_guest(CheckContext& c) {
    const auto* a = iax(c);
    if (a == nullptr) return;
    for (const auto& p : a->iax.peers) {
        const auto type = core::to_lower(p.get("type").value_or("friend"));
        if (type == "peer") continue;
        const bool no_secret = p.get("secret").value_or("").empty() && p.get("dbsecret").value_or("").empty() &&
                               p.get("inkeys").value_or("").empty();
        if (!no_secret) continue;
        c.report(hit_at(p.where,
                        "IAX2 " + type + " [" + p.name + "] has no secret: anyone can call in as it, into context '" +
                            p.get("context").value_or(a->iax.general.get("context").value_or("default")) + "'",
                        c.services("iax"), asterisk_acl(*a, p)));
    }
}

void check_iax_weak_secret(CheckContext& c) {
    if (const auto* a = iax(c)) secret_checks(c, *a, a->iax, c.services("iax"));
}

void check_iax_plaintext_auth(CheckContext& c) {
    const auto* a = iax(c);
    if (a == nullptr) return;
    std::vector<const ConfSection*> sections{&a->iax.general};
    for (const auto& p : a->iax.peers) sections.push_back(&p);
    for (const auto* s : sections) {
        const auto* e = s->find("auth");
        if (e == nullptr || core::to_lower(e->value).find("plaintext") == std::string::npos) continue;
        c.report(hit_at(e->where, "[" + s->name + "] allows auth=plaintext: the IAX2 secret is sent in clear text",
                        c.services("iax")));
    }
}

}  // namespace sipwarden::audit
