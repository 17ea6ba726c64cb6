// Site-local time with a cached UTC offset.
#include "fraud/site_clock.h"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <chrono>

#include "core/text.h"

namespace sipwarden::fraud {

namespace {

// Times outside 1970..2199 are not call times (and would overflow nanoseconds).
constexpr std::uint64_t k_last_second = 7'258'118'399;  // 2199-12-31 23:59:59 UTC
constexpr int k_first_year = 1970;
constexpr int k_last_year = 2199;

// Reads up to `max` digits (at least one) at `pos`.
std::optional<int> read_number(std::string_view text, std::size_t& pos, std::size_t max) {
    std::size_t n = 0;
    int value = 0;
    while (pos < text.size() && n < max && core::is_digit(text[pos])) {
        value = value * 10 + (text[pos++] - '0');
        ++n;
    }
    if (n == 0) return std::nullopt;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<FieldTime> parse_epoch(std::string_view text) {
    const auto dot = text.find('.');
    const auto whole = core::parse_uint(text.substr(0, dot), k_last_second);
    if (!whole) return std::nullopt;
    FieldTime t{static_cast<std::int64_t>(*whole), 0, true};
    if (dot != std::string_view::npos) {
        auto frac = text.substr(dot + 1);
        if (frac.empty() || !core::parse_uint(frac)) return std::nullopt;
        std::int32_t scale = 100'000'000;
        for (std::size_t i = 0; i < frac.size() && scale > 0; ++i, scale /= 10) t.nanos += (frac[i] - '0') * scale;
    }
    return t;
}

// "Z", "+02", "+0200", "+02:00" at `pos` to the end; seconds east of UTC.
std::optional<std::int64_t> parse_offset(std::string_view text, std::size_t pos) {
    if (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos == text.size()) return std::nullopt;
    if (text.substr(pos) == "Z" || text.substr(pos) == "UTC") return 0;
    const char sign = text[pos];
    if (sign != '+' && sign != '-') return std::nullopt;
    ++pos;
    const auto hours = read_number(text, pos, 2);
    expect(text, pos, ':');
    const auto minutes = pos < text.size() ? read_number(text, pos, 2) : std::optional<int>(0);
    if (!hours || !minutes || pos != text.size() || *hours > 23 || *minutes > 59) return std::nullopt;
    const std::int64_t seconds = *hours * 3600 + *minutes * 60;
    return sign == '-' ? -seconds : seconds;
}

// "YYYY-MM-DD HH:MM:SS" (Asterisk's %Y-%m-%d %T), the common case, by position.
std::optional<FieldTime> parse_fixed(std::string_view t) {
    constexpr std::array<std::size_t, 14> digits{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (auto i : digits) {
        if (!core::is_digit(t[i])) return std::nullopt;
    }
    const auto two = [&](std::size_t i) { return (t[i] - '0') * 10 + (t[i + 1] - '0'); };
    const int y = two(0) * 100 + two(2);
    const int hh = two(11), mm = two(14), ss = two(17);
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(two(5))},
                                   date::day{static_cast<unsigned>(two(8))}};
    if (!ymd.ok() || y < k_first_year || y > k_last_year || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    const auto days = date::sys_days(ymd).time_since_epoch().count();
    return FieldTime{static_cast<std::int64_t>(days) * 86400 + hh * 3600 + mm * 60 + ss, 0, false};
}

}  // namespace

std::optional<FieldTime> parse_field_time(std::string_view text) {
    text = core::trim(text);
    if (text.size() == 19 && text[4] == '-' && text[7] == '-' && (text[10] == ' ' || text[10] == 'T') &&
        text[13] == ':' && text[16] == ':') {
        return parse_fixed(text);
    }
    if (text.size() < 8 || text.size() > 40) return std::nullopt;
    if (text.find_first_not_of("0123456789.") == std::string_view::npos) return parse_epoch(text);
    std::size_t pos = 0;
    const auto y = read_number(text, pos, 4);
    const char date_sep = pos < text.size() ? text[pos] : '\0';
    if (!y || pos != 4 || (date_sep != '-' && date_sep != '/')) return std::nullopt;
    ++pos;
    const auto m = read_number(text, pos, 2);
    if (!m || !expect(text, pos, date_sep)) return std::nullopt;
    const auto d = read_number(text, pos, 2);
    if (!d || !(expect(text, pos, ' ') || expect(text, pos, 'T'))) return std::nullopt;
    const auto hh = read_number(text, pos, 2);
    if (!hh || !expect(text, pos, ':')) return std::nullopt;
    const auto mm = read_number(text, pos, 2);
    std::optional<int> ss = 0;
    if (expect(text, pos, ':')) ss = read_number(text, pos, 2);
    if (!mm || !ss || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;
    FieldTime t;
    if (expect(text, pos, '.') || expect(text, pos, ',')) {
        std::int32_t scale = 100'000'000;
        const std::size_t first = pos;
        for (; pos < text.size() && core::is_digit(text[pos]); ++pos, scale /= 10) {
            if (scale > 0) t.nanos += (text[pos] - '0') * scale;
        }
        if (pos == first) return std::nullopt;
    }
    const date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                                   date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *y < k_first_year || *y > k_last_year) return std::nullopt;
    const auto days = date::sys_days(ymd).time_since_epoch().count();
    t.seconds = static_cast<std::int64_t>(days) * 86400 + *hh * 3600 + *mm * 60 + *ss;
    if (pos < text.size()) {
        const auto offset = parse_offset(text, pos);
        if (!offset) return std::nullopt;
        t.seconds -= *offset;
        t.absolute = true;
    }
    return t;
}

std::optional<std::int32_t> parse_iso_date(std::string_view text) {
    const auto t = parse_field_time(std::string(text) + " 00:00:00");
    if (!t || text.size() != 10 || text[4] != '-' || t->absolute) return std::nullopt;
    const date::year_month_day ymd{date::sys_days{date::days{t->seconds / 86400}}};
    return static_cast<std::int32_t>(int(ymd.year()) * 10000 + static_cast<int>(unsigned(ymd.month())) * 100 +
                                     static_cast<int>(unsigned(ymd.day())));
}

core::Result<SiteClock> SiteClock::create(const std::string& timezone) {
    if (timezone.empty() || timezone == "UTC" || timezone == "Etc/UTC")
        return SiteClock(timezone.empty() ? "UTC" : timezone, nullptr);
    try {
        return SiteClock(timezone, date::locate_zone(timezone));
    } catch (const std::exception&) {
        std::vector<std::string> names;
        try {
            for (const auto& zone : date::get_tzdb().zones) names.push_back(std::string(zone.name()));
        } catch (const std::exception&) {
        }
        auto near = core::suggest(timezone, names);
        return core::make_error("unknown time zone '" + timezone + "' (an IANA name such as Europe/London)" +
                                (near ? "; did you mean '" + *near + "'?" : std::string()));
    }
}

std::int64_t SiteClock::offset_at(std::int64_t utc) const {
    if (m_zone == nullptr) return 0;
    if (utc >= m_cache.begin && utc < m_cache.end) return m_cache.offset;
    const auto info = m_zone->get_info(date::sys_seconds{std::chrono::seconds{utc}});
    m_cache.begin = info.begin.time_since_epoch().count();
    m_cache.end = info.end.time_since_epoch().count();
    m_cache.offset = info.offset.count();
    return m_cache.offset;
}

core::Timestamp SiteClock::to_utc(const FieldTime& time) const {
    std::int64_t utc = time.seconds;
    if (!time.absolute && m_zone != nullptr) {
        // Try the cached offset first; fall back to the zone (earliest on ambiguity).
        const std::int64_t guess = time.seconds - m_cache.offset;
        if (guess >= m_cache.begin && guess < m_cache.end) {
            utc = guess;
        } else {
            const auto local = date::local_seconds{std::chrono::seconds{time.seconds}};
            utc = m_zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
            offset_at(utc);
        }
    }
    return core::Timestamp::from_ns(utc * core::k_ns_per_second + time.nanos);
}

LocalTime SiteClock::local(core::Timestamp utc) const {
    const std::int64_t seconds = utc.seconds() + offset_at(utc.seconds());
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    LocalTime out;
    out.days = static_cast<std::int32_t>(days);
    out.minute = static_cast<std::int32_t>(rest / 60);
    out.weekday = static_cast<std::int32_t>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
    const date::year_month_day ymd{date::sys_days{date::days{days}}};
    out.yyyymmdd =
        int(ymd.year()) * 10000 + static_cast<int>(unsigned(ymd.month())) * 100 + static_cast<int>(unsigned(ymd.day()));
    return out;
}

bool SiteClock::in_business_hours(core::Timestamp utc, const config::BusinessHours& hours,
                                  const std::vector<std::int32_t>& holidays) const {
    return in_business_hours(local(utc), hours, holidays);
}

bool SiteClock::in_business_hours(const LocalTime& t, const config::BusinessHours& hours,
                                  const std::vector<std::int32_t>& holidays) {
    if ((hours.days & (1u << t.weekday)) == 0) return false;
    if (t.minute < hours.start_minute || t.minute >= hours.end_minute) return false;
    for (auto day : holidays) {
        if (day == t.yyyymmdd) return false;
    }
    return true;
}

}  // namespace sipwarden::fraud
