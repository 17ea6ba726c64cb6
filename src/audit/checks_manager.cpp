// Checks on the management interfaces: AMI (manager.conf), the HTTP server
// (http.conf), ARI (ari.conf), asterisk.conf options and #exec.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "audit/secrets.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

const ConfSection* manager_general(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return nullptr;
    const auto* g = a->manager.first("general");
    return g != nullptr && is_true(g->get("enabled").value_or("no")) ? g : nullptr;
}

std::vector<const ConfSection*> manager_users(const AsteriskConfig& a) {
    std::vector<const ConfSection*> out;
    for (const auto& s : a.manager.sections) {
        if (!s.is_template && !core::iequals(s.name, "general")) out.push_back(&s);
    }
    return out;
}

std::string restriction(const CheckContext& c, const std::optional<AddressSet>& allowed, const std::string& who) {
    return allowed ? who + " only accepts logins from " + c.reach().visible(*allowed) : std::string();
}

const ConfSection* http_general(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return nullptr;
    const auto* g = a->http.first("general");
    return g != nullptr && is_true(g->get("enabled").value_or("no")) ? g : nullptr;
}

}  // namespace

void check_ami_reachable(CheckContext& c) {
    const auto* g = manager_general(c);
    if (g == nullptr) return;
    c.report(hit_at(where_of(*g, "enabled"),
                    "the Asterisk Manager Interface is enabled on " + g->get("bindaddr").value_or("0.0.0.0") + ":" +
                        g->get("port").value_or("5038") +
                        "; whoever logs in controls calls and, with the right classes, the host",
                    c.services("ami")));
}

void check_ami_weak_secret(CheckContext& c) {
    if (manager_general(c) == nullptr) return;
    const auto& a = *c.model().asterisk;
    for (const auto* u : manager_users(a)) {
        const auto* secret = u->find("secret");
        const auto reason = weak_secret(secret ? secret->value : "", {u->name});
        if (!reason) continue;
        const auto allowed = asterisk_acl(a, *u);
        c.report(hit_at(secret ? secret->where : u->where,
                        "the secret of AMI user [" + u->name + "] is weak: " + *reason, c.services("ami"), allowed,
                        restriction(c, allowed, "AMI user " + u->name)));
    }
}

void check_ami_no_acl(CheckContext& c) {
    if (manager_general(c) == nullptr) return;
    const auto& a = *c.model().asterisk;
    for (const auto* u : manager_users(a)) {
        if (asterisk_acl(a, *u).has_value()) continue;
        c.report(
            {{},
             u->where,
             "AMI user [" + u->name + "] has no permit/deny/acl: it can log in from any address that reaches the port",
             {},
             c.services("ami"),
             {},
             {},
             {}});
    }
}

void check_ami_dangerous_permissions(CheckContext& c) {
    if (manager_general(c) == nullptr) return;
    const auto& a = *c.model().asterisk;
    for (const auto* u : manager_users(a)) {
        const auto* write = u->find("write");
        if (write == nullptr) continue;
        std::vector<std::string> bad;
        const auto classes = core::to_lower(write->value);  // split() borrows: keep the text alive
        for (auto cls : core::split(classes, ',')) {
            if (cls == "system" || cls == "command" || cls == "originate" || cls == "config" || cls == "all") {
                if (std::find(bad.begin(), bad.end(), cls) == bad.end()) bad.emplace_back(cls);
            }
        }
        if (bad.empty()) continue;
        const auto allowed = asterisk_acl(a, *u);
        c.report(hit_at(write->where,
                        "AMI user [" + u->name + "] may write " + name_list(bad) +
                            ": enough to run shell commands or place calls to any number",
                        c.services("ami"), allowed, restriction(c, allowed, "AMI user " + u->name)));
    }
}

void check_ami_plaintext(CheckContext& c) {
    const auto* g = manager_general(c);
    if (g == nullptr || is_true(g->get("tlsenable").value_or("no"))) return;
    std::vector<const Service*> plain;
    for (const auto* s : c.services("ami")) {
        if (!s->encrypted) plain.push_back(s);
    }
    c.report(hit_at(where_of(*g, "tlsenable"),
                    "AMI has no TLS: user names, secrets and call data cross the network in clear text", plain));
}

void check_http_reachable(CheckContext& c) {
    const auto* g = http_general(c);
    if (g == nullptr) return;
    c.report(hit_at(where_of(*g, "enabled"),
                    "the Asterisk HTTP server is enabled on " + g->get("bindaddr").value_or("0.0.0.0") + ":" +
                        g->get("bindport").value_or("8088") + " (ARI, WebSocket transports, AMI over HTTP)",
                    c.services("http")));
}

void check_http_no_tls(CheckContext& c) {
    const auto* g = http_general(c);
    if (g == nullptr || is_true(g->get("tlsenable").value_or("no"))) return;
    std::vector<const Service*> plain;
    for (const auto* s : c.services("http")) {
        if (!s->encrypted) plain.push_back(s);
    }
    c.report(
        hit_at(where_of(*g, "tlsenable"),
               "the Asterisk HTTP server has no TLS: ARI passwords (HTTP basic authentication) cross the network in "
               "clear text",
               plain));
}

void check_ari_weak_password(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a || http_general(c) == nullptr) return;
    for (const auto& s : a->ari.sections) {
        if (s.is_template || !core::iequals(s.get("type").value_or(""), "user")) continue;
        if (core::iequals(s.get("password_format").value_or("plain"), "crypt")) continue;
        const auto* p = s.find("password");
        const auto reason = weak_secret(p ? p->value : "", {s.name});
        if (!reason) continue;
        c.report(hit_at(p ? p->where : s.where, "the password of ARI user [" + s.name + "] is weak: " + *reason,
                        c.services("http")));
    }
}

void check_ari_any_origin(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a || http_general(c) == nullptr) return;
    for (const auto& s : a->ari.sections) {
        const auto* e = s.find("allowed_origins");
        if (e == nullptr || e->value.find('*') == std::string::npos) continue;
        c.report(
            hit_at(e->where,
                   "ARI allows WebSocket connections from any web origin (allowed_origins=*): any web page a logged-in "
                   "admin opens can talk to ARI",
                   c.services("http")));
    }
}

void check_live_dangerously(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    for (const auto* s : a->asterisk.named("options")) {
        const auto* e = s->find("live_dangerously");
        if (e == nullptr || !is_true(e->value)) continue;
        auto services = c.services("ami");
        for (const auto* h : c.services("http")) services.push_back(h);
        c.report(hit_at(
            e->where, "live_dangerously=yes: dialplan functions such as SHELL() and FILE() can be set from AMI and ARI",
            services));
    }
}

void check_exec_directive(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    for (const auto& d : a->execs) {
        c.report(hit_at(
            d.where,
            "#exec " + d.argument +
                " runs a shell command each time Asterisk loads this file (when execincludes=yes); sipwarden did "
                "not run it, so what it adds was not audited"));
    }
}

}  // namespace sipwarden::audit
