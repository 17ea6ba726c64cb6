// The Asterisk .conf parser: includes (also globs and #tryinclude), #exec
// reported but never run, templates, inheritance, (+), comments, and errors
// with file:line:col.
#include "audit/asterisk_conf.h"

#include <gtest/gtest.h>

#include "audit/asterisk_model.h"

namespace sipwarden::audit {
namespace {

ConfFile read(std::map<std::string, std::string> files, core::DiagnosticList& diagnostics,
              const std::string& root = "main.conf") {
    return read_conf(MemoryLoader(std::move(files)), root, Limits{}, diagnostics);
}

TEST(AsteriskConf, FollowsIncludesGlobsAndKeepsTheCategoryAcrossThem) {
    core::DiagnosticList d;
    const auto f = read(
        {{"main.conf", "[general]\n#include general_extra.conf\n#tryinclude missing.conf\n#include \"peers/*.conf\"\n"},
         {"general_extra.conf", "allowguest=no\n"},
         {"peers/a.conf", "[a]\nsecret=x\n"},
         {"peers/b.conf", "[b]\nsecret=y\n"}},
        d);
    ASSERT_EQ(f.sections.size(), 3u);
    EXPECT_EQ(f.sections[0].get("allowguest"), "no");
    EXPECT_EQ(f.sections[0].find("allowguest")->where.file, "general_extra.conf");
    EXPECT_EQ(f.sections[0].find("allowguest")->where.line, 1);
    EXPECT_EQ(f.sections[1].name, "a");
    EXPECT_EQ(f.sections[2].name, "b");
    EXPECT_EQ(d.size(), 0u) << "a missing #tryinclude is not a problem";
    EXPECT_EQ(f.files.size(), 4u);
}

TEST(AsteriskConf, MissingIncludeIsAWarningAndRemembered) {
    core::DiagnosticList d;
    const auto f = read({{"main.conf", "[general]\n#include secret.conf\nport=5060\n"}}, d);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d.items()[0].where.line, 2);
    EXPECT_EQ(f.missing, std::vector<std::string>{"secret.conf"});
    EXPECT_EQ(f.sections[0].get("port"), "5060") << "what follows the bad include is still read";
}

TEST(AsteriskConf, ExecIsRecordedNotRun) {
    core::DiagnosticList d;
    const auto f = read({{"main.conf", "[general]\n#exec /bin/echo allowguest=yes\n"}}, d);
    ASSERT_EQ(f.directives.size(), 1u);
    EXPECT_EQ(f.directives[0].name, "exec");
    EXPECT_EQ(f.directives[0].argument, "/bin/echo allowguest=yes");
    EXPECT_FALSE(f.sections[0].get("allowguest").has_value());
}

TEST(AsteriskConf, TemplatesInheritanceAndAppend) {
    core::DiagnosticList d;
    const auto f = parse_conf_text(
        "[base](!)\ncontext=phones\nallow=ulaw\n[extra](!)\nallow=alaw\n"
        "[1001](base,extra)\nsecret=s\ncontext=vip\n[1001](+)\nmailbox=1001\n",
        "sip.conf", d);
    EXPECT_EQ(d.size(), 0u);
    const auto* s = f.first("1001");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->get("context"), "vip") << "own settings override inherited ones";
    EXPECT_EQ(s->all("allow").size(), 2u);
    EXPECT_EQ(s->get("mailbox"), "1001") << "(+) appends to the section";
    EXPECT_EQ(s->all("allow")[0]->where.line, 3) << "inherited entries keep their own line";
    EXPECT_EQ(f.named("base").size(), 0u) << "templates are not sections";
}

TEST(AsteriskConf, ObjectArrowsAppendAndComments) {
    core::DiagnosticList d;
    const auto f = parse_conf_text(
        "[ctx] ; comment\nexten => 1,1,NoOp(a\\;b) ; c\n;-- block\nexten => 2,1,Hangup()\n--;\nvar += more\n", "x.conf",
        d);
    const auto& s = f.sections.at(0);
    ASSERT_EQ(s.entries.size(), 2u);
    EXPECT_TRUE(s.entries[0].object);
    EXPECT_EQ(s.entries[0].value, "1,1,NoOp(a;b)");
    EXPECT_TRUE(s.entries[1].append);
}

