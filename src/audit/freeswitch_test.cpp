// The FreeSWITCH preprocessor and reader: includes relative to the including
// file, $${var} expansion, directives inside comments, positions through
// includes, XML errors with file:line:col.
#include <gtest/gtest.h>

#include "audit/freeswitch_model.h"
#include "audit/freeswitch_preprocess.h"

namespace sipwarden::audit {
namespace {

using Files = std::map<std::string, std::string>;

FreeswitchConfig read(Files files, core::DiagnosticList& d) {
    return read_freeswitch(MemoryLoader(std::move(files)), Limits{}, d);
}

TEST(FreeswitchPreprocess, IncludesSetsAndExpansion) {
    core::DiagnosticList d;
    const auto cfg = read({{"freeswitch.xml",
                            "<document>\n<X-PRE-PROCESS cmd=\"include\" data=\"vars.xml\"/>\n"
                            "<section name=\"configuration\">\n<X-PRE-PROCESS cmd=\"include\" "
                            "data=\"autoload_configs/*.xml\"/>\n</section>\n</document>\n"},
                           {"vars.xml",
                            "<include>\n  <!-- <X-PRE-PROCESS cmd=\"set\" data=\"esl_port=8022\"/> -->\n"
                            "  <X-PRE-PROCESS cmd=\"set\" data=\"ring=%(1,2);>=2\"/>\n</include>\n"},
                           {"autoload_configs/event_socket.conf.xml",
                            "<configuration name=\"event_socket.conf\">\n<settings>\n<param name=\"listen-port\" "
                            "value=\"$${esl_port}\"/>\n"
                            "<param name=\"password\" value=\"$${unknown}\"/>\n</settings>\n</configuration>\n"}},
                          d);
    EXPECT_EQ(d.size(), 0u) << (d.size() ? d.items()[0].format() : "");
    ASSERT_TRUE(cfg.event_socket_present);
    EXPECT_EQ(cfg.event_socket.get("listen-port"), "8022") << "X-PRE-PROCESS in a comment still runs, as in FreeSWITCH";
    EXPECT_EQ(cfg.event_socket.get("password"), "$${unknown}");
    EXPECT_EQ(cfg.vars.at("ring").value, "%(1,2);>=2") << "'>' inside data does not end the tag";
    const auto* p = cfg.event_socket.find("listen-port");
    EXPECT_EQ(p->where.file, "autoload_configs/event_socket.conf.xml");
    EXPECT_EQ(p->where.line, 3);
}

TEST(FreeswitchPreprocess, RelativeIncludesAndDepth) {
    core::DiagnosticList d;
    const auto cfg = read(
        {{"freeswitch.xml",
          "<document><section name=\"configuration\">\n<X-PRE-PROCESS cmd=\"include\" "
          "data=\"autoload_configs/sofia.conf.xml\"/>\n</section></document>\n"},
         {"autoload_configs/sofia.conf.xml",
          "<configuration name=\"sofia.conf\"><profiles>\n<X-PRE-PROCESS cmd=\"include\" "
          "data=\"../sip_profiles/*.xml\"/>\n</profiles></configuration>\n"},
         {"sip_profiles/internal.xml",
          "<profile name=\"internal\"><settings>\n<param name=\"sip-port\" value=\"5060\"/>\n</settings></profile>\n"}},
        d);
    ASSERT_EQ(cfg.profiles.size(), 1u);
    EXPECT_EQ(cfg.profiles[0].settings.find("sip-port")->where.to_string(), "sip_profiles/internal.xml:2:1");
    core::DiagnosticList d2;
    read({{"freeswitch.xml", "<X-PRE-PROCESS cmd=\"include\" data=\"freeswitch.xml\"/>\n"}}, d2);
    ASSERT_FALSE(d2.items().empty());
}

TEST(FreeswitchReader, XmlErrorNamesTheSourceLineAndKeepsWhatWasRead) {
    core::DiagnosticList d;
    const auto cfg =
        read({{"freeswitch.xml", "<document>\n<X-PRE-PROCESS cmd=\"include\" data=\"a.xml\"/>\n</document>\n"},
              {"a.xml",
               "<section name=\"configuration\"><configuration name=\"event_socket.conf\"><settings>\n"
               "<param name=\"password\" value=\"ClueCon\"/>\n<param name=\"x\" "
               "value=\"1\">\n</settings></configuration></section>\n"}},
             d);
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(d.items()[0].where.file, "a.xml");
    EXPECT_EQ(d.items()[0].where.line, 4);
    EXPECT_GT(d.items()[0].where.column, 0);
    EXPECT_EQ(cfg.event_socket.get("password"), "ClueCon");
}

TEST(FreeswitchReader, DirectoryDialplanAndAcls) {
    core::DiagnosticList d;
    const auto cfg = read({{"freeswitch.xml",
                            "<document>\n<section name=\"directory\"><domain name=\"d\"><variables><variable "
                            "name=\"user_context\" value=\"default\"/></variables>"
                            "<groups><group name=\"g\"><users><user id=\"1000\"><params><param name=\"password\" "
                            "value=\"p\"/></params></user></users></group></groups></domain></section>\n"
                            "<section name=\"dialplan\"><context name=\"public\"><extension name=\"e\" "
                            "continue=\"true\"><condition field=\"destination_number\" expression=\"^1$\">"
                            "<action application=\"transfer\" data=\"1 XML default\"/><anti-action "
                            "application=\"hangup\"/></condition></extension></context></section>\n"
                            "<section name=\"configuration\"><configuration name=\"acl.conf\"><network-lists><list "
                            "name=\"l\" default=\"deny\">"
                            "<node type=\"allow\" "
                            "cidr=\"192.0.2.0/24\"/></list></network-lists></configuration></section>\n</document>\n"}},
                          d);
    ASSERT_EQ(cfg.users.size(), 1u);
    EXPECT_EQ(cfg.users[0].variables.get("user_context"), "default");
    ASSERT_NE(cfg.context("public"), nullptr);
    const auto& ext = cfg.context("public")->extensions.at(0);
    EXPECT_TRUE(ext.continue_on_match);
    ASSERT_EQ(ext.conditions.at(0).actions.size(), 2u);
    EXPECT_TRUE(ext.conditions[0].actions[1].anti);
    ASSERT_NE(cfg.acl("L"), nullptr);
    EXPECT_EQ(cfg.acl("l")->nodes.at(0).cidr, "192.0.2.0/24");
}

TEST(FreeswitchReader, MissingFreeswitchXmlIsAnError) {
    core::DiagnosticList d;
    const auto cfg = read({{"vars.xml", "<include/>"}}, d);
    EXPECT_TRUE(d.has_errors());
    EXPECT_TRUE(cfg.profiles.empty());
}

TEST(Paths, Normalise) {
    EXPECT_EQ(normalise_path("autoload_configs/../sip_profiles/a.xml"), "sip_profiles/a.xml");
    EXPECT_EQ(normalise_path("/etc/./freeswitch//x"), "/etc/freeswitch/x");
    EXPECT_EQ(normalise_path("../a"), "../a");
}

}  // namespace
}  // namespace sipwarden::audit
