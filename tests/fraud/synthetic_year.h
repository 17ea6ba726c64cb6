// A synthetic year of Asterisk Master.csv records for a small-business PBX
// site in GB (office hours, weekends, bank holidays, inbound and internal
// calls, a few usual foreign countries per account), with optional injected
// toll-fraud episodes of every kind the detectors look for. Deterministic
// for a given seed. All numbers are in fictitious or documentation ranges.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sipwarden::testing {

struct SyntheticOptions {
    int year = 2025;
    int accounts = 30;
    double calls_per_business_hour = 2.5;  // outbound, per account, at the daily peak
    std::uint64_t seed = 20251;
    bool inject_fraud = true;
};

// One injected episode and what must catch it.
struct Episode {
    std::string kind;  // e.g. "probing"
    std::string rule;  // the alert's signature_id
    std::string account;
    std::int64_t start_ns = 0;  // UTC, first call of the episode
    std::int64_t end_ns = 0;    // UTC, start of its last call
};

struct SyntheticYear {
    std::string csv;  // Master.csv text, in end-time order
    std::vector<Episode> episodes;
    std::size_t records = 0;
    // sipwarden.yaml for the site the year was generated for.
    static std::string config_yaml(const std::string& rate_table_path);
    // The rate table the spend episode is priced against (CSV text).
    static std::string rate_table_csv();
};

SyntheticYear make_synthetic_year(const SyntheticOptions& options);

}  // namespace sipwarden::testing
