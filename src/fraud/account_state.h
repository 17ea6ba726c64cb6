// What the fraud detectors remember per account: the recent outbound calls
// (the evidence alerts carry), the countries called so far, the hour-of-week
// baseline, and each detector's sliding window.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "fraud/call_record.h"
#include "numbers/destination.h"
#include "store/state_store.h"

namespace sipwarden::fraud {

// One outbound call as detectors remember it (no borrowed strings).
struct CallSummary {
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    numbers::Digits digits;
    std::array<char, 4> region{};
    numbers::Reach reach = numbers::Reach::invalid;
    numbers::NumberType type = numbers::NumberType::unknown;
    numbers::RiskClass risk = numbers::RiskClass::low;
    std::int32_t billsec = 0;
    Disposition disposition = Disposition::unknown;
    std::uint32_t file_id = 0;  // index into the monitor's file names
    std::uint64_t line = 0;
    double cost = 0;
};

// The last k_capacity outbound calls, oldest first.
class RecentCalls {
public:
    static constexpr std::size_t k_capacity = 64;
    void push(const CallSummary& call) {
        m_calls[m_next] = call;
        m_next = (m_next + 1) % k_capacity;
        if (m_size < k_capacity) ++m_size;
    }
    std::size_t size() const { return m_size; }
    // i = 0 is the oldest kept.
    const CallSummary& at(std::size_t i) const { return m_calls[(m_next + k_capacity - m_size + i) % k_capacity]; }

private:
    std::array<CallSummary, k_capacity> m_calls{};
    std::size_t m_next = 0;
    std::size_t m_size = 0;
};

// Hourly metrics the velocity baseline learns, per hour-of-week slot.
enum class Metric : std::uint8_t { calls_per_minute, minutes_per_hour, destinations_per_hour, count };
constexpr std::size_t k_metric_count = static_cast<std::size_t>(Metric::count);
constexpr std::size_t k_week_slots = 7 * 24;

struct SlotStats {
    std::array<float, k_metric_count> mean{};
    std::array<float, k_metric_count> variance{};
    std::uint16_t samples = 0;
};

struct Baseline {
    std::array<SlotStats, k_week_slots> slots{};
    // Compact binary form for the store (versioned, little-endian floats).
    std::string serialize() const;
    static bool deserialize(std::string_view data, Baseline& out);
};

struct VelocityState {
    std::int64_t hour = INT64_MIN;  // local hour index of the open bucket
    std::int32_t slot = 0;
    std::uint32_t calls = 0;
    double seconds = 0;
    std::vector<std::uint64_t> destinations;  // hashes, distinct
    std::int64_t minute = INT64_MIN;
    std::uint32_t minute_calls = 0;
    std::uint32_t peak_per_minute = 0;
    std::uint8_t fired = 0;  // bit per (metric, level)
    std::unique_ptr<Baseline> baseline;
    bool dirty = false;
};

struct SeenDestination {
    store::FirstSeen seen;
    bool dirty = false;
};

struct AccountState {
    std::string name;
    std::int64_t first_activity_ns = 0;
    bool first_activity_dirty = false;
    // Keys shaped by what callers dial: the seeded hash (core/hash.h).
    std::unordered_map<std::string, SeenDestination, core::TextHash, std::equal_to<>> destinations;
    std::vector<std::string> dirty_destinations;
    RecentCalls recent;
    VelocityState velocity;

    struct {
        std::int64_t window_start = INT64_MIN;
        std::int32_t count = 0;
        std::uint8_t fired = 0;
        std::int32_t days = 0;  // earlier local days with such calls (stored)
        std::int32_t last_day = INT32_MIN;
        bool dirty = false;
    } after_hours;
    struct {
        std::vector<std::pair<std::int64_t, std::int64_t>> calls;  // [start, end)
        std::int64_t quiet_until = INT64_MIN;
    } concurrency;
    struct {
        std::deque<std::pair<std::int64_t, numbers::Digits>> calls;
        std::int64_t quiet_until = INT64_MIN;
    } probing;
    struct {
        std::deque<std::int64_t> attempts;
        std::int64_t quiet_until = INT64_MIN;
    } short_calls;
    struct {
        std::int64_t hour = INT64_MIN, day = INT64_MIN;
        double hour_cost = 0, day_cost = 0;
        std::uint8_t fired = 0;
    } spend;
};

}  // namespace sipwarden::fraud
