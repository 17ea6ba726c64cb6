#include "config/sipwarden_config.h"

#include <gtest/gtest.h>

namespace sipwarden::config {
namespace {

TEST(SiteConfig, ReadsEveryPart) {
    core::DiagnosticList diagnostics;
    auto config = load_config_text(R"(
site:
  name: office
  home_country: gb
  timezone: Europe/London
  business_hours: {days: [mon, tue, wed, thu, fri], start: "07:30", end: "19:00"}
  holidays: [2026-12-25]
  dialing: {international_prefix: "00", national_prefix: "0", outside_line_prefix: "9"}
  networks: {lan: [192.168.1.0/24]}
  pbx: {addresses: [192.168.1.10], public_address: 203.0.113.10}
  providers:
    - {name: trunkco, addresses: [198.51.100.0/28]}
  forwards:
    - {proto: udp, ports: 5060, to: 192.168.1.10, from: [198.51.100.0/28]}
    - {proto: udp, ports: 10000-20000, to: 192.168.1.10, from: any}
)",
                                   "test.yaml", diagnostics);
    ASSERT_TRUE(config);
    EXPECT_FALSE(diagnostics.has_errors()) << (diagnostics.size() ? diagnostics.items()[0].format() : "");
    const auto& site = config->site;
    EXPECT_EQ(site.home_country, "GB");
    EXPECT_EQ(site.business_hours.start_minute, 7 * 60 + 30);
    EXPECT_EQ(site.business_hours.days, 0x1f);
    EXPECT_EQ(site.dialing.outside_line_prefix, "9");
    ASSERT_EQ(site.lan.size(), 1u);
    ASSERT_TRUE(site.public_address);
    EXPECT_EQ(site.public_address->to_string(), "203.0.113.10");
    ASSERT_EQ(site.providers.size(), 1u);
    EXPECT_TRUE(site.providers[0].addresses[0].contains(*core::IpAddress::parse("198.51.100.5")));
    ASSERT_EQ(site.forwards.size(), 2u);
    EXPECT_FALSE(site.forwards[0].from_any);
    EXPECT_TRUE(site.forwards[1].from_any);
    EXPECT_EQ(site.forwards[1].public_ports.last, 20000);
    EXPECT_EQ(site.forwards[0].where.line, 14);
}

TEST(SiteConfig, ReportsEveryMistakeWithPositionAndSuggestion) {
    core::DiagnosticList diagnostics;
    auto config = load_config_text(R"(
site:
  home_contry: GB
  forwards:
    - {proto: sctp, ports: 70000, to: pbx}
)",
                                   "bad.yaml", diagnostics);
    ASSERT_TRUE(config);
    ASSERT_EQ(diagnostics.size(), 4u);
    const auto& first = diagnostics.items()[0];
    EXPECT_EQ(first.where.line, 3);
    EXPECT_EQ(first.where.column, 3);
    EXPECT_EQ(first.suggestion, "did you mean 'home_country'?");
    EXPECT_NE(diagnostics.items()[1].message.find("sctp"), std::string::npos);
    EXPECT_NE(diagnostics.items()[2].message.find("70000"), std::string::npos);
    EXPECT_NE(diagnostics.items()[3].message.find("'pbx' is not an IP address"), std::string::npos);
}

TEST(SiteConfig, SyntaxErrorNamesFileLineColumn) {
    core::DiagnosticList diagnostics;
    auto config = load_config_text("site:\n  name: [unclosed\n", "broken.yaml", diagnostics);
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().message.rfind("broken.yaml:", 0), 0u) << config.error().message;
}

TEST(SiteConfig, EmptyFileIsAnEmptyConfiguration) {
    core::DiagnosticList diagnostics;
    auto config = load_config_text("", "empty.yaml", diagnostics);
    ASSERT_TRUE(config);
    EXPECT_EQ(diagnostics.size(), 0u);
    EXPECT_TRUE(config->site.providers.empty());
}

}  // namespace
}  // namespace sipwarden::config
