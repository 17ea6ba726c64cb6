// Checks on PJSIP (pjsip.conf, pjsip_wizard.conf): anonymous and
// unauthenticated endpoints, enumeration, secrets, ACLs, identify ranges,
// encryption, version disclosure.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/secrets.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

const AsteriskConfig* pjsip(CheckContext& c) {
    const auto& a = c.model().asterisk;
    return a && a->pjsip.present && a->modules.loads("res_pjsip") ? &*a : nullptr;
}

std::vector<const Service*> pjsip_sip(CheckContext& c) { return services_labelled(c, "sip", "pjsip"); }

// Calls into a context the dialplan does not define are rejected.
std::string undefined_context(const AsteriskConfig& a, const std::string& context) {
    if (!a.dialplan.present || a.dialplan.contexts.empty() || a.dialplan.context(context) != nullptr) return {};
    return "context '" + context +
           "' is not defined in the dialplan that was read, so such calls are rejected (if another file defines it, "
           "this finding is more severe)";
}

}  // namespace

void check_pjsip_anonymous_endpoint(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    const auto* ep = a->pjsip.find("endpoint", "anonymous");
    if (ep == nullptr || !a->modules.loads("res_pjsip_endpoint_identifier_anonymous")) return;
    c.report(
        hit_at(ep->section.where,
               "PJSIP endpoint [anonymous] takes every call that matches no other endpoint, without a password, into "
               "context '" +
                   ep->get("context").value_or("default") + "'",
               pjsip_sip(c), {}, {}, undefined_context(*a, ep->get("context").value_or("default"))));
}

void check_pjsip_endpoint_without_auth(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        if (ep->name == "anonymous" || !ep->get("auth").value_or("").empty() ||
            !a->pjsip.identifies_for(ep->name).empty())
            continue;
        const auto order = core::to_lower(ep->get("identify_by").value_or("username,ip"));
        if (order.find("username") == std::string::npos && order.find("auth_username") == std::string::npos) continue;
        c.report(hit_at(ep->section.where,
                        "PJSIP endpoint [" + ep->name +
                            "] has no 'auth' and is identified by user name: anyone who sends a request "
                            "From: " +
                            ep->name + " is this endpoint, with no password, in context '" +
                            ep->get("context").value_or("default") + "'",
                        pjsip_sip(c), {}, {}, undefined_context(*a, ep->get("context").value_or("default"))));
    }
}

void check_pjsip_unauthenticated_options(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        const auto* e = ep->find("allow_unauthenticated_options");
        if (e == nullptr || !is_true(e->value)) continue;
        c.report(hit_at(e->where,
                        "endpoint [" + ep->name +
                            "] answers OPTIONS without authentication, so a scanner can confirm that '" + ep->name +
                            "' exists",
                        pjsip_sip(c)));
    }
}

void check_pjsip_weak_password(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    std::vector<std::string> unset;  // no password in the files read while some #include was unreadable
    core::SourcePosition first_unset;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        const auto auths = ep->get("auth").value_or("");  // split() borrows: keep the text alive
        for (auto auth_name : core::split(auths, ',')) {
            const auto* auth = a->pjsip.find("auth", auth_name);
            if (auth == nullptr || !core::iequals(auth->get("auth_type").value_or("userpass"), "userpass")) continue;
            const auto password = auth->get("password").value_or("");
            const auto username = auth->get("username").value_or(ep->name);
            if (auth->find("password") == nullptr && !a->missing_includes.empty()) {
                if (unset.empty()) first_unset = auth->section.where;
                unset.push_back(auth->name);
                continue;
            }
            const auto reason = weak_secret(password, {username, ep->name, auth->name});
            if (!reason) continue;
            auto allowed = asterisk_acl(*a, ep->section);
            c.report(hit_at(where_of(auth->section, "password"),
                            "the password of auth [" + auth->name + "] (endpoint " + ep->name + ", user " + username +
                                ") is weak: " + *reason,
                            pjsip_sip(c), allowed,
                            allowed ? "endpoint " + ep->name + " only accepts " + c.reach().visible(*allowed) : ""));
        }
    }
    if (!unset.empty()) {
        c.report(hit_at(first_unset,
                        std::to_string(unset.size()) +
                            " auth section(s) have no password in the files read: " + name_list(unset) +
                            ". Unreadable #include files may set them: " + name_list(a->missing_includes, 4) +
                            "; if not, they are empty",
                        pjsip_sip(c)));
    }
}

void check_pjsip_no_acl(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    std::vector<std::string> names;
    core::SourcePosition first;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        if (ep->get("auth").value_or("").empty()) continue;  // unauthenticated endpoints have their own checks
        bool acl = asterisk_acl(*a, ep->section).has_value() ||
                   asterisk_acl(*a, ep->section, "contact_permit", "contact_deny", "contact_acl").has_value();
        acl |= !a->pjsip.of_type("acl").empty();  // global PJSIP ACLs apply to every endpoint
        if (acl) continue;
        if (names.empty()) first = ep->section.where;
        names.push_back(ep->name);
    }
    if (names.empty()) return;
    c.report(
        {{},
         first,
         std::to_string(names.size()) +
             " PJSIP endpoint(s) with a password accept registrations and calls from any address: " + name_list(names),
         {},
         pjsip_sip(c),
         {},
         {},
         {}});
}

