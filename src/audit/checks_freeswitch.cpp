// Checks on FreeSWITCH: default and weak passwords, the event socket, SIP
// profile authentication and ACLs, TLS, logging for fail2ban, toll fraud.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/secrets.h"
#include "audit/toll_fraud.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

const FreeswitchConfig* fs(CheckContext& c) { return c.model().freeswitch ? &*c.model().freeswitch : nullptr; }

std::vector<const Service*> profile_services(CheckContext& c, const std::string& profile) {
    return services_labelled(c, "sip", "SIP profile '" + profile + "'");
}

}  // namespace

void check_fs_default_password(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    const auto it = f->vars.find("default_password");
    if (it == f->vars.end() || !weak_secret(it->second.value, {})) return;
    std::vector<std::string> users;
    for (const auto& u : f->users) {
        if (u.params.get("password").value_or("") == it->second.value) users.push_back(u.id);
    }
    c.report(
        {{},
         it->second.where,
         "default_password=" + it->second.value + " (" + weak_secret(it->second.value, {}).value() + ")" +
             (users.empty() ? std::string()
                            : "; " + std::to_string(users.size()) + " directory user(s) use it: " + name_list(users)),
         {},
         {},
         {},
         {},
         {}});
}

void check_fs_weak_password(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    const auto it = f->vars.find("default_password");
    const std::string shared = it != f->vars.end() ? it->second.value : std::string("\x01");
    for (const auto& u : f->users) {
        const auto* p = u.params.find("password");
        if (p == nullptr || p->value == shared) continue;  // default_password has its own check
        const auto reason = weak_secret(p->value, {u.id});
        if (!reason) continue;
        c.report(hit_at(p->where, "the password of directory user " + u.id + "@" + u.domain + " is weak: " + *reason));
    }
}

void check_fs_esl_default_password(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr || !f->event_socket_present) return;
    const auto* p = f->event_socket.find("password");
    if (p == nullptr || !weak_secret(p->value, {})) return;
    c.report(hit_at(p->where,
                    "the event socket password '" + p->value + "' is weak: " + weak_secret(p->value, {}).value() +
                        "; whoever logs in runs any API command (originate, system)",
                    c.services("esl")));
}

void check_fs_esl_reachable(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr || !f->event_socket_present) return;
    const auto* acl = f->event_socket.find("apply-inbound-acl");
    std::optional<AddressSet> allowed;
    std::string restriction;
    if (acl != nullptr) {
        if (const auto* list = f->acl(acl->value); list != nullptr && !list->default_allow) {
            AddressSet set;
            for (const auto& n : list->nodes) {
                if (auto net = parse_acl_network(n.cidr); net && n.allow) set = set.united(AddressSet::of(*net));
            }
            allowed = set;
            restriction = "apply-inbound-acl " + acl->value + " admits only " + set.to_string();
        } else if (core::iequals(acl->value, "loopback.auto")) {
            allowed = AddressSet::loopback();
            restriction = "apply-inbound-acl loopback.auto admits only this host";
        }
    }
    const auto ip = f->event_socket.get("listen-ip").value_or("127.0.0.1");
    c.report(
        hit_at(f->event_socket.find("listen-ip") ? f->event_socket.find("listen-ip")->where : f->event_socket_where,
               "the event socket listens on " + ip + ":" + f->event_socket.get("listen-port").value_or("8021") +
                   (acl == nullptr ? " without apply-inbound-acl" : ""),
               c.services("esl"), allowed, restriction));
}

void check_fs_auth_calls_off(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& p : f->profiles) {
        const auto* e = p.settings.find("auth-calls");
        if (e == nullptr || is_true(e->value)) continue;
        c.report(hit_at(e->where,
                        "SIP profile '" + p.name + "' has auth-calls=" + e->value +
                            ": calls are accepted without a password into context '" +
                            p.settings.get("context").value_or("public") + "'",
                        profile_services(c, p.name)));
    }
}

