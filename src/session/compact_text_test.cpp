#include "session/compact_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sipwarden::session {
namespace {

TEST(CompactText, FieldsKeepTheirValuesWhateverOrderTheyAreSetIn) {
    CompactText<4> text;
    text.set(2, "host.example.com", 100);
    text.set(0, "a84b4c76e66710@pc33.example.com", 100);
    text.set(3, "", 100);
    text.set(1, "alice", 3);  // cut to its maximum
    EXPECT_EQ(text.get(0), "a84b4c76e66710@pc33.example.com");
    EXPECT_EQ(text.get(1), "ali");
    EXPECT_EQ(text.get(2), "host.example.com");
    EXPECT_TRUE(text.empty(3));
    text.set(2, "h", 100);  // shorter
    EXPECT_EQ(text.get(2), "h");
    EXPECT_EQ(text.get(0), "a84b4c76e66710@pc33.example.com");
    EXPECT_EQ(text.get(1), "ali");
}

TEST(CompactText, ManyFieldsAtOnceTakeOneBlockOfTheExactSize) {
    CompactText<3> text;
    const std::string a(40, 'a'), b(70, 'b'), c(25, 'c');
    text.set({{0, a, 100}, {1, b, 100}, {2, c, 100}});
    EXPECT_EQ(text.get(0), a);
    EXPECT_EQ(text.get(1), b);
    EXPECT_EQ(text.get(2), c);
    // A string grown by appends would hold up to twice its size.
    EXPECT_EQ(text.heap_bytes(), a.size() + b.size() + c.size() + 1);
    text.set(1, std::string(10, 'x'), 100);  // smaller: the block stays
    EXPECT_EQ(text.heap_bytes(), a.size() + b.size() + c.size() + 1);
    text.set(1, std::string(200, 'y'), 300);  // larger: a new block of the size and a little slack
    EXPECT_EQ(text.heap_bytes(), a.size() + 200 + c.size() + 32 + 1);
    EXPECT_EQ(text.get(0), a);
    EXPECT_EQ(text.get(1), std::string(200, 'y'));
    EXPECT_EQ(text.get(2), c);
}

TEST(CompactText, AValueMayBeAViewOfTheRecordsOwnText) {
    CompactText<3> text;
    text.set({{0, "caller-user-name", 100}, {1, "x", 100}, {2, "callee", 100}});
    // Fields copied from one another (the views point into the buffer being replaced).
    text.set({{1, text.get(0), 100}, {2, text.get(0).substr(7), 100}, {0, text.get(2), 100}});
    EXPECT_EQ(text.get(0), "callee");
    EXPECT_EQ(text.get(1), "caller-user-name");
    EXPECT_EQ(text.get(2), "user-name");
}

}  // namespace
}  // namespace sipwarden::session
