#include "fraud/fraud_config.h"

#include <gtest/gtest.h>

#include "config/sipwarden_config.h"

namespace sipwarden::fraud {
namespace {

FraudConfig parse(std::string_view text, core::DiagnosticList& diagnostics) {
    auto config = config::load_config_text(text, "sipwarden.yaml", diagnostics);
    EXPECT_TRUE(config);
    config::YamlReader reader(config->file, diagnostics);
    return parse_fraud_config(config->section("fraud"), reader);
}

std::string all(const core::DiagnosticList& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.items()) out += d.format() + "\n";
    return out;
}

TEST(FraudConfig, DefaultsWhenAbsent) {
    core::DiagnosticList diagnostics;
    const auto c = parse("site: {home_country: GB}\n", diagnostics);
    EXPECT_EQ(diagnostics.size(), 0u);
    EXPECT_EQ(c.format, "auto");
    EXPECT_EQ(c.concurrency.max_calls, 6);
    EXPECT_FALSE(c.response.enabled);
}

TEST(FraudConfig, ReadsTunablesAllowListsMappingsAndResponse) {
    core::DiagnosticList diagnostics;
    const auto c = parse(R"(
fraud:
  format: billing
  formats:
    billing:
      separator: ";"
      header: true
      columns: {account: Customer, destination: Called, start: Start}
    custom:
      template: 'Master.csv => ${CSV_QUOTE(${CDR(clid)})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(dst)})},${CDR(start)}'
  allow: {accounts: [lab], destinations: ["+4420"], countries: [ie]}
  velocity:
    calls_per_minute: {cap: 20, floor: 6}
    min_weeks: 2
  concurrency: {max_calls: 10, severity: critical}
  response:
    block_at: critical
    block_minutes: 60
    exec: {block: [/usr/local/bin/block-intl, --account], timeout_seconds: 3}
    kamailio: {url: "http://127.0.0.1:5071/RPC", htable: intl_blocked}
)",
                         diagnostics);
    EXPECT_EQ(diagnostics.size(), 0u) << all(diagnostics);
    EXPECT_EQ(c.format, "billing");
    ASSERT_TRUE(c.formats.contains("billing"));
    EXPECT_EQ(c.formats.at("billing").header_names.size(), 3u);
    EXPECT_EQ(c.formats.at("custom").at(CdrField::destination), 2);
    EXPECT_EQ(c.allow.prefixes, std::vector<std::string>{"4420"});
    EXPECT_EQ(c.allow.countries, std::vector<std::string>{"IE"});
    EXPECT_EQ(c.velocity.calls_per_minute.cap, 20);
    EXPECT_EQ(c.velocity.calls_per_minute.factor, 3);  // untouched default
    EXPECT_EQ(c.concurrency.severity, core::Severity::critical);
    EXPECT_TRUE(c.response.enabled);
    EXPECT_EQ(c.response.exec_block.size(), 2u);
    EXPECT_EQ(c.response.kamailio_htable, "intl_blocked");
}

TEST(FraudConfig, ReportsMistakesWithPositionsAndSuggestions) {
    core::DiagnosticList diagnostics;
    parse(R"(fraud:
  format: asterix
  concurency: {max_calls: 3}
  probing: {min_numbers: 1}
  after_hours: {burst_severity: severe}
  response: {kamailio: {url: "127.0.0.1:5071"}, exec: {timeout_seconds: 3}}
)",
          diagnostics);
    const auto text = all(diagnostics);
    EXPECT_NE(text.find("sipwarden.yaml:2:11: error: fraud.format: unknown CDR format 'asterix'"), std::string::npos)
        << text;
    EXPECT_NE(text.find("did you mean 'asterisk'?"), std::string::npos) << text;
    EXPECT_NE(text.find("did you mean 'concurrency'?"), std::string::npos) << text;
    EXPECT_NE(text.find("'min_numbers': expected a whole number from 2"), std::string::npos) << text;
    EXPECT_NE(text.find("expected info, low, medium, high or critical, got 'severe'"), std::string::npos) << text;
    EXPECT_NE(text.find("expected the JSON-RPC URL"), std::string::npos) << text;
    EXPECT_NE(text.find("'block' (the program and its arguments, as a list) is required"), std::string::npos) << text;
}

}  // namespace
}  // namespace sipwarden::fraud
