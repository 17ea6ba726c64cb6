#include "fraud/site_clock.h"

#include <gtest/gtest.h>

namespace sipwarden::fraud {
namespace {

std::int64_t utc(const SiteClock& clock, std::string_view text) {
    const auto t = parse_field_time(text);
    EXPECT_TRUE(t) << text;
    return clock.to_utc(*t).seconds();
}

TEST(FieldTime, AcceptsTheFormatsPbxesWrite) {
    EXPECT_EQ(parse_field_time("2024-01-27 15:07:24")->seconds, 1706368044);
    EXPECT_EQ(parse_field_time("2024-01-27T15:07:24")->seconds, 1706368044);
    EXPECT_EQ(parse_field_time("2020/2/10 22:41")->seconds, 1581374460);  // re-saved by a spreadsheet
    const auto iso = parse_field_time("2024-01-27T17:07:24.250+02:00");
    ASSERT_TRUE(iso);
    EXPECT_TRUE(iso->absolute);
    EXPECT_EQ(iso->seconds, 1706368044);
    EXPECT_EQ(iso->nanos, 250'000'000);
    const auto epoch = parse_field_time("1690325492.123456");
    ASSERT_TRUE(epoch);
    EXPECT_TRUE(epoch->absolute);
    EXPECT_EQ(epoch->nanos, 123'456'000);
    EXPECT_EQ(parse_field_time("2024-01-27 15:07:24Z")->seconds, 1706368044);
}

TEST(FieldTime, RejectsNonsense) {
    for (const char* bad : {"", "yesterday", "2024-13-01 00:00:00", "2024-02-30 10:00:00", "2024-01-01 24:00:00",
                            "2024-01-01 10:00:00 +25:00", "12:00:00 2024-01-01", "2024-01-01", "1.2.3"}) {
        EXPECT_FALSE(parse_field_time(bad)) << bad;
    }
}

TEST(SiteClock, LocalTimesBecomeUtcAcrossDaylightSaving) {
    auto clock = SiteClock::create("Europe/London");
    ASSERT_TRUE(clock) << clock.error().message;
    EXPECT_EQ(utc(*clock, "2025-01-15 12:00:00"), utc(*SiteClock::create(""), "2025-01-15 12:00:00"));
    EXPECT_EQ(utc(*clock, "2025-07-15 12:00:00"), utc(*SiteClock::create(""), "2025-07-15 11:00:00"));
    // Back and forth: the cache must follow the offset.
    EXPECT_EQ(utc(*clock, "2025-01-15 12:00:00") + 86400 * 181, utc(*clock, "2025-07-15 13:00:00"));
    EXPECT_EQ(utc(*clock, "2025-03-30 00:30:00") + 7200,
              utc(*clock, "2025-03-30 03:30:00"));  // 3 wall-clock hours, 2 real
}

TEST(SiteClock, BusinessHoursWeekendsAndHolidays) {
    auto clock = SiteClock::create("America/New_York");
    ASSERT_TRUE(clock);
    const config::BusinessHours hours;  // Mon-Fri 08:00-18:00
    const std::vector<std::int32_t> holidays{20251225};
    auto at = [&](std::string_view local) { return core::Timestamp::from_seconds(utc(*clock, local)); };
    EXPECT_TRUE(clock->in_business_hours(at("2025-12-24 09:00:00"), hours, holidays));   // Wednesday
    EXPECT_FALSE(clock->in_business_hours(at("2025-12-25 09:00:00"), hours, holidays));  // holiday
    EXPECT_FALSE(clock->in_business_hours(at("2025-12-27 09:00:00"), hours, holidays));  // Saturday
    EXPECT_FALSE(clock->in_business_hours(at("2025-12-24 03:00:00"), hours, holidays));
    EXPECT_FALSE(clock->in_business_hours(at("2025-12-24 18:00:00"), hours, holidays));
    const auto local = clock->local(at("2025-12-24 09:30:00"));
    EXPECT_EQ(local.weekday, 2);
    EXPECT_EQ(local.minute, 570);
    EXPECT_EQ(local.yyyymmdd, 20251224);
}

TEST(SiteClock, UnknownZoneSuggestsTheNearestName) {
    auto clock = SiteClock::create("Europe/Londn");
    ASSERT_FALSE(clock);
    EXPECT_NE(clock.error().message.find("did you mean 'Europe/London'?"), std::string::npos) << clock.error().message;
}

TEST(IsoDate, ValidatesHolidays) {
    EXPECT_EQ(parse_iso_date("2026-12-25"), 20261225);
    EXPECT_FALSE(parse_iso_date("2026-02-30"));
    EXPECT_FALSE(parse_iso_date("25/12/2026"));
}

}  // namespace
}  // namespace sipwarden::fraud
