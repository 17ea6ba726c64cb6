// Reachability and rating: site facts and their assumptions, router forwards,
// the host firewall, and one PBX under three set-ups (open to all, provider
// only, LAN only) whose findings change severity accordingly.
#include <gtest/gtest.h>

#include "audit/audit.h"
#include "config/sipwarden_config.h"

namespace sipwarden::audit {
namespace {

core::IpAddress ip(const char* t) { return *core::IpAddress::parse(t); }

Service sip_service() {
    Service s;
    s.kind = "sip";
    s.label = "SIP";
    s.protocol = "udp";
    s.ports = {5060, 5060};
    return s;
}

config::SiteConfig site(const std::string& yaml) {
    core::DiagnosticList d;
    auto cfg = config::load_config_text(yaml, "sipwarden.yaml", d);
    EXPECT_TRUE(cfg);
    EXPECT_FALSE(d.has_errors());
    return cfg->site;
}

TEST(SiteFacts, ZeroSiteFileAssumptionsAreStated) {
    const auto facts = site_facts(nullptr, false);
    EXPECT_TRUE(facts.public_address);
    EXPECT_TRUE(facts.lan.contains(ip("192.168.7.7")));
    ASSERT_EQ(facts.assumptions.size(), 3u);
    EXPECT_NE(facts.assumptions[2].find("no firewall rules given"), std::string::npos);
}

TEST(Reachability, BindAddressForwardsAndClasses) {
    const auto s = site(
        "site:\n  networks: {lan: [192.168.1.0/24]}\n  pbx: {addresses: [192.168.1.10], public_address: none}\n"
        "  providers: [{name: trunkco, addresses: [198.51.100.0/28]}]\n"
        "  forwards:\n    - {proto: udp, ports: 5060, to: 192.168.1.10, from: [198.51.100.0/28]}\n");
    const Reachability reach(site_facts(&s, false), {}, {}, {});
    auto svc = sip_service();
    const auto r = reach.evaluate(svc);
    EXPECT_EQ(r.exposure, ExposureClass::provider);
    EXPECT_TRUE(r.sources.contains(ip("198.51.100.3")));
    EXPECT_FALSE(r.sources.contains(ip("203.0.113.5")));
    bool forward_named = false;
    for (const auto& d : r.decisions) forward_named |= d.where.file == "sipwarden.yaml" && d.where.line == 6;
    EXPECT_TRUE(forward_named) << "the deciding forward is named with its file:line";
    svc.ports = {5038, 5038};
    EXPECT_EQ(reach.evaluate(svc).exposure, ExposureClass::lan) << "no forward: only the LAN";
    svc.bind = ip("127.0.0.1");
    EXPECT_EQ(reach.evaluate(svc).exposure, ExposureClass::localhost);
}

TEST(Reachability, NarrowFirewallAllowsAreNamedHostsNotTheInternet) {
    core::DiagnosticList d;
    const auto rules = read_firewall(
        "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 192.0.2.0/24 -p udp --dport 5060 -j ACCEPT\nCOMMIT\n", "r", d);
    const Reachability reach(site_facts(nullptr, true), {*rules}, {}, {});
    const auto r = reach.evaluate(sip_service());
    EXPECT_EQ(r.exposure, ExposureClass::provider);
    ASSERT_FALSE(r.who.empty());
    EXPECT_NE(r.who[0].find("not declared as providers"), std::string::npos);
    ExposureOptions wide;
    wide.internet_prefix_v4 = 24;
    EXPECT_EQ(Reachability(site_facts(nullptr, true), {*rules}, wide, {}).evaluate(sip_service()).exposure,
              ExposureClass::internet);
}

struct Setup {
    std::string name;
    std::string firewall;
    std::string site;
};

AuditResult audit_setup(const Setup& s) {
    AuditInput input;
    input.asterisk_dir = std::string(SIPWARDEN_SOURCE_DIR) + "/tests/audit/data/exposure/asterisk";
    input.firewall_files = {std::string(SIPWARDEN_SOURCE_DIR) + "/tests/audit/data/firewall/" + s.firewall};
    input.config_file = std::string(SIPWARDEN_SOURCE_DIR) + "/tests/audit/data/exposure/" + s.site;
    auto r = run_audit(input);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return std::move(r.value());
}

const RatedFinding* find(const AuditResult& r, std::string_view id) {
    for (const auto& f : r.findings) {
        if (f.finding.check_id == id) return &f;
    }
    return nullptr;
}

// One PBX, three set-ups: the same settings, rated by who can reach them.
TEST(ExposureVariants, SeverityFollowsWhoCanReachThePbx) {
    const auto open = audit_setup({"open", "open.iptables-save", "site-open.yaml"});
    const auto provider = audit_setup({"provider", "provider-only.iptables-save", "site-provider.yaml"});
    const auto lan = audit_setup({"lan", "lan-only.iptables-save", "site-lan.yaml"});
    for (const auto* id : {"ast.dialplan.toll-fraud-path", "ast.pjsip.weak-password", "ast.ami.reachable"}) {
        SCOPED_TRACE(id);
        const auto* o = find(open, id);
        const auto* p = find(provider, id);
        const auto* l = find(lan, id);
        ASSERT_TRUE(o && p && l);
        EXPECT_EQ(o->exposure, ExposureClass::internet);
        EXPECT_EQ(o->finding.severity, core::Severity::critical);
        EXPECT_LT(p->finding.severity, o->finding.severity);
        EXPECT_LT(l->finding.severity, o->finding.severity);
    }
    const auto* fraud = find(provider, "ast.dialplan.toll-fraud-path");
    EXPECT_EQ(fraud->exposure, ExposureClass::provider);
    EXPECT_NE(fraud->finding.exposure.find("exploitable only from provider trunkco (198.51.100.0/28)"),
              std::string::npos)
        << fraud->finding.exposure;
    const auto* ami = find(provider, "ast.ami.reachable");
    EXPECT_TRUE(ami->moot) << ami->finding.exposure;
    EXPECT_EQ(ami->finding.severity, core::Severity::info);
    EXPECT_NE(ami->finding.exposure.find("provider-only.iptables-save:12"), std::string::npos)
        << "names the dropping rule";
    EXPECT_EQ(find(lan, "ast.pjsip.weak-password")->exposure, ExposureClass::lan);
}

}  // namespace
}  // namespace sipwarden::audit
