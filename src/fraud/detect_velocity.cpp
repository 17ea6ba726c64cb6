// Velocity: calls per minute, minutes per hour and distinct destinations per
// hour against absolute caps and against the account's own hour-of-week
// baseline (a moving mean and variance per slot, so Monday 10:00 is compared
// with earlier Mondays at 10:00, and quiet nights with quiet nights).
#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "fraud/detectors.h"

namespace sipwarden::fraud {

namespace {

constexpr std::uint8_t k_baseline_version = 1;

std::int32_t slot_of(std::int64_t local_hour) {
    const std::int64_t days = local_hour >= 0 ? local_hour / 24 : (local_hour - 23) / 24;
    const auto hour = static_cast<std::int32_t>(local_hour - days * 24);
    const auto weekday = static_cast<std::int32_t>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
    return weekday * 24 + hour;
}

void learn(const VelocityConfig& config, SlotStats& slot, const std::array<double, k_metric_count>& values) {
    const double alpha = slot.samples < config.min_weeks ? 1.0 / (slot.samples + 1) : config.alpha;
    for (std::size_t m = 0; m < k_metric_count; ++m) {
        const double mean = slot.mean[m];
        const double delta = values[m] - mean;
        slot.mean[m] = static_cast<float>(mean + alpha * delta);
        slot.variance[m] = static_cast<float>((1 - alpha) * (slot.variance[m] + alpha * delta * delta));
    }
    if (slot.samples < UINT16_MAX) ++slot.samples;
}

const VelocityMetric& metric_config(const VelocityConfig& config, std::size_t m) {
    switch (static_cast<Metric>(m)) {
        case Metric::calls_per_minute: return config.calls_per_minute;
        case Metric::minutes_per_hour: return config.minutes_per_hour;
        default: return config.destinations_per_hour;
    }
}

constexpr std::array<std::string_view, k_metric_count> k_rules{rule::calls_per_minute, rule::minutes_per_hour,
                                                               rule::destinations_per_hour};
constexpr std::array<std::string_view, k_metric_count> k_metric_names{"calls per minute", "minutes per hour",
                                                                      "destinations per hour"};

std::array<double, k_metric_count> current_values(const VelocityState& v) {
    return {static_cast<double>(v.peak_per_minute), v.seconds / 60.0, static_cast<double>(v.destinations.size())};
}

std::uint64_t digits_hash(std::string_view digits) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : digits) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

}  // namespace

std::string Baseline::serialize() const {
    std::string out(1, static_cast<char>(k_baseline_version));
    out.reserve(1 + slots.size() * (2 + 2 * k_metric_count * sizeof(float)));
    for (const auto& slot : slots) {
        out.push_back(static_cast<char>(slot.samples & 0xff));
        out.push_back(static_cast<char>(slot.samples >> 8));
        for (const auto* values : {&slot.mean, &slot.variance}) {
            for (float f : *values) {
                char bytes[sizeof(float)];
                std::memcpy(bytes, &f, sizeof f);
                out.append(bytes, sizeof bytes);
            }
        }
    }
    return out;
}

bool Baseline::deserialize(std::string_view data, Baseline& out) {
    constexpr std::size_t per_slot = 2 + 2 * k_metric_count * sizeof(float);
    if (data.size() != 1 + k_week_slots * per_slot || static_cast<std::uint8_t>(data[0]) != k_baseline_version)
        return false;
    data.remove_prefix(1);
    for (auto& slot : out.slots) {
        slot.samples = static_cast<std::uint16_t>(static_cast<unsigned char>(data[0]) |
                                                  (static_cast<unsigned char>(data[1]) << 8));
        data.remove_prefix(2);
        for (auto* values : {&slot.mean, &slot.variance}) {
            for (float& f : *values) {
                std::memcpy(&f, data.data(), sizeof f);
                if (!std::isfinite(f) || f < 0) f = 0;
                data.remove_prefix(sizeof f);
            }
        }
    }
    return true;
}

