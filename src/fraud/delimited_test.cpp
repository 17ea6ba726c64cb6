#include "fraud/delimited.h"

#include <gtest/gtest.h>

namespace sipwarden::fraud {
namespace {

std::vector<std::string> split(std::string_view line, DelimitedSyntax syntax = {}) {
    DelimitedSplitter s(syntax);
    EXPECT_TRUE(s.split(line)) << line << ": " << (s.error() ? s.error() : "");
    return {s.fields().begin(), s.fields().end()};
}

TEST(DelimitedSplitter, QuotedFieldsWithCommasAndDoubledQuotes) {
    const auto f = split(R"("","1001","0044207946001","from-internal","""Reception, desk"" <1001>",,7,"ANSWERED")");
    ASSERT_EQ(f.size(), 8u);
    EXPECT_EQ(f[0], "");
    EXPECT_EQ(f[4], "\"Reception, desk\" <1001>");
    EXPECT_EQ(f[5], "");  // Asterisk writes an unset time as an empty unquoted field
    EXPECT_EQ(f[6], "7");
}

TEST(DelimitedSplitter, TrailingEmptyFieldAndCarriageReturn) {
    const auto f = split("a,b,\r");
    ASSERT_EQ(f.size(), 3u);
    EXPECT_EQ(f[2], "");
}

TEST(DelimitedSplitter, OtherSeparatorsAndNoQuoting) {
    const auto f = split("INVITE|tag\"1|tag2|call-1|200|OK|1700000000", {'|', '\0'});
    ASSERT_EQ(f.size(), 7u);
    EXPECT_EQ(f[1], "tag\"1");
}

TEST(DelimitedSplitter, MalformedLinesSayWhereAndWhy) {
    DelimitedSplitter s;
    EXPECT_FALSE(s.split(R"("a","b,c)"));
    EXPECT_STREQ(s.error(), "unterminated quoted field");
    EXPECT_EQ(s.error_column(), 5u);
    EXPECT_FALSE(s.split(R"("a"x,"b")"));
    EXPECT_STREQ(s.error(), "text after a closing quote");
    EXPECT_FALSE(s.split(std::string(DelimitedSplitter::k_max_line + 1, 'x')));
    EXPECT_FALSE(s.split(std::string(DelimitedSplitter::k_max_fields + 1, ',')));
    EXPECT_TRUE(s.split("after,errors,it,still,works"));
    EXPECT_EQ(s.fields().size(), 5u);
}

}  // namespace
}  // namespace sipwarden::fraud
