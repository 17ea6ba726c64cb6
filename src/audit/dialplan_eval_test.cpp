// Dialplan evaluation: Asterisk patterns and their precedence, variable
// substitution, jump arguments, and the toll-fraud path search (Asterisk and
// FreeSWITCH), including paths that must not be found.
#include <gtest/gtest.h>

#include "audit/dialplan_eval.h"
#include "audit/toll_fraud.h"

namespace sipwarden::audit {
namespace {

Dialplan plan(std::string_view text) {
    core::DiagnosticList d;
    const auto f = parse_conf_text(text, "extensions.conf", d);
    return build_dialplan(f, d);
}

std::optional<FraudPath> path(std::string_view text, const std::string& context,
                              EntryKind kind = EntryKind::dialled_number) {
    return find_fraud_path(plan(text), context, kind, fraud_probes(config::Dialing{}), Limits{});
}

TEST(Patterns, MatchLikeAsterisk) {
    EXPECT_TRUE(extension_matches("_X.", "0044123"));
    EXPECT_FALSE(extension_matches("_X.", "1"));
    EXPECT_TRUE(extension_matches("_X!", "1"));
    EXPECT_TRUE(extension_matches("_NXXNXXXXXX", "2565551234"));
    EXPECT_FALSE(extension_matches("_NXXNXXXXXX", "1565551234"));
    EXPECT_TRUE(extension_matches("_9011.", "9011442079460123"));
    EXPECT_TRUE(extension_matches("_[0-2]X", "19"));
    EXPECT_FALSE(extension_matches("_[0-2]X", "39"));
    EXPECT_TRUE(extension_matches("_1-800-NXX", "1800555"));
    EXPECT_TRUE(extension_matches("100", "100"));
    EXPECT_TRUE(extension_matches("_+.", "+442079460123"));
}

TEST(Patterns, SpecificityAndSamples) {
    EXPECT_LT(compare_specificity("_011.", "_X."), 0);
    EXPECT_LT(compare_specificity("100", "_X."), 0);
    EXPECT_GT(compare_specificity("_X.", "_NXXXXXX"), 0);
    EXPECT_EQ(sample_number("_25655511XX"), "2565551155");
    EXPECT_TRUE(extension_matches("_NXX.", sample_number("_NXX.")));
}

TEST(Substitution, VariablesOffsetsAndGlobals) {
    const auto p = plan("[globals]\nTRUNK=PJSIP/t\n");
    ChannelVars vars(&p);
    vars.set("EXTEN", "9011442079460123");
    EXPECT_EQ(vars.substitute("${TRUNK}/${EXTEN:1}").text, "PJSIP/t/011442079460123");
    EXPECT_EQ(vars.substitute("${EXTEN:-4}").text, "0123");
    EXPECT_EQ(vars.substitute("${EXTEN:1:3}").text, "011");
    EXPECT_EQ(vars.substitute("${GLOBAL(TRUNK)}").text, "PJSIP/t");
    const auto unknown = vars.substitute("${NOPE}/x");
    EXPECT_FALSE(unknown.complete);
    EXPECT_EQ(unknown.text, "${NOPE}/x");
}

TEST(Jumps, Arguments) {
    const auto t = parse_jump("sub,s,1(a,${EXTEN})");
    EXPECT_EQ(t.context, "sub");
    EXPECT_EQ(t.args, (std::vector<std::string>{"a", "${EXTEN}"}));
    const auto [yes, no] = conditional_targets("$[${A} = 1]?in,s,1:out,s,1");
    EXPECT_EQ(yes, "in,s,1");
    EXPECT_EQ(no, "out,s,1");
}

TEST(TollFraud, IncludeChainToAnInternationalRoute) {
    const auto p = path(
        "[public]\ninclude => internal\n[internal]\ninclude => trunkint\n[trunkint]\n"
        "exten => _9011.,1,Dial(DAHDI/g2/${EXTEN:1})\n",
        "public");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->probe.number.substr(0, 4), "9011");
    ASSERT_GE(p->steps.size(), 3u);
    EXPECT_NE(p->steps.front().text.find("includes [internal]"), std::string::npos);
    EXPECT_NE(p->steps.back().text.find("Dial(DAHDI/g2/"), std::string::npos);
    EXPECT_EQ(p->steps.back().where.line, 6);
}

TEST(TollFraud, GotoGosubMacroAndLocal) {
    EXPECT_TRUE(
        path("[in]\nexten => _X.,1,Goto(out,${EXTEN},1)\n[out]\nexten => _00.,1,Dial(SIP/trunk/${EXTEN})\n", "in"));
    EXPECT_TRUE(
        path("[in]\nexten => _X.,1,Gosub(sub,s,1(${EXTEN}))\n[sub]\nexten => s,1,Dial(PJSIP/${ARG1}@trunk)\n same => "
             "n,Return()\n",
             "in"));
    EXPECT_TRUE(
        path("[in]\nexten => _X.,1,Macro(out,${EXTEN})\n[macro-out]\nexten => s,1,Dial(IAX2/prov/${ARG1})\n", "in"));
    EXPECT_TRUE(path(
        "[in]\nexten => _X.,1,Dial(Local/${EXTEN}@out)\n[out]\nexten => _00X.,1,Dial(PJSIP/${EXTEN}@trunk)\n", "in"));
    EXPECT_TRUE(
        path("[in]\nexten => _X.,1,GotoIf($[${LEN(${EXTEN})} > 5]?out,${EXTEN},1:bye)\n same => n(bye),Hangup()\n"
             "[out]\nexten => _X.,1,Set(N=${EXTEN})\n same => n,Dial(PJSIP/${N}@trunk)\n",
             "in"));
}

TEST(TollFraud, NoPathWhenInternationalIsBlockedOrOnlyDevicesAreDialled) {
    // basic-pbx style: international and premium hang up; the catch-all only sees national numbers.
    EXPECT_FALSE(
        path("[in]\nexten => _X.,1,Goto(out,${EXTEN},1)\n[out]\nexten => _00.,1,Hangup()\nexten => _011.,1,Hangup()\n"
             "exten => _1900NXXXXXX,1,Hangup()\nexten => _09.,1,Hangup()\nexten => _9.,1,Hangup()\nexten => "
             "_X.,1,Dial(PJSIP/${EXTEN}@trunk)\n",
             "in"));
    EXPECT_FALSE(path("[in]\nexten => _X.,1,Dial(PJSIP/${EXTEN})\n", "in"))
        << "a device named after the number is not a trunk";
    EXPECT_FALSE(path("[in]\nexten => 100,1,Dial(PJSIP/100)\n", "in"));
    EXPECT_FALSE(path("[in]\nexten => _X.,1,Hangup()\n same => n,Dial(PJSIP/${EXTEN}@trunk)\n", "in"));
    EXPECT_FALSE(path("[a]\ninclude => b\n[b]\ninclude => a\n", "a")) << "include loops end";
}

TEST(TollFraud, TrunkContextsOnlyThroughCallerDigits) {
    const std::string out = "[outbound]\nexten => _00.,1,Dial(PJSIP/${EXTEN}@trunk)\n";
    // A DID that rings a phone: a PSTN caller cannot choose where to go.
    EXPECT_FALSE(
        path("[from-trunk]\nexten => 5551234,1,Dial(PJSIP/1001)\n" + out, "from-trunk", EntryKind::caller_digits));
    // An IVR that accepts digits in a context that includes the outbound routes.
    const auto ivr = path(
        "[from-trunk]\nexten => 5551234,1,Goto(ivr,s,1)\n[ivr]\ninclude => outbound\nexten => s,1,Background(menu)\n"
        " same => n,WaitExten(5)\n" +
            out,
        "from-trunk", EntryKind::caller_digits);
    ASSERT_TRUE(ivr);
    bool digits = false;
    for (const auto& s : ivr->steps) digits |= s.text.find("lets the caller enter a number") != std::string::npos;
    EXPECT_TRUE(digits);
    EXPECT_TRUE(
        path("[from-trunk]\nexten => s,1,DISA(no-password,outbound)\n" + out, "from-trunk", EntryKind::caller_digits));
}

TEST(TollFraud, StepLimitStopsRunawayDialplans) {
    Limits limits;
    limits.max_dialplan_steps = 50;
    const auto p = plan("[in]\nexten => _X.,1,Goto(in,${EXTEN},1)\n");
    EXPECT_FALSE(find_fraud_path(p, "in", EntryKind::dialled_number, fraud_probes({}), limits));
}

TEST(TollFraud, ProbesFollowTheSiteDialling) {
    config::Dialing dialing;
    dialing.international_prefix = "011";
    dialing.outside_line_prefix = "8";
    const auto probes = fraud_probes(dialing);
    EXPECT_TRUE(std::any_of(probes.begin(), probes.end(), [](const Probe& p) { return p.number.starts_with("8011"); }));
}

TEST(TollFraudFreeswitch, RegexCapturesTransferAndGateway) {
    core::DiagnosticList d;
    const std::map<std::string, std::string> files{
        {"freeswitch.xml",
         "<document><section name=\"dialplan\">\n"
         "<context name=\"public\"><extension name=\"x\"><condition field=\"destination_number\" "
         "expression=\"^(\\d+)$\">"
         "<action application=\"transfer\" data=\"$1 XML default\"/></condition></extension></context>\n"
         "<context name=\"default\"><extension name=\"intl\"><condition field=\"destination_number\" "
         "expression=\"^00(\\d+)$\">"
         "<action application=\"bridge\" data=\"sofia/gateway/prov/00$1\"/></condition></extension></context>\n"
         "</section></document>\n"}};
    const auto cfg = read_freeswitch(MemoryLoader(files), Limits{}, d);
    const auto p = find_fraud_path(cfg, "public", fraud_probes({}), Limits{});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->probe.number.substr(0, 2), "00");
    EXPECT_NE(p->steps.back().text.find("sofia/gateway/prov/00"), std::string::npos);
    EXPECT_FALSE(find_fraud_path(cfg, "nope", fraud_probes({}), Limits{}));
}

}  // namespace
}  // namespace sipwarden::audit
