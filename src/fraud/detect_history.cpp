// Detectors over an account's history: first call to a new country, and
// international calls outside business hours.
#include "fraud/detectors.h"

#include <fmt/format.h>

namespace sipwarden::fraud {

namespace {

bool is_risky_type(numbers::NumberType type) {
    using numbers::NumberType;
    return type == NumberType::premium_rate || type == NumberType::shared_cost || type == NumberType::uan ||
           type == NumberType::personal_number || type == NumberType::international_network;
}

constexpr std::int64_t k_ns_per_minute = 60 * core::k_ns_per_second;
constexpr std::int64_t k_ns_per_day = 86400 * core::k_ns_per_second;

}  // namespace

std::string destination_key(const numbers::Destination& destination) {
    std::string key;
    const auto region = destination.region_code();
    if (region == "001" || region == "ZZ") {
        key = "+" + std::to_string(destination.country_code);
    } else {
        key = std::string(region);
    }
    if (is_risky_type(destination.type)) {
        key += '/';
        key += numbers::to_string(destination.type);
    }
    return key;
}

bool is_notable_destination(const numbers::Destination& destination) {
    return destination.reach == numbers::Reach::international ||
           (destination.reach == numbers::Reach::national && destination.risk >= numbers::RiskClass::medium);
}

void detect_new_destination(const NewDestinationConfig& config, const Call& call, AccountState& account,
                            AlertEmitter& out) {
    const auto& d = call.destination;
    if (!is_notable_destination(d)) return;
    const auto start = call.record.start.ns();
    const auto key = destination_key(d);
    auto it = account.destinations.find(std::string_view(key));
    const bool is_new = it == account.destinations.end();
    if (is_new) it = account.destinations.emplace(key, SeenDestination{{start, start, 0}, false}).first;
    auto& seen = it->second;
    seen.seen.first_ns = std::min(seen.seen.first_ns, start);
    seen.seen.last_ns = std::max(seen.seen.last_ns, start);
    ++seen.seen.count;
    if (!seen.dirty) {
        seen.dirty = true;
        account.dirty_destinations.push_back(key);
    }
    if (!is_new || !config.enabled || config.allow.allows(call.account, d)) return;
    const bool high = d.risk == numbers::RiskClass::high;
    const bool learning = start - account.first_activity_ns < config.learning_days * k_ns_per_day;
    if (learning && !high) return;
    const auto severity = high ? core::Severity::high : config.severity;
    out.raise(rule::new_destination, severity,
              fmt::format("first call from account {} to {} ({}, {} risk)", call.account, key,
                          numbers::to_string(d.type), numbers::to_string(d.risk)),
              call, account, Evidence{start, {}},
              {{"destination_key", key}, {"learning", learning}, {"risk", std::string(numbers::to_string(d.risk))}});
}

void detect_after_hours(const AfterHoursConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    const auto& d = call.destination;
    if (!config.enabled || call.business_hours) return;
    if (d.reach != numbers::Reach::international && d.risk < numbers::RiskClass::medium) return;
    if (config.allow.allows(call.account, d)) return;
    auto& s = account.after_hours;
    const auto start = call.record.start.ns();
    const auto window = config.window_minutes * k_ns_per_minute;
    if (s.window_start == INT64_MIN || start >= s.window_start + window) {
        s.window_start = start;
        s.count = 0;
        s.fired = 0;
    }
    ++s.count;
    const auto earlier_days = s.days - (s.last_day == call.local.days ? 1 : 0);
    const bool habit = config.habit_days > 0 && earlier_days >= config.habit_days;
    if (call.local.days != s.last_day) {  // counts from the next day on
        s.last_day = call.local.days;
        ++s.days;
        s.dirty = true;
    }
    Evidence evidence{s.window_start, [](const CallSummary& c) {
                          return c.reach == numbers::Reach::international || c.risk >= numbers::RiskClass::medium;
                      }};
    nlohmann::json facts{{"count", s.count},
                         {"window_minutes", config.window_minutes},
                         {"local_minute", call.local.minute},
                         {"weekday", call.local.weekday}};
    auto fire = [&](std::uint8_t bit, core::Severity severity, std::string what) {
        if ((s.fired & bit) != 0) return;
        s.fired = static_cast<std::uint8_t>(s.fired | bit);
        out.raise(rule::after_hours, severity, std::move(what), call, account, evidence, facts);
    };
    if (d.risk == numbers::RiskClass::high) {
        fire(4, core::Severity::high,
             fmt::format("high-risk call outside business hours from account {}", call.account));
    } else if (s.count >= config.min_calls && !habit) {
        fire(2, config.burst_severity,
             fmt::format("{} international calls outside business hours from account {}", s.count, call.account));
    } else if (s.count == 1) {
        fire(1, config.first_severity,
             fmt::format("international call outside business hours from account {}", call.account));
    }
}

}  // namespace sipwarden::fraud
