// Local time at the site: CDR timestamps written in local time become UTC,
// and UTC call times become the site's weekday, minute of day and date for
// business-hours and holiday checks. Uses the system tz database through
// Howard Hinnant's date/tz.h (USE_OS_TZDB), with the current UTC offset
// cached until the next transition, so the hot path does no zone lookup.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/site.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace date {
class time_zone;
}

namespace sipwarden::fraud {

struct LocalTime {
    std::int32_t days = 0;      // local days since 1970-01-01
    std::int32_t minute = 0;    // minute of the local day, 0..1439
    std::int32_t weekday = 0;   // 0 = Monday .. 6 = Sunday
    std::int32_t yyyymmdd = 0;  // e.g. 20261225
    std::int32_t hour_of_week() const { return weekday * 24 + minute / 60; }
};

// A timestamp read from a CDR field. `absolute` when the text carried its own
// offset (Z, +02:00) or was epoch seconds; otherwise `seconds` are local civil
// seconds (as if the local wall clock were UTC).
struct FieldTime {
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;
    bool absolute = false;
};

// "2024-01-27 15:07:24", "2024-01-27T15:07:24.25+02:00", "2020/2/10 22:41",
// "1690325492", "1690325492.123456". nullopt on anything else.
std::optional<FieldTime> parse_field_time(std::string_view text);

class SiteClock {
public:
    // An empty name means UTC. Fails with a suggestion for unknown names.
    static core::Result<SiteClock> create(const std::string& timezone);
    const std::string& name() const { return m_name; }

    core::Timestamp to_utc(const FieldTime& time) const;
    LocalTime local(core::Timestamp utc) const;
    // Days are "YYYY-MM-DD" holidays (already validated) as yyyymmdd.
    bool in_business_hours(core::Timestamp utc, const config::BusinessHours& hours,
                           const std::vector<std::int32_t>& holidays) const;
    static bool in_business_hours(const LocalTime& local, const config::BusinessHours& hours,
                                  const std::vector<std::int32_t>& holidays);

private:
    struct Cache {
        std::int64_t begin = 1, end = 0;  // UTC seconds [begin, end) where offset holds
        std::int64_t offset = 0;
    };
    SiteClock(std::string name, const date::time_zone* zone) : m_name(std::move(name)), m_zone(zone) {}
    std::int64_t offset_at(std::int64_t utc_seconds) const;

    std::string m_name;
    const date::time_zone* m_zone = nullptr;  // null: UTC
    mutable Cache m_cache;
};

// "2026-12-25" -> 20261225; nullopt when not a real date.
std::optional<std::int32_t> parse_iso_date(std::string_view text);

}  // namespace sipwarden::fraud
