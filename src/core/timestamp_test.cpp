#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace sipwarden::core {
namespace {

TEST(Timestamp, FormatsIso8601WithMicroseconds) {
    EXPECT_EQ(Timestamp::from_us(1491603877251547).to_iso8601(), "2017-04-07T22:24:37.251547+0000");
    EXPECT_EQ(Timestamp::from_seconds(0).to_iso8601(), "1970-01-01T00:00:00.000000+0000");
}

// The calendar arithmetic agrees with the C library's gmtime_r over the
// whole range an int64 of nanoseconds covers (1677 to 2262), leap days and
// times before 1970 included.
TEST(Timestamp, Iso8601AgreesWithGmtime) {
    const auto reference = [](std::int64_t ns) {
        std::int64_t seconds = ns / k_ns_per_second;
        std::int64_t rest = ns % k_ns_per_second;
        if (rest < 0) {
            rest += k_ns_per_second;
            seconds -= 1;
        }
        const auto t = static_cast<std::time_t>(seconds);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char text[64];
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+0000", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(rest / 1000));
        return std::string(text);
    };
    constexpr std::int64_t s = k_ns_per_second;
    std::vector<std::int64_t> cases = {std::numeric_limits<std::int64_t>::min(),
                                       std::numeric_limits<std::int64_t>::max(),
                                       -1,
                                       0,
                                       1,
                                       -s,
                                       s - 1,
                                       951782400 * s,
                                       951868799 * s + s - 1,
                                       4107542400 * s,
                                       -2203891200 * s,
                                       68169600 * s - 1};
    std::mt19937_64 random(12345);
    for (int i = 0; i < 200000; ++i) cases.push_back(static_cast<std::int64_t>(random()));
    // Whole seconds from 1685 to 2255: int64 nanoseconds reach about 292 years either side of 1970.
    constexpr std::int64_t k_span_s = 9'000'000'000;
    for (int i = 0; i < 200000; ++i)
        cases.push_back((static_cast<std::int64_t>(random() % (2 * k_span_s)) - k_span_s) * s);
    for (const std::int64_t ns : cases) ASSERT_EQ(Timestamp::from_ns(ns).to_iso8601(), reference(ns)) << ns;
}

}  // namespace
}  // namespace sipwarden::core