void advance_velocity_hour(const VelocityConfig& config, VelocityState& v, std::int64_t local_hour) {
    if (!v.baseline) v.baseline = std::make_unique<Baseline>();
    if (v.hour != INT64_MIN && local_hour > v.hour) {
        // Hours that raised a velocity alert are not learnt: fraud must not become normal.
        if (v.fired == 0) learn(config, v.baseline->slots[static_cast<std::size_t>(v.slot)], current_values(v));
        constexpr std::int64_t k_max_fill = 2 * static_cast<std::int64_t>(k_week_slots);
        const std::int64_t fill_to = std::min(local_hour, v.hour + 1 + k_max_fill);
        for (std::int64_t h = v.hour + 1; h < fill_to; ++h) {
            learn(config, v.baseline->slots[static_cast<std::size_t>(slot_of(h))], {0, 0, 0});
        }
        v.dirty = true;
    }
    if (v.hour == INT64_MIN || local_hour > v.hour) {
        v.hour = local_hour;
        v.slot = slot_of(local_hour);
        v.calls = 0;
        v.seconds = 0;
        v.destinations.clear();
        v.minute = INT64_MIN;
        v.minute_calls = 0;
        v.peak_per_minute = 0;
        v.fired = 0;
    }
}

void detect_velocity(const VelocityConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    if (!config.enabled) return;
    auto& v = account.velocity;
    advance_velocity_hour(config, v, call.local_hour);
    const auto start = call.record.start.ns();
    ++v.calls;
    v.seconds += static_cast<double>(call.record.billsec);
    const auto hash = digits_hash(call.destination.digits.view());
    constexpr std::size_t k_max_destinations = 4096;
    if (v.destinations.size() < k_max_destinations &&
        std::find(v.destinations.begin(), v.destinations.end(), hash) == v.destinations.end()) {
        v.destinations.push_back(hash);
    }
    const std::int64_t minute = start / (60 * core::k_ns_per_second);
    if (minute != v.minute) {
        v.minute = minute;
        v.minute_calls = 0;
    }
    v.peak_per_minute = std::max(v.peak_per_minute, ++v.minute_calls);
    if (config.allow.allows(call.account, call.destination)) return;

    const auto values = current_values(v);
    const auto& slot = v.baseline->slots[static_cast<std::size_t>(v.slot)];
    const std::int64_t hour_start =
        start - (static_cast<std::int64_t>(call.local.minute % 60) * 60 + call.record.start.seconds() % 60) *
                    core::k_ns_per_second;
    for (std::size_t m = 0; m < k_metric_count; ++m) {
        const auto& mc = metric_config(config, m);
        const double mean = slot.mean[m];
        const double limit =
            std::max({mc.floor, mc.factor * mean, mean + mc.sigmas * std::sqrt(std::max(0.0f, slot.variance[m]))});
        const bool over_cap = mc.cap > 0 && values[m] > mc.cap;
        const bool over_baseline = slot.samples >= config.min_weeks && values[m] > limit;
        const auto cap_bit = static_cast<std::uint8_t>(1u << (2 * m + 1));
        const auto base_bit = static_cast<std::uint8_t>(1u << (2 * m));
        std::uint8_t bit = 0;
        core::Severity severity = config.baseline_severity;
        double threshold = limit;
        if (over_cap && (v.fired & cap_bit) == 0) {
            bit = cap_bit;
            severity = config.cap_severity;
            threshold = mc.cap;
        } else if (over_baseline && !over_cap && (v.fired & (base_bit | cap_bit)) == 0) {
            bit = base_bit;
        }
        if (bit == 0) continue;
        v.fired = static_cast<std::uint8_t>(v.fired | bit);
        const std::int64_t since = m == 0 ? minute * 60 * core::k_ns_per_second : hour_start;
        out.raise(k_rules[m], severity,
                  fmt::format("{:.0f} {} from account {} (limit {:.0f}{})", values[m], k_metric_names[m], call.account,
                              threshold, bit == cap_bit ? "" : ", above its usual level"),
                  call, account, Evidence{since, {}},
                  {{"metric", std::string(k_metric_names[m])},
                   {"value", values[m]},
                   {"threshold", threshold},
                   {"baseline_mean", mean},
                   {"baseline_samples", slot.samples},
                   {"over_cap", bit == cap_bit}});
    }
}

}  // namespace sipwarden::fraud