void check_pjsip_identify_broad(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    for (const auto* id : a->pjsip.of_type("identify")) {
        for (const auto* m : id->section.all("match")) {
            for (auto part : core::split(m->value, ',')) {
                const auto net = parse_acl_network(part);
                if (!net) continue;
                const int widest = net->network().is_v4() ? 16 : 48;
                if (net->prefix_length() > widest) continue;
                c.report(hit_at(m->where,
                                "identify [" + id->name + "] matches " + net->to_string() +
                                    ": every host in that range is endpoint '" + id->get("endpoint").value_or("?") +
                                    "', without a password",
                                pjsip_sip(c), AddressSet::of(*net),
                                "only sources in " + net->to_string() + " match the identify"));
            }
        }
    }
}

void check_pjsip_default_context(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    std::vector<std::string> names;
    core::SourcePosition first;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        if (ep->find("context") != nullptr) continue;
        if (names.empty()) first = ep->section.where;
        names.push_back(ep->name);
    }
    if (names.empty()) return;
    std::string extra;
    if (const auto* d = a->dialplan.context("default")) {
        for (const auto& inc : d->includes)
            extra += " [default] includes [" + inc.context + "] (" + inc.where.to_string() + ").";
    }
    c.report(hit_at(first, "endpoint(s) without 'context' land in [default]: " + name_list(names) + "." + extra,
                    pjsip_sip(c)));
}

void check_pjsip_trust_id_inbound(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    std::vector<std::string> names;
    core::SourcePosition first;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        const auto* e = ep->find("trust_id_inbound");
        if (e == nullptr || !is_true(e->value)) continue;
        if (names.empty()) first = e->where;
        names.push_back(ep->name);
    }
    if (names.empty()) return;
    c.report(
        {{},
         first,
         "trust_id_inbound=yes: the PBX believes the P-Asserted-Identity these endpoints send: " + name_list(names),
         {},
         pjsip_sip(c),
         {},
         {},
         {}});
}

void check_pjsip_no_tls(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    const auto services = pjsip_sip(c);
    const bool has_tls = std::any_of(services.begin(), services.end(), [](const Service* s) { return s->encrypted; });
    std::vector<const Service*> plain;
    for (const auto* s : services) {
        if (!s->encrypted) plain.push_back(s);
    }
    if (has_tls || plain.empty()) return;
    c.report(hit_at(
        plain.front()->where,
        "no PJSIP transport uses TLS: SIP signalling (and SDES keys, if any) cross the network in clear text", plain));
}

void check_pjsip_no_srtp(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    std::vector<std::string> names;
    core::SourcePosition first;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        const auto enc = core::to_lower(ep->get("media_encryption").value_or("no"));
        if (enc != "no" || ep->name == "anonymous") continue;
        if (names.empty()) first = where_of(ep->section, "media_encryption");
        names.push_back(ep->name);
    }
    if (names.empty()) return;
    c.report(hit_at(first,
                    "media_encryption=no (the default): calls of these endpoints can be listened to on the path: " +
                        name_list(names),
                    pjsip_sip(c)));
}

void check_pjsip_sdes_without_tls(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    for (const auto* ep : a->pjsip.of_type("endpoint")) {
        if (!core::iequals(ep->get("media_encryption").value_or("no"), "sdes")) continue;
        const auto transport_name = ep->get("transport").value_or("");
        const auto* t = transport_name.empty() ? nullptr : a->pjsip.find("transport", transport_name);
        if (t != nullptr && core::iequals(t->get("protocol").value_or("udp"), "tls")) continue;
        c.report(hit_at(where_of(ep->section, "media_encryption"),
                        "endpoint [" + ep->name + "] uses SDES-SRTP over " +
                            (t ? "a " + t->get("protocol").value_or("udp") + " transport"
                               : "a transport that is not pinned to TLS") +
                            ": the SRTP keys travel in the SDP in clear text",
                        pjsip_sip(c)));
    }
}

void check_pjsip_tls_verify(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    for (const auto* t : a->pjsip.of_type("transport")) {
        if (!core::iequals(t->get("protocol").value_or("udp"), "tls")) continue;
        if (is_true(t->get("verify_server").value_or("no"))) continue;
        c.report(
            hit_at(where_of(t->section, "verify_server"),
                   "TLS transport [" + t->name +
                       "] does not verify the certificate of servers it connects to (verify_server=no): a man in the "
                       "middle can pose as the provider",
                   pjsip_sip(c)));
    }
}

void check_pjsip_max_contacts(CheckContext& c) {
    const auto* a = pjsip(c);
    if (a == nullptr) return;
    constexpr std::uint64_t k_many_contacts = 10;  // more than a handful of devices per account is unusual
    for (const auto* aor : a->pjsip.of_type("aor")) {
        const auto* e = aor->find("max_contacts");
        if (e == nullptr) continue;
        const auto n = core::parse_uint(e->value, 1'000'000);
        if (!n || *n <= k_many_contacts) continue;
        c.report(hit_at(e->where,
                        "aor [" + aor->name + "] accepts " + e->value +
                            " simultaneous registrations: a stolen password can be used "
                            "from many places without displacing the real phone",
                        pjsip_sip(c)));
    }
}

}  // namespace sipwarden::audit
