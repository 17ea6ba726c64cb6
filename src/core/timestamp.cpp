// Timestamp formatting.
#include "core/timestamp.h"

#include <cstdint>

namespace sipwarden::core {

namespace {
// Year, month and day of a day count since 1970-01-01 in the proleptic
// Gregorian calendar (H. Hinnant's civil_from_days, exact for every day an
// int64 of nanoseconds reaches).
struct CivilDay {
    std::int64_t year;
    unsigned month, day;
};
CivilDay civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

void put_digits(char* at, std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}
}  // namespace

// By hand rather than gmtime_r and fmt: a JSON line of `watch` holds up to
// four of these, and the library route took about 6,000 instructions each.
std::string Timestamp::to_iso8601() const {
    std::int64_t seconds = m_ns / k_ns_per_second;
    std::int64_t rest = m_ns % k_ns_per_second;
    if (rest < 0) {
        rest += k_ns_per_second;
        seconds -= 1;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t second_of_day = seconds % 86400;
    if (second_of_day < 0) {
        second_of_day += 86400;
        days -= 1;
    }
    const CivilDay d = civil_from_days(days);
    // Years 1677 to 2262: four digits.
    std::string out = "0000-00-00T00:00:00.000000+0000";
    put_digits(out.data(), static_cast<std::uint64_t>(d.year), 4);
    put_digits(out.data() + 5, d.month, 2);
    put_digits(out.data() + 8, d.day, 2);
    const auto s = static_cast<std::uint64_t>(second_of_day);
    put_digits(out.data() + 11, s / 3600, 2);
    put_digits(out.data() + 14, s / 60 % 60, 2);
    put_digits(out.data() + 17, s % 60, 2);
    put_digits(out.data() + 20, static_cast<std::uint64_t>(rest / 1000), 6);
    return out;
}

}  // namespace sipwarden::core
