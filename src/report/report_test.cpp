// The writers: text grouped by severity with colour only when asked, JSON
// with the documented fields, SARIF with rules as reportingDescriptors, HTML
// escaped.
#include "report/report.h"

#include <gtest/gtest.h>

namespace sipwarden::report {
namespace {

Report sample() {
    Report r;
    r.version = "0.1.0";
    r.command = "audit";
    r.assumptions = {"no firewall rules given"};
    core::Finding a;
    a.check_id = "x.critical";
    a.title = "Something bad";
    a.severity = core::Severity::critical;
    a.base_severity = core::Severity::critical;
    a.location = {"pjsip.conf", 12, 1};
    a.message = "anonymous <calls>";
    a.exposure = "the internet";
    a.remedy = "fix it";
    core::Finding b = a;
    b.check_id = "x.low";
    b.severity = core::Severity::info;
    b.location = {};
    r.findings = {a, b};
    r.rules = {{"x.critical",
                "Something bad",
                "why",
                "fix it",
                core::Severity::critical,
                {"tag"},
                {"https://example.org/doc"}},
               {"x.low", "Something small", "why", "fix", core::Severity::low, {}, {}}};
    return r;
}

TEST(TextWriter, GroupsBySeverityWithoutColourUnlessAsked) {
    const auto plain = write_text(sample(), {});
    const auto critical = plain.find("CRITICAL (1)");
    const auto info = plain.find("INFO (1)");
    ASSERT_NE(critical, std::string::npos);
    ASSERT_NE(info, std::string::npos);
    EXPECT_LT(critical, info);
    EXPECT_NE(plain.find("where:  pjsip.conf:12:1"), std::string::npos);
    EXPECT_EQ(plain.find('\033'), std::string::npos);
    EXPECT_NE(plain.find("2 findings: 1 critical"), std::string::npos);
    WriteOptions colour;
    colour.colour = true;
    EXPECT_NE(write_text(sample(), colour).find('\033'), std::string::npos);
}

TEST(JsonWriter, DocumentedFields) {
    const auto doc = nlohmann::json::parse(write_json(sample()));
    EXPECT_EQ(doc["tool"], "sipwarden");
    EXPECT_EQ(doc["summary"]["critical"], 1);
    EXPECT_EQ(doc["findings"][0]["location"]["line"], 12);
    EXPECT_TRUE(doc["findings"][1]["location"].is_null());
    EXPECT_EQ(doc["findings"][0]["severity"], "critical");
    EXPECT_EQ(doc["assumptions"][0], "no firewall rules given");
}

TEST(SarifWriter, RulesResultsAndLevels) {
    const auto doc = nlohmann::json::parse(write_sarif(sample()));
    EXPECT_EQ(doc["version"], "2.1.0");
    const auto& run = doc["runs"][0];
    ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 2u);
    EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "x.critical");
    EXPECT_EQ(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"], "error");
    EXPECT_EQ(run["tool"]["driver"]["rules"][0]["helpUri"], "https://example.org/doc");
    EXPECT_EQ(run["results"][0]["ruleIndex"], 0);
    EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
    EXPECT_FALSE(run["results"][1].contains("locations"));
    EXPECT_EQ(run["results"][1]["level"], "none");
    EXPECT_NE(run["results"][0]["partialFingerprints"]["sipwardenFinding/v1"],
              run["results"][1]["partialFingerprints"]["sipwardenFinding/v1"]);
}

TEST(HtmlWriter, EscapesText) {
    const auto html = write_html(sample());
    EXPECT_NE(html.find("anonymous &lt;calls&gt;"), std::string::npos);
    EXPECT_EQ(html.find("<calls>"), std::string::npos);
}

TEST(Formats, ExplicitListAndParsing) {
    EXPECT_EQ(formats().size(), 4u);
    EXPECT_EQ(parse_format("SARIF"), Format::sarif);
    EXPECT_FALSE(parse_format("xml").has_value());
}

}  // namespace
}  // namespace sipwarden::report