TEST(AsteriskConf, ErrorsNameFileLineColumnAndSuggest) {
    core::DiagnosticList d;
    const auto f = parse_conf_text("port=5060\n[general\n  #inclde x.conf\n[ok]\n  bad line\nkey=v\n", "sip.conf", d);
    ASSERT_EQ(d.size(), 4u);
    EXPECT_EQ(d.items()[0].where.to_string(), "sip.conf:1:1");
    EXPECT_NE(d.items()[0].message.find("before any [section]"), std::string::npos);
    EXPECT_EQ(d.items()[1].where.to_string(), "sip.conf:2:1");
    EXPECT_EQ(d.items()[2].where.to_string(), "sip.conf:3:3");
    EXPECT_EQ(d.items()[2].suggestion, "did you mean '#include'?");
    EXPECT_EQ(d.items()[3].where.to_string(), "sip.conf:5:3");
    EXPECT_NE(d.items()[3].format().find("  bad line\n      ^"), std::string::npos) << d.items()[3].format();
    EXPECT_EQ(f.first("ok")->get("key"), "v");
}

TEST(AsteriskConf, IncludeCyclesAndDepthAreBounded) {
    core::DiagnosticList d;
    read({{"main.conf", "#include main.conf\n"}}, d);
    ASSERT_FALSE(d.items().empty());
    EXPECT_NE(d.items().back().message.find("includes itself"), std::string::npos);
    std::map<std::string, std::string> chain;
    for (int i = 0; i < 30; ++i)
        chain["f" + std::to_string(i) + ".conf"] = "#include f" + std::to_string(i + 1) + ".conf\n";
    core::DiagnosticList d2;
    read(chain, d2, "f0.conf");
    ASSERT_FALSE(d2.items().empty());
    EXPECT_NE(d2.items().back().message.find("nested deeper"), std::string::npos);
}

TEST(AsteriskReader, WizardExpandsToEndpointAuthAorAndIdentify) {
    core::DiagnosticList d;
    const auto cfg =
        read_asterisk(MemoryLoader(std::map<std::string, std::string>{
                          {"pjsip_wizard.conf",
                           "[trunk]\ntype=wizard\nremote_hosts=198.51.100.10:5060\naccepts_auth=yes\n"
                           "inbound_auth/username=t\ninbound_auth/password=p\nendpoint/context=from-trunk\n"}}),
                      Limits{}, d);
    ASSERT_NE(cfg.pjsip.find("endpoint", "trunk"), nullptr);
    EXPECT_EQ(cfg.pjsip.find("endpoint", "trunk")->get("context"), "from-trunk");
    EXPECT_EQ(cfg.pjsip.find("endpoint", "trunk")->get("auth"), "trunk-iauth");
    EXPECT_EQ(cfg.pjsip.find("auth", "trunk-iauth")->get("password"), "p");
    ASSERT_EQ(cfg.pjsip.identifies_for("trunk").size(), 1u);
    EXPECT_EQ(cfg.pjsip.identifies_for("trunk")[0]->get("match"), "198.51.100.10");
}

TEST(AsteriskReader, DialplanContextsPrioritiesLabelsAndIncludes) {
    core::DiagnosticList d;
    const auto f = parse_conf_text(
        "[globals]\nTRUNK=PJSIP/t\n[in]\ninclude => out\nexten => _X.,1,NoOp()\n same => "
        "n(dial),Dial(${TRUNK}/${EXTEN})\n"
        "exten => s,1,Goto(in,100,1)\nexten => 100,hint,PJSIP/100\n[out]\nexten => 1,1,Hangup()\n",
        "extensions.conf", d);
    const auto plan = build_dialplan(f, d);
    EXPECT_EQ(d.size(), 0u);
    EXPECT_EQ(plan.global("trunk"), "PJSIP/t");
    const auto* in = plan.context("IN");
    ASSERT_NE(in, nullptr);
    ASSERT_EQ(in->includes.size(), 1u);
    ASSERT_EQ(in->extensions.size(), 2u) << "hints are not executable extensions";
    const auto& x = in->extensions[0];
    ASSERT_EQ(x.steps.size(), 2u);
    EXPECT_EQ(x.steps[1].priority, 2);
    EXPECT_EQ(x.steps[1].label, "dial");
    EXPECT_EQ(x.steps[1].app, "Dial");
    EXPECT_EQ(x.steps[1].args, "${TRUNK}/${EXTEN}");
    EXPECT_EQ(x.steps[1].where.line, 6);
}

}  // namespace
}  // namespace sipwarden::audit
