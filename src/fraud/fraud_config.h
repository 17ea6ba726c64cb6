// The `fraud:` section of sipwarden.yaml: CDR format and column mappings,
// detector tunables and allow-lists, the rate table, checkpointing and the
// response to alerts. Every tunable has a documented default (docs/fraud.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/yaml_file.h"
#include "core/severity.h"
#include "fraud/cdr_format.h"
#include "numbers/destination.h"

namespace sipwarden::fraud {

// Calls that a detector (or all detectors) ignores.
struct AllowList {
    std::vector<std::string> accounts;
    std::vector<std::string> prefixes;   // E.164 digits without '+'
    std::vector<std::string> countries;  // ISO regions, "001" for non-geographic
    bool allows(std::string_view account, const numbers::Destination& destination) const;
    bool empty() const { return accounts.empty() && prefixes.empty() && countries.empty(); }
};

struct NewDestinationConfig {
    bool enabled = true;
    int learning_days = 14;                         // history needed before medium-risk news alert
    core::Severity severity = core::Severity::low;  // a new medium-risk country; high risk -> high
    AllowList allow;
};

struct AfterHoursConfig {
    bool enabled = true;
    int window_minutes = 60;
    int min_calls = 3;  // calls in the window for burst_severity
    core::Severity first_severity = core::Severity::low;
    core::Severity burst_severity = core::Severity::medium;
    // An account that called abroad out of hours on this many earlier days
    // does so by habit: its bursts stay at first_severity.
    int habit_days = 3;
    AllowList allow;
};

struct VelocityMetric {
    double cap = 0;     // absolute: above it -> cap severity, whatever the baseline
    double floor = 0;   // baseline alerts need at least this much
    double factor = 3;  // ... and more than factor x the usual mean
    double sigmas = 4;  // ... and more than mean + sigmas x deviation
};

struct VelocityConfig {
    bool enabled = true;
    VelocityMetric calls_per_minute{10, 4, 3, 4};
    VelocityMetric minutes_per_hour{600, 90, 3, 4};
    VelocityMetric destinations_per_hour{40, 10, 3, 4};
    int min_weeks = 4;   // samples per hour-of-week slot before baseline alerts
    double alpha = 0.2;  // weight of the newest week in the moving baseline
    core::Severity baseline_severity = core::Severity::medium;
    core::Severity cap_severity = core::Severity::high;
    AllowList allow;
};

struct ConcurrencyConfig {
    bool enabled = true;
    int max_calls = 6;
    int max_call_hours = 4;  // longest call considered when pairing overlaps
    core::Severity severity = core::Severity::high;
    AllowList allow;
};

struct ProbingConfig {
    bool enabled = true;
    int window_minutes = 10;
    int min_numbers = 5;  // distinct numbers sharing all but the last tail_digits
    int tail_digits = 2;
    core::Severity severity = core::Severity::high;
    AllowList allow;
};

struct ShortCallsConfig {
    bool enabled = true;
    int window_minutes = 10;
    int min_attempts = 6;  // failed or short international calls in the window
    int short_seconds = 6;
    core::Severity severity = core::Severity::high;
    AllowList allow;
};

struct SpendConfig {
    std::string rate_table;  // CSV prefix,price_per_minute; empty: detector off
    double per_hour = 50;
    double per_day = 200;
    std::string currency = "EUR";
    core::Severity severity = core::Severity::high;
    AllowList allow;
};

struct ResponseConfig {
    bool enabled = false;  // true when an action is configured
    core::Severity block_at = core::Severity::high;
    int block_minutes = 24 * 60;            // 0: until `fraud unblock`
    int max_alert_age_minutes = 60;         // older calls (replays) are recorded, never acted on
    std::vector<std::string> exec_block;    // argv; alert JSON on stdin
    std::vector<std::string> exec_unblock;  // argv; block JSON on stdin
    int exec_timeout_seconds = 10;
    std::string kamailio_url;  // e.g. http://127.0.0.1:5071/RPC
    std::string kamailio_htable = "blocked";
    int kamailio_timeout_seconds = 5;
};

struct FraudConfig {
    std::string format = "auto";               // a built-in name, a name in `formats`, or auto
    std::map<std::string, CdrFormat> formats;  // user layouts
    std::vector<std::string> inbound_contexts{"from-pstn", "from-trunk", "from-did-direct", "ext-did", "from-external"};
    std::string cdr_timezone;  // empty: the site's; "UTC" when the PBX uses usegmtime
    std::string risk_list;     // empty: the built-in list
    int max_internal_digits = 6;
    int max_calls_in_alert = 20;
    int checkpoint_records = 200'000;
    int checkpoint_seconds = 5;
    int poll_milliseconds = 250;
    AllowList allow;
    NewDestinationConfig new_destination;
    AfterHoursConfig after_hours;
    VelocityConfig velocity;
    ConcurrencyConfig concurrency;
    ProbingConfig probing;
    ShortCallsConfig short_calls;
    SpendConfig spend;
    ResponseConfig response;
};

// Reads `fraud:` (absent: defaults); problems go to the reader's diagnostics.
FraudConfig parse_fraud_config(const YAML::Node& node, config::YamlReader& reader);

}  // namespace sipwarden::fraud
