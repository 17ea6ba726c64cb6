#include "core/text.h"

#include <gtest/gtest.h>

namespace sipwarden::core {
namespace {

TEST(Text, ParseUintRejectsOverflowAndJunk) {
    EXPECT_EQ(parse_uint("0068"), 68u);
    EXPECT_FALSE(parse_uint("99999999999999999999"));
    EXPECT_FALSE(parse_uint("4294967296", UINT32_MAX));
    EXPECT_EQ(parse_uint("4294967295", UINT32_MAX), 4294967295u);
    EXPECT_FALSE(parse_uint("-1"));
    EXPECT_FALSE(parse_uint(""));
    EXPECT_FALSE(parse_uint("12a"));
}

TEST(Text, SplitTrimsAndKeepsEmpty) {
    auto parts = split(" a , b,,c ", ',');
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[0], "a");
    EXPECT_EQ(parts[2], "");
    EXPECT_EQ(parts[3], "c");
}

TEST(Text, SuggestsNearMissesOnly) {
    const std::string_view words[] = {"allowguest", "alwaysauthreject", "insecure"};
    EXPECT_EQ(suggest("alowguest", words), "allowguest");
    EXPECT_EQ(suggest("INSECURE", words), "insecure");
    EXPECT_FALSE(suggest("context", words));
}

TEST(Text, PrintableEscapesControlBytes) {
    EXPECT_EQ(printable(std::string_view("a\x01z", 3)), "a\\x01z");
    EXPECT_EQ(printable("abcdef", 3), "abc...");
}

}  // namespace
}  // namespace sipwarden::core
