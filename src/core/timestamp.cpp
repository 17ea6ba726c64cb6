// Timestamp formatting.
#include "core/timestamp.h"

#include <fmt/format.h>

#include <ctime>

namespace sipwarden::core {

std::string Timestamp::to_iso8601() const {
    std::int64_t seconds = m_ns / k_ns_per_second;
    std::int64_t rest = m_ns % k_ns_per_second;
    if (rest < 0) {
        rest += k_ns_per_second;
        seconds -= 1;
    }
    const auto t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}+0000", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, rest / 1000);
}

}  // namespace sipwarden::core
