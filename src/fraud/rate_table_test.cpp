#include "fraud/rate_table.h"

#include <gtest/gtest.h>

namespace sipwarden::fraud {
namespace {

TEST(RateTable, LongestPrefixWinsAndBadLinesAreReported) {
    core::DiagnosticList diagnostics;
    const auto table = RateTable::parse("prefix,price\n+44,0.01\n447,0.05\n# comment\n+53,0.9,Cuba\nxx,1\n+1,cheap\n",
                                        "rates.csv", diagnostics);
    EXPECT_EQ(table.size(), 3u);
    EXPECT_DOUBLE_EQ(*table.price_per_minute("442079460018"), 0.01);
    EXPECT_DOUBLE_EQ(*table.price_per_minute("447700900123"), 0.05);
    EXPECT_DOUBLE_EQ(*table.price_per_minute("5372011234"), 0.9);
    EXPECT_FALSE(table.price_per_minute("4930123456"));
    ASSERT_EQ(diagnostics.size(), 2u);
    EXPECT_EQ(diagnostics.items()[0].where.to_string(), "rates.csv:6:1");
    EXPECT_EQ(diagnostics.items()[1].where.to_string(), "rates.csv:7:1");
}

}  // namespace
}  // namespace sipwarden::fraud
