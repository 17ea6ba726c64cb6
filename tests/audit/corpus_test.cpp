// The audit on real configurations: each configuration set of the shared
// corpus (Asterisk samples and basic-pbx, FreePBX, Issabel, the DVRTC
// deliberately vulnerable lab, FreeSWITCH vanilla, Kamailio's default) with
// the findings it must and must not produce; the hardened variants in
// tests/audit/data must produce nothing high or critical.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit.h"

namespace sipwarden::audit {
namespace {

namespace fs = std::filesystem;

const std::string k_shared = std::string(SIPWARDEN_SHARED_DIR) + "/corpus/configs/";
const std::string k_data = std::string(SIPWARDEN_SOURCE_DIR) + "/tests/audit/data/";

struct Expect {
    std::string check;
    core::Severity at_least = core::Severity::info;
};

struct CorpusCase {
    std::string name;
    AuditInput input;
    std::vector<Expect> present;
    std::vector<std::string> absent;
};

const RatedFinding* find(const AuditResult& r, const std::string& id, core::Severity at_least) {
    for (const auto& f : r.findings) {
        if (f.finding.check_id == id && f.finding.severity >= at_least) return &f;
    }
    return nullptr;
}

std::string listing(const AuditResult& r) {
    std::string out;
    for (const auto& f : r.findings)
        out += "\n  " + std::string(core::to_string(f.finding.severity)) + " " + f.finding.check_id;
    return out;
}

AuditInput input(std::string asterisk, std::string freeswitch = {}, std::string kamailio = {}) {
    AuditInput in;
    if (!asterisk.empty()) in.asterisk_dir = k_shared + asterisk;
    if (!freeswitch.empty()) in.freeswitch_dir = k_shared + freeswitch;
    if (!kamailio.empty()) in.kamailio_file = k_shared + kamailio;
    return in;
}

std::vector<CorpusCase> corpus_cases() {
    using core::Severity;
    return {
        {"asterisk basic-pbx",
         input("asterisk/basic-pbx"),
         {{"ast.pjsip.no-tls", Severity::medium}, {"ast.dialplan.exten-injection"}},
         {"ast.dialplan.toll-fraud-path", "ast.pjsip.anonymous-endpoint", "ast.pjsip.weak-password",
          "ast.ami.reachable"}},
        {"freepbx generated",
         input("freepbx-aieci/asterisk"),
         {{"ast.pjsip.weak-password", Severity::critical},
          {"ast.pjsip.anonymous-endpoint", Severity::high},
          {"ast.ami.reachable", Severity::critical},
          {"ast.ami.dangerous-permissions", Severity::medium},
          {"ast.pjsip.trust-id-inbound"}},
         {"ast.sip.allowguest", "ast.dialplan.toll-fraud-path"}},
        {"issabel default",
         input("issabel-default/etc/asterisk"),
         {{"ast.ami.reachable", Severity::critical}, {"ast.ami.weak-secret"}, {"ast.ami.dangerous-permissions"}},
         {"ast.pjsip.anonymous-endpoint"}},
        {"dvrtc asterisk behind kamailio",
         input("dvrtc-vulnerable/asterisk/config", {}, "dvrtc-vulnerable/kamailio/config/kamailio.cfg"),
         {{"ast.pjsip.weak-password", Severity::critical},
          {"ast.pjsip.many-contacts"},
          {"kam.no-antiflood", Severity::medium},
          {"ast.ami.weak-secret"}},
         {"ast.ami.no-acl"}},
        {"dvrtc asterisk alone (loopback only)",
         input("dvrtc-vulnerable/asterisk/config"),
         {{"ast.pjsip.weak-password"}},
         {}},
        {"dvrtc freeswitch",
         input({}, "dvrtc-vulnerable/freeswitch/config"),
         {{"fs.esl.default-password", Severity::low},
          {"fs.profile.inbound-acl-allows-all"},
          {"fs.directory.weak-password"}},
         {"fs.vars.default-password"}},
        {"freeswitch vanilla",
         input({}, "freeswitch/vanilla"),
         {{"fs.vars.default-password", Severity::critical},
          {"fs.esl.default-password", Severity::critical},
          {"fs.esl.reachable", Severity::critical},
          {"fs.profile.auth-calls-off"}},
         {"fs.dialplan.toll-fraud-path", "fs.profile.blind-auth"}},
        {"kamailio default",
         input({}, {}, "kamailio/kamailio.cfg"),
         {{"kam.no-auth", Severity::high}, {"kam.no-antiflood", Severity::medium}},
         {"kam.pstn-spoofable"}},
        {"openwrt asterisk",
         input("openwrt-asterisk-katallaxie/etc/asterisk"),
         {{"ast.sip.weak-secret", Severity::critical}, {"ast.sip.insecure-invite"}, {"ast.sip.chan-sip-loaded"}},
         {}},
    };
}

// Printed by gtest instead of the object's bytes.
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.name; }

class Corpus : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(Corpus, ExpectedFindings) {
    if (!fs::exists(k_shared)) GTEST_SKIP() << "the shared corpus is not present (" << k_shared << ")";
    const auto& c = GetParam();
    auto result = run_audit(c.input);
    ASSERT_TRUE(result) << result.error().message;
    for (const auto& e : c.present) {
        EXPECT_NE(find(*result, e.check, e.at_least), nullptr)
            << c.name << ": expected " << e.check << " at least " << core::to_string(e.at_least) << listing(*result);
    }
    for (const auto& id : c.absent)
        EXPECT_EQ(find(*result, id, core::Severity::info), nullptr) << c.name << ": unexpected " << id;
}

std::string case_name(const ::testing::TestParamInfo<CorpusCase>& info) {
    std::string out;
    for (char ch : info.param.name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return out;
}

INSTANTIATE_TEST_SUITE_P(Configs, Corpus, ::testing::ValuesIn(corpus_cases()), case_name);

// The upstream samples ship as NAME.conf.sample; read them under their real names.
TEST(Corpus, AsteriskSamples) {
    const auto dir = k_shared + "asterisk/samples";
    if (!fs::exists(dir)) GTEST_SKIP() << "the shared corpus is not present";
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (!name.ends_with(".conf.sample")) continue;
        std::ifstream in(e.path());
        std::stringstream s;
        s << in.rdbuf();
        files[name.substr(0, name.size() - 7)] = s.str();
    }
    AuditModel model;
    core::DiagnosticList d;
    model.asterisk = read_asterisk(MemoryLoader(files), Limits{}, d);
    const auto result = audit_models(std::move(model), nullptr, {}, {});
    EXPECT_NE(find(result, "ast.iax.guest", core::Severity::high), nullptr) << listing(result);
    EXPECT_NE(find(result, "ast.dialplan.demo-included", core::Severity::low), nullptr) << listing(result);
    EXPECT_EQ(find(result, "ast.dialplan.toll-fraud-path", core::Severity::info), nullptr) << listing(result);
}

struct Hardened {
    std::string name;
    AuditInput input;
};

TEST(Hardened, NothingHighOrCritical) {
    AuditInput ast;
    ast.asterisk_dir = k_data + "hardened/asterisk";
    ast.firewall_files = {k_data + "hardened/firewall.nft"};
    ast.config_file = k_data + "hardened/sipwarden.yaml";
    AuditInput fsw;
    fsw.freeswitch_dir = k_data + "hardened/freeswitch";
    fsw.firewall_files = {k_data + "hardened/freeswitch-firewall.nft"};
    fsw.config_file = k_data + "hardened/sipwarden.yaml";
    for (const auto& h : {Hardened{"asterisk", ast}, Hardened{"freeswitch", fsw}}) {
        auto result = run_audit(h.input);
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_FALSE(result->diagnostics.has_errors()) << h.name;
        for (const auto& f : result->findings) {
            EXPECT_LT(f.finding.severity, core::Severity::high)
                << h.name << ": " << f.finding.check_id << " " << f.finding.message;
        }
        EXPECT_FALSE(result->findings.empty()) << "the informational findings still explain what was checked";
    }
}

// The same hardened PBX without its firewall and site file: the zero-site-file
// assumptions make it exposed, and the report says why.
TEST(Hardened, WithoutFirewallTheAssumptionsAreStated) {
    AuditInput in;
    in.asterisk_dir = k_data + "hardened/asterisk";
    auto result = run_audit(in);
    ASSERT_TRUE(result);
    bool stated = false;
    for (const auto& a : result->assumptions) stated |= a.find("no firewall rules given") != std::string::npos;
    EXPECT_TRUE(stated);
    bool provider_inferred = false;
    for (const auto& p : result->providers)
        provider_inferred |= p.name == "trunk" && p.addresses.contains(*core::IpAddress::parse("198.51.100.10"));
    EXPECT_TRUE(provider_inferred) << "the trunk provider is inferred from identify/match";
}

TEST(Inputs, MissingDirectoryAndBadFirewallAreErrors) {
    AuditInput in;
    in.asterisk_dir = "/nonexistent/asterisk";
    auto r = run_audit(in);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not a directory"), std::string::npos);
    in.asterisk_dir = k_data + "hardened/asterisk";
    in.firewall_files = {k_data + "hardened/README.md"};
    r = run_audit(in);
    ASSERT_FALSE(r);
}

}  // namespace
}  // namespace sipwarden::audit
