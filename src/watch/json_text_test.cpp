#include "watch/json_text.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace sipwarden::watch {
namespace {

std::string dumped(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Strings of every kind: printable, quotes and backslashes, control bytes,
// DEL, valid and invalid UTF-8, all bytes.
TEST(JsonText, StringsAsNlohmannWritesThem) {
    std::mt19937_64 random(7);
    std::vector<std::string> cases = {
        "",     "plain",       "a\"b",     "back\\slash", "tab\there", "nl\n", std::string(1, '\0'),
        "\x7f", "caf\xc3\xa9", "\xff\xfe", "\xe2\x82",    "x\xc3"};
    for (int i = 0; i < 20000; ++i) {
        std::string s(random() % 24, ' ');
        const int kind = i % 3;
        for (char& c : s) {
            const auto r = random();
            c = static_cast<char>(kind == 0 ? 0x20 + r % 0x5f : kind == 1 ? r % 0x80 : r % 0x100);
        }
        cases.push_back(s);
    }
    for (const auto& s : cases) {
        std::string out;
        JsonText(out).string(s);
        ASSERT_EQ(out, dumped(nlohmann::ordered_json(s))) << s;
    }
}

TEST(JsonText, NumbersAsNlohmannWritesThem) {
    std::mt19937_64 random(11);
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t bits = random();
        const auto d = std::bit_cast<double>(bits);
        const double small = static_cast<double>(static_cast<std::int64_t>(bits % 2000000) - 1000000) / 1000.0;
        const auto u = bits >> (bits % 64);
        const auto s = static_cast<std::int64_t>(bits) >> (bits % 64);
        for (const double x : {d, small}) {
            std::string out;
            JsonText(out).number(x);
            ASSERT_EQ(out, dumped(nlohmann::ordered_json(x))) << bits;
        }
        std::string out_u, out_s;
        JsonText(out_u).number(u);
        JsonText(out_s).number(s);
        ASSERT_EQ(out_u, dumped(nlohmann::ordered_json(u)));
        ASSERT_EQ(out_s, dumped(nlohmann::ordered_json(s)));
    }
    for (const double x : {0.0, -0.0, 1.0, 0.1, 1e-300, 5e-324, 1e300, std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
        std::string out;
        JsonText(out).number(x);
        EXPECT_EQ(out, dumped(nlohmann::ordered_json(x))) << x;
    }
}

TEST(JsonText, NestedObjectsAsNlohmannWritesThem) {
    std::string out;
    JsonText j(out);
    j.open();
    j.key("type").string("call");
    j.key("caller").open();
    j.key("user").string("1001");
    j.key("port").number(5060U);
    j.close();
    j.key("empty").open().close();
    j.key("none").null();
    j.key("flag").boolean(true);
    j.key("off").boolean(false);
    j.key("status").number(-1);
    j.key("list").open_array();
    j.element().string("a");
    j.element().open().key("n").number(2U).close();
    j.element().open_array().close_array();
    j.close_array();
    j.key("after").number(0.5);
    j.close();
    nlohmann::ordered_json expected;
    expected["type"] = "call";
    expected["caller"] = {{"user", "1001"}, {"port", 5060}};
    expected["empty"] = nlohmann::ordered_json::object();
    expected["none"] = nullptr;
    expected["flag"] = true;
    expected["off"] = false;
    expected["status"] = -1;
    expected["list"] =
        nlohmann::ordered_json::array({"a", nlohmann::ordered_json{{"n", 2}}, nlohmann::ordered_json::array()});
    expected["after"] = 0.5;
    EXPECT_EQ(out, dumped(expected));
}

}  // namespace
}  // namespace sipwarden::watch
