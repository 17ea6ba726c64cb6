// The fraud detectors. Each sees one classified outbound call with its
// account's state and raises alerts through an AlertEmitter; each has a
// stable rule id (docs/fraud.md lists them with their tunables). The
// registry of detectors is the explicit list in monitor.cpp.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/severity.h"
#include "fraud/account_state.h"
#include "fraud/fraud_config.h"
#include "fraud/site_clock.h"

namespace sipwarden::fraud {

// Stable rule ids.
namespace rule {
constexpr std::string_view new_destination = "fraud.new-destination";
constexpr std::string_view after_hours = "fraud.after-hours";
constexpr std::string_view calls_per_minute = "fraud.velocity.calls-per-minute";
constexpr std::string_view minutes_per_hour = "fraud.velocity.minutes-per-hour";
constexpr std::string_view destinations_per_hour = "fraud.velocity.destinations-per-hour";
constexpr std::string_view concurrency = "fraud.concurrency";
constexpr std::string_view probing = "fraud.probing";
constexpr std::string_view short_calls = "fraud.short-calls";
constexpr std::string_view spend_hour = "fraud.spend.hour";
constexpr std::string_view spend_day = "fraud.spend.day";
}  // namespace rule

// One outbound call (national or international) as detectors see it.
struct Call {
    const CallRecord& record;
    std::string_view account;
    const numbers::Destination& destination;
    const CallSummary& summary;
    LocalTime local;  // at the call's start
    bool business_hours = true;
    std::int64_t local_hour = 0;  // local hours since the epoch
};

// Which remembered calls an alert cites.
struct Evidence {
    std::int64_t since_ns = INT64_MIN;                // calls that started at or after
    std::function<bool(const CallSummary&)> matches;  // empty: all
};

class AlertEmitter {
public:
    virtual ~AlertEmitter() = default;
    // `message` is the one-line signature; `facts` go into the alert's
    // "fraud" object (value, threshold, window...).
    virtual void raise(std::string_view rule_id, core::Severity severity, std::string message, const Call& call,
                       AccountState& account, Evidence evidence, nlohmann::json facts) = 0;
};

void detect_new_destination(const NewDestinationConfig& config, const Call& call, AccountState& account,
                            AlertEmitter& out);
void detect_after_hours(const AfterHoursConfig& config, const Call& call, AccountState& account, AlertEmitter& out);
void detect_velocity(const VelocityConfig& config, const Call& call, AccountState& account, AlertEmitter& out);
void detect_concurrency(const ConcurrencyConfig& config, const Call& call, AccountState& account, AlertEmitter& out);
void detect_probing(const ProbingConfig& config, const Call& call, AccountState& account, AlertEmitter& out);
void detect_short_calls(const ShortCallsConfig& config, const Call& call, AccountState& account, AlertEmitter& out);
void detect_spend(const SpendConfig& config, const Call& call, AccountState& account, AlertEmitter& out);

// The first-seen key of a destination: its region ("CU"), "+882" for
// non-geographic codes, and "/premium_rate" etc. for risky number types.
std::string destination_key(const numbers::Destination& destination);
// True for calls the first-seen detector considers (international, or a
// risky number type at home).
bool is_notable_destination(const numbers::Destination& destination);

// Velocity baseline maintenance (exposed for tests): closes the open hour
// bucket and fills skipped hours with zeros.
void advance_velocity_hour(const VelocityConfig& config, VelocityState& state, std::int64_t local_hour);

}  // namespace sipwarden::fraud