void check_fs_blind_auth(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& p : f->profiles) {
        for (const auto* key : {"accept-blind-reg", "accept-blind-auth"}) {
            const auto* e = p.settings.find(key);
            if (e == nullptr || !is_true(e->value)) continue;
            c.report(hit_at(e->where,
                            "SIP profile '" + p.name + "' has " + key + "=" + e->value + ": " +
                                (std::string(key) == "accept-blind-reg" ? "anyone can register as any user"
                                                                        : "any password is accepted"),
                            profile_services(c, p.name)));
        }
    }
}

void check_fs_acl_allow_all(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& p : f->profiles) {
        const auto* e = p.settings.find("apply-inbound-acl");
        if (e == nullptr) continue;
        const auto* list = f->acl(e->value);
        if (list == nullptr) continue;
        AddressSet admitted = list->default_allow ? AddressSet::all() : AddressSet{};
        for (const auto& n : list->nodes) {
            if (auto net = parse_acl_network(n.cidr))
                admitted = n.allow ? admitted.united(AddressSet::of(*net)) : admitted.minus(AddressSet::of(*net));
        }
        const int v4 = admitted.widest_prefix_v4();
        if (v4 < 0 || v4 > 16) continue;
        c.report(hit_at(e->where,
                        "SIP profile '" + p.name + "' applies inbound ACL '" + list->name + "' (" +
                            list->where.to_string() + "), which admits " + admitted.to_string(3) +
                            ": FreeSWITCH takes calls from addresses the ACL admits without asking for a password",
                        profile_services(c, p.name), admitted, "the ACL admits " + admitted.to_string(3)));
    }
}

void check_fs_no_tls(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& p : f->profiles) {
        if (is_true(p.settings.get("tls").value_or("false"))) continue;
        const auto* e = p.settings.find("tls");
        c.report(
            hit_at(e ? e->where : p.where,
                   "SIP profile '" + p.name + "' has no TLS: signalling and SDES keys cross the network in clear text",
                   profile_services(c, p.name)));
    }
}

void check_fs_log_auth_failures(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& p : f->profiles) {
        if (is_true(p.settings.get("log-auth-failures").value_or("false"))) continue;
        if (!is_true(p.settings.get("auth-calls").value_or("true")))
            continue;  // nothing to log on a profile that does not authenticate
        const auto* e = p.settings.find("log-auth-failures");
        c.report(hit_at(
            e ? e->where : p.where,
            "SIP profile '" + p.name +
                "' does not log authentication failures: fail2ban and similar tools cannot see password guessing",
            profile_services(c, p.name)));
    }
}

void check_fs_toll_fraud(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    const auto probes = fraud_probes(c.model().dialing);
    for (const auto& entry : freeswitch_entries(*f)) {
        auto path = find_fraud_path(*f, entry.context, probes, c.limits());
        if (!path) continue;
        Hit hit;
        hit.where = entry.where;
        hit.message = entry.what + " sends unauthenticated calls to context '" + entry.context +
                      "', from which anyone can call " + path->probe.label + " numbers";
        hit.evidence.push_back("path found with " + path->probe.label + " number " + path->probe.number + ":");
        for (const auto& s : path->steps) hit.evidence.push_back("  -> " + s.text + " (" + s.where.to_string() + ")");
        const auto name = entry.what.substr(entry.what.find('\'') + 1);
        hit.services = profile_services(c, name.substr(0, name.find('\'')));
        c.report(std::move(hit));
    }
}

void check_fs_exec(CheckContext& c) {
    const auto* f = fs(c);
    if (f == nullptr) return;
    for (const auto& e : f->execs) {
        c.report(hit_at(
            e.where, "X-PRE-PROCESS " + e.name + " '" + e.value +
                         "' runs a command every time FreeSWITCH loads its configuration; sipwarden did not run it"));
    }
}

}  // namespace sipwarden::audit
