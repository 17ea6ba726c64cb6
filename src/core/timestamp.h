// Timestamp: a point in time as nanoseconds since the Unix epoch (UTC), the
// resolution of pcapng; formatting as ISO 8601 for reports and alerts.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace sipwarden::core {

class Timestamp {
public:
    constexpr Timestamp() = default;
    static constexpr Timestamp from_ns(std::int64_t ns) { return Timestamp(ns); }
    static constexpr Timestamp from_us(std::int64_t us) { return Timestamp(us * 1000); }
    static constexpr Timestamp from_seconds(std::int64_t s) { return Timestamp(s * 1'000'000'000); }

    constexpr std::int64_t ns() const { return m_ns; }
    constexpr std::int64_t us() const { return m_ns / 1000; }
    constexpr std::int64_t seconds() const { return m_ns / 1'000'000'000; }
    constexpr double as_seconds() const { return static_cast<double>(m_ns) / 1e9; }

    // "2017-04-07T22:24:37.251547+0000": microseconds, UTC, Suricata EVE shape.
    std::string to_iso8601() const;

    friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

private:
    constexpr explicit Timestamp(std::int64_t ns) : m_ns(ns) {}
    std::int64_t m_ns = 0;
};

// A span of time in nanoseconds.
using Nanoseconds = std::int64_t;
constexpr Nanoseconds k_ns_per_second = 1'000'000'000;

}  // namespace sipwarden::core
