// Detectors over short windows: simultaneous calls, prefix probing, bursts
// of short or failed international attempts, and estimated spend.
#include <fmt/format.h>

#include <algorithm>

#include "fraud/detectors.h"

namespace sipwarden::fraud {

namespace {

constexpr std::int64_t k_ns_per_minute = 60 * core::k_ns_per_second;
constexpr std::int64_t k_ns_per_hour = 60 * k_ns_per_minute;
constexpr std::size_t k_max_window_calls = 1024;

// Most calls in progress at one instant among `calls` plus [start, end).
int peak_overlap(const std::vector<std::pair<std::int64_t, std::int64_t>>& calls, std::int64_t start, std::int64_t end,
                 std::int64_t& earliest) {
    int peak = 1;
    earliest = start;
    for (const auto& candidate : calls) {
        if (candidate.second <= start || candidate.first >= end) continue;
        const auto at = std::max(start, candidate.first);
        int count = 1;
        for (const auto& other : calls) {
            if (other.first <= at && at < other.second) ++count;
        }
        if (count > peak) peak = count;
        earliest = std::min(earliest, candidate.first);
    }
    return peak;
}

}  // namespace

void detect_concurrency(const ConcurrencyConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    if (!config.enabled) return;
    auto& s = account.concurrency;
    const auto start = call.record.start.ns();
    const auto end = std::max(call.record.end.ns(), start + core::k_ns_per_second);
    const auto horizon = end - config.max_call_hours * k_ns_per_hour;
    std::erase_if(s.calls, [&](const auto& c) { return c.second < horizon; });
    if (s.calls.size() >= k_max_window_calls) s.calls.erase(s.calls.begin());
    std::int64_t earliest = start;
    const int peak = peak_overlap(s.calls, start, end, earliest);
    s.calls.emplace_back(start, end);
    if (peak <= config.max_calls || start < s.quiet_until || config.allow.allows(call.account, call.destination))
        return;
    s.quiet_until = start + 15 * k_ns_per_minute;
    out.raise(
        rule::concurrency, config.severity,
        fmt::format("{} simultaneous outbound calls from account {} (limit {})", peak, call.account, config.max_calls),
        call, account, Evidence{earliest, {}}, {{"value", peak}, {"threshold", config.max_calls}});
}

void detect_probing(const ProbingConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    if (!config.enabled) return;
    auto& s = account.probing;
    const auto start = call.record.start.ns();
    const auto window = config.window_minutes * k_ns_per_minute;
    while (!s.calls.empty() && s.calls.front().first < start - window) s.calls.pop_front();
    if (s.calls.size() >= k_max_window_calls) s.calls.pop_front();
    const auto digits = call.destination.digits.view();
    s.calls.emplace_back(start, call.destination.digits);
    const auto tail = static_cast<std::size_t>(config.tail_digits);
    if (start < s.quiet_until || digits.size() <= tail + 3) return;
    const auto prefix = digits.substr(0, digits.size() - tail);
    auto matches = [&](std::string_view o) { return o.size() == digits.size() && o.starts_with(prefix); };
    int candidates = 0;
    for (const auto& entry : s.calls) candidates += matches(entry.second.view()) ? 1 : 0;
    if (candidates < config.min_numbers) return;  // cheap pre-check before counting distinct numbers
    std::vector<std::string_view> distinct;
    for (const auto& entry : s.calls) {
        const auto o = entry.second.view();
        if (matches(o) && std::find(distinct.begin(), distinct.end(), o) == distinct.end()) distinct.push_back(o);
    }
    if (static_cast<int>(distinct.size()) < config.min_numbers || config.allow.allows(call.account, call.destination))
        return;
    s.quiet_until = start + window;
    const std::string shown = "+" + std::string(prefix) + std::string(tail, 'x');
    out.raise(rule::probing, config.severity,
              fmt::format("{} numbers under {} called within {} minutes from account {}", distinct.size(), shown,
                          config.window_minutes, call.account),
              call, account,
              Evidence{start - window, [prefix = std::string(prefix)](
                                           const CallSummary& c) { return c.digits.view().starts_with(prefix); }},
              {{"prefix", shown},
               {"value", distinct.size()},
               {"threshold", config.min_numbers},
               {"window_minutes", config.window_minutes}});
}

void detect_short_calls(const ShortCallsConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    if (!config.enabled || call.destination.reach != numbers::Reach::international) return;
    const bool is_short = !call.record.answered() || call.record.billsec < config.short_seconds;
    if (!is_short) return;
    auto& s = account.short_calls;
    const auto start = call.record.start.ns();
    const auto window = config.window_minutes * k_ns_per_minute;
    while (!s.attempts.empty() && s.attempts.front() < start - window) s.attempts.pop_front();
    if (s.attempts.size() >= k_max_window_calls) s.attempts.pop_front();
    s.attempts.push_back(start);
    const auto count = static_cast<int>(s.attempts.size());
    if (count < config.min_attempts || start < s.quiet_until || config.allow.allows(call.account, call.destination))
        return;
    s.quiet_until = start + window;
    const int short_seconds = config.short_seconds;
    out.raise(rule::short_calls, config.severity,
              fmt::format("{} short or failed international calls within {} minutes from account {}", count,
                          config.window_minutes, call.account),
              call, account,
              Evidence{s.attempts.front(),
                       [short_seconds](const CallSummary& c) {
                           return c.reach == numbers::Reach::international &&
                                  (c.disposition != Disposition::answered || c.billsec < short_seconds);
                       }},
              {{"value", count},
               {"threshold", config.min_attempts},
               {"window_minutes", config.window_minutes},
               {"short_seconds", config.short_seconds}});
}

void detect_spend(const SpendConfig& config, const Call& call, AccountState& account, AlertEmitter& out) {
    const double cost = call.summary.cost;
    if (cost <= 0) return;
    auto& s = account.spend;
    if (call.local_hour != s.hour) {
        s.hour = call.local_hour;
        s.hour_cost = 0;
        s.fired = static_cast<std::uint8_t>(s.fired & ~1u);
    }
    if (call.local.days != s.day) {
        s.day = call.local.days;
        s.day_cost = 0;
        s.fired = static_cast<std::uint8_t>(s.fired & ~2u);
    }
    s.hour_cost += cost;
    s.day_cost += cost;
    if (config.allow.allows(call.account, call.destination)) return;
    const auto start = call.record.start.ns();
    auto fire = [&](std::uint8_t bit, std::string_view id, double value, double limit, std::string_view period,
                    std::int64_t since) {
        if (limit <= 0 || value <= limit || (s.fired & bit) != 0) return;
        s.fired = static_cast<std::uint8_t>(s.fired | bit);
        out.raise(
            id, config.severity,
            fmt::format("estimated spend {:.2f} {} this {} from account {} (limit {:.2f})", value, config.currency,
                        period, call.account, limit),
            call, account, Evidence{since, [](const CallSummary& c) { return c.cost > 0; }},
            {{"value", value}, {"threshold", limit}, {"currency", config.currency}, {"period", std::string(period)}});
    };
    const auto minute_of_hour = call.local.minute % 60;
    const auto seconds = call.record.start.seconds() % 60;
    fire(1, rule::spend_hour, s.hour_cost, config.per_hour, "hour",
         start - (static_cast<std::int64_t>(minute_of_hour) * 60 + seconds) * core::k_ns_per_second);
    fire(2, rule::spend_day, s.day_cost, config.per_day, "day",
         start - (static_cast<std::int64_t>(call.local.minute) * 60 + seconds) * core::k_ns_per_second);
}

}  // namespace sipwarden::fraud
