#include "numbers/risk_list.h"

#include <gtest/gtest.h>

namespace sipwarden::numbers {
namespace {

RiskList parse(std::string_view text, core::DiagnosticList& diagnostics) {
    auto file = config::load_yaml_text(text, "list.yaml");
    EXPECT_TRUE(file);
    return RiskList::parse(*file, diagnostics);
}

Destination destination(Reach reach, std::string_view digits, NumberType type = NumberType::fixed_line) {
    Destination d;
    d.reach = reach;
    d.digits.assign(digits);
    d.type = type;
    return d;
}

TEST(RiskList, BuiltInListLoadsCleanlyAndNamesItsSource) {
    core::DiagnosticList diagnostics;
    auto list = RiskList::load(SIPWARDEN_SOURCE_DIR "/rules/high-risk-destinations.yaml", diagnostics);
    ASSERT_TRUE(list);
    EXPECT_EQ(diagnostics.size(), 0u) << diagnostics.items()[0].format();
    EXPECT_NE(list->source().find("libphonenumber"), std::string::npos);
    EXPECT_EQ(RiskList::built_in().entries().size(), list->entries().size());
}

TEST(RiskList, LongestPrefixThenReachThenTypesRaise) {
    core::DiagnosticList diagnostics;
    const auto list = parse(R"(
source: test
destinations:
  - {reach: international, risk: medium}
  - {reach: national, risk: low}
  - {prefix: "+49", risk: low, name: Germany}
  - {prefix: "+4930", risk: high, name: Berlin}
  - {type: premium_rate, risk: high}
)",
                            diagnostics);
    EXPECT_FALSE(diagnostics.has_errors());
    auto d = destination(Reach::international, "4989123456");
    list.apply(d);
    EXPECT_EQ(d.risk, RiskClass::low);
    EXPECT_EQ(list.entries()[d.risk_rule - 1].name, "Germany");
    d = destination(Reach::international, "4930123456");
    list.apply(d);
    EXPECT_EQ(d.risk, RiskClass::high);
    d = destination(Reach::international, "3312345678");
    list.apply(d);
    EXPECT_EQ(d.risk, RiskClass::medium);
    d = destination(Reach::national, "4490912345", NumberType::premium_rate);
    list.apply(d);
    EXPECT_EQ(d.risk, RiskClass::high);
    d = destination(Reach::internal, "1001");
    list.apply(d);
    EXPECT_EQ(d.risk, RiskClass::low);
    EXPECT_EQ(d.risk_rule, 0);
}

TEST(RiskList, ReportsBadEntriesWithPositionsAndKeepsTheRest) {
    core::DiagnosticList diagnostics;
    const auto list = parse(R"(destinations:
  - {prefix: "+53", risk: high}
  - {prefix: "+5x", risk: high}
  - {prefix: "+53", type: voip, risk: high}
  - {prefx: "+1", risk: high}
  - {type: premium, risk: high}
  - {reach: international, risk: severe}
)",
                            diagnostics);
    EXPECT_EQ(list.entries().size(), 1u);
    ASSERT_GE(diagnostics.size(), 6u);
    std::string all;
    for (const auto& d : diagnostics.items()) all += d.format() + "\n";
    EXPECT_NE(all.find("'source'"), std::string::npos) << all;
    EXPECT_NE(all.find("list.yaml:3:"), std::string::npos) << all;
    EXPECT_NE(all.find("did you mean 'prefix'?"), std::string::npos) << all;
    EXPECT_NE(all.find("unknown number type 'premium'"), std::string::npos) << all;
    EXPECT_NE(all.find("expected low, medium or high"), std::string::npos) << all;
}

}  // namespace
}  // namespace sipwarden::numbers
