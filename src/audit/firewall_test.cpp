// Firewall readers (iptables-save, nft text, nft JSON) on dumps made by the
// real tools (tests/audit/data/firewall), their errors, and the evaluator.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "audit/firewall_eval.h"
#include "audit/firewall_model.h"

namespace sipwarden::audit {
namespace {

std::string data(const std::string& name) {
    std::ifstream in(std::string(SIPWARDEN_SOURCE_DIR) + "/tests/audit/data/firewall/" + name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Ruleset load(const std::string& name) {
    core::DiagnosticList d;
    auto r = read_firewall(data(name), name, d);
    EXPECT_TRUE(r.has_value()) << name;
    EXPECT_FALSE(d.has_errors()) << name << ": " << (d.size() ? d.items()[0].format() : "");
    return r ? *r : Ruleset{};
}

AddressSet accepted(const Ruleset& r, const char* protocol, std::uint16_t port) {
    return evaluate_firewall(r, Packet{protocol, port, {}}, AddressSet::all_v4(), Limits{}).accepted;
}

core::IpAddress ip(const char* t) { return *core::IpAddress::parse(t); }

TEST(Iptables, ReadsChainsPoliciesAndMatches) {
    const auto r = load("provider-only.iptables-save");
    EXPECT_EQ(r.kind, Ruleset::Kind::iptables);
    const auto* input = r.chain("ip", "filter", "INPUT");
    ASSERT_NE(input, nullptr);
    EXPECT_EQ(input->policy, Verdict::drop);
    EXPECT_EQ(input->hook, "input");
    ASSERT_EQ(input->rules.size(), 6u);
    EXPECT_EQ(input->rules[0].in_interface, "lo");
    EXPECT_EQ(input->rules[1].ct_states, (std::vector<std::string>{"related", "established"}));
    EXPECT_EQ(input->rules[2].verdict, Verdict::jump);
    EXPECT_EQ(input->rules[2].target, "sip");
    EXPECT_EQ(input->rules[3].destination_ports.ranges.at(0).last, 20000);
    EXPECT_EQ(input->rules[2].where.line, 9);
    const auto* sip = r.chain("ip", "filter", "sip");
    ASSERT_NE(sip, nullptr);
    EXPECT_FALSE(sip->rules[0].conditions.empty()) << "-m recent makes the rule conditional";
}

TEST(Iptables, IpsetAndNegationAndErrors) {
    core::DiagnosticList d;
    const auto r = read_iptables_save(
        "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m set --match-set f2b-sip src -j DROP\n"
        "-A INPUT ! -s 192.168.0.0/255.255.0.0 -p tcp --dport 5038 -j REJECT\n"
        "-A INPUT -p udp --dport 99999 -j ACCEPT\n-A NOPE -j ACCEPT\nCOMMIT\n",
        "rules", d);
    const auto* input = r.chain("ip", "filter", "INPUT");
    ASSERT_NE(input, nullptr);
    EXPECT_EQ(input->rules[0].source.set_name, "f2b-sip");
    ASSERT_NE(r.set("ip", "filter", "f2b-sip"), nullptr);
    EXPECT_FALSE(r.set("ip", "filter", "f2b-sip")->members_known);
    EXPECT_TRUE(input->rules[1].source.negated);
    EXPECT_EQ(input->rules[1].source.cidrs[0].to_string(), "192.168.0.0/16");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d.items()[0].where.to_string(), "rules:5:25");
    EXPECT_NE(d.items()[0].message.find("99999"), std::string::npos);
    EXPECT_EQ(d.items()[1].where.to_string(), "rules:6:4");
    EXPECT_EQ(input->rules.size(), 2u) << "bad rules are skipped, good ones kept";
}

TEST(NftText, ReadsTablesSetsChainsAndRules) {
    const auto r = load("provider-only.nft.txt");
    EXPECT_EQ(r.kind, Ruleset::Kind::nft_text);
    const auto* input = r.chain("inet", "filter", "input");
    ASSERT_NE(input, nullptr);
    EXPECT_EQ(input->policy, Verdict::drop);
    EXPECT_EQ(input->priority, 0);
    ASSERT_EQ(input->rules.size(), 6u);
    EXPECT_EQ(input->rules[2].source.set_name, "providers");
    EXPECT_EQ(input->rules[2].where.line, 12);
    EXPECT_EQ(input->rules[4].destination_ports.ranges.size(), 2u);
    ASSERT_NE(r.set("inet", "filter", "providers"), nullptr);
    EXPECT_EQ(r.set("inet", "filter", "providers")->addresses.at(0).to_string(), "198.51.100.0/28");
}

TEST(NftJson, ReadsTheSameRulesetWithPositions) {
    const auto r = load("provider-only.nft.json");
    EXPECT_EQ(r.kind, Ruleset::Kind::nft_json);
    const auto* input = r.chain("inet", "filter", "input");
    ASSERT_NE(input, nullptr);
    ASSERT_EQ(input->rules.size(), 6u);
    EXPECT_EQ(input->rules[2].source.set_name, "providers");
    EXPECT_GT(input->rules[2].where.column, input->rules[1].where.column) << "each rule has its own position";
}

TEST(NftJson, SyntaxErrorHasAPosition) {
    core::DiagnosticList d;
    read_nft_json("{\"nftables\": [\n  {\"table\": {,}}]}", "x.json", d);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d.items()[0].where.line, 2);
}

TEST(Firewall, KindIsDetectedFromContent) {
    core::DiagnosticList d;
    EXPECT_EQ(read_firewall(data("open.iptables-save"), "a", d)->kind, Ruleset::Kind::iptables);
    EXPECT_EQ(read_firewall(data("provider-only.nft.txt"), "b", d)->kind, Ruleset::Kind::nft_text);
    EXPECT_EQ(read_firewall(data("provider-only.nft.json"), "c", d)->kind, Ruleset::Kind::nft_json);
    EXPECT_FALSE(read_firewall("hello world\n", "d", d).has_value());
    EXPECT_EQ(d.items().back().where.to_string(), "d:1:1");
}

// The three dump formats of the same policy agree on who reaches SIP and RTP.
TEST(FirewallEval, FormatsAgree) {
    for (const auto* name : {"provider-only.iptables-save", "provider-only.nft.txt", "provider-only.nft.json"}) {
        const auto r = load(name);
        const auto sip = accepted(r, "udp", 5060);
        EXPECT_TRUE(sip.contains(ip("198.51.100.5"))) << name;
        EXPECT_FALSE(sip.contains(ip("203.0.113.9"))) << name;
        EXPECT_TRUE(sip.contains(ip("127.0.0.1"))) << name;
        const auto rtp = accepted(r, "udp", 15000);
        EXPECT_TRUE(rtp.contains(ip("203.0.113.9"))) << name;
        EXPECT_FALSE(accepted(r, "tcp", 5038).contains(ip("203.0.113.9"))) << name;
    }
}

TEST(FirewallEval, NamesTheDecidingRule) {
    const auto r = load("provider-only.iptables-save");
    const auto v = evaluate_firewall(r, Packet{"udp", 5060, {}}, AddressSet::all_v4(), Limits{});
    bool accepted_by_sip_chain = false;
    bool dropped_by_policy = false;
    for (const auto& d : v.decided) {
        if (d.verdict == Verdict::accept && d.where.line == 14) accepted_by_sip_chain = true;
        if (d.verdict == Verdict::drop && d.text.find("policy DROP") != std::string::npos) dropped_by_policy = true;
    }
    EXPECT_TRUE(accepted_by_sip_chain);
    EXPECT_TRUE(dropped_by_policy);
}

TEST(FirewallEval, OpenLanOnlyAndUnknownSets) {
    EXPECT_EQ(accepted(load("open.iptables-save"), "udp", 5060), AddressSet::all_v4());
    const auto lan = accepted(load("lan-only.iptables-save"), "udp", 5060);
    EXPECT_TRUE(lan.contains(ip("192.168.1.20")));
    EXPECT_FALSE(lan.contains(ip("192.168.2.20")));
    core::DiagnosticList d;
    const auto r = read_iptables_save(
        "*filter\n:INPUT DROP [0:0]\n-A INPUT -m set --match-set friends src -j ACCEPT\n"
        "-A INPUT -m set --match-set banned src -j DROP\n-A INPUT -p udp --dport 5060 -j ACCEPT\nCOMMIT\n",
        "r", d);
    const auto v = evaluate_firewall(r, Packet{"udp", 5060, {}}, AddressSet::all_v4(), Limits{});
    EXPECT_EQ(v.accepted, AddressSet::all_v4()) << "an unknown drop set does not shrink who may get in";
    EXPECT_FALSE(v.notes.empty());
}

TEST(FirewallEval, JumpLoopsAreBounded) {
    core::DiagnosticList d;
    const auto r = read_iptables_save(
        "*filter\n:INPUT DROP [0:0]\n:a - [0:0]\n:b - [0:0]\n-A INPUT -j a\n-A a -j b\n-A b -j a\nCOMMIT\n", "r", d);
    const auto v = evaluate_firewall(r, Packet{"udp", 5060, {}}, AddressSet::all_v4(), Limits{});
    EXPECT_FALSE(v.notes.empty());
}

}  // namespace
}  // namespace sipwarden::audit
