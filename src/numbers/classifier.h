// Classifies dialled numbers: normalise for the site's dialling habits, then
// region and number type from libphonenumber, then the risk class from the
// high-risk list. libphonenumber costs ~12 µs a number, so results are cached
// by (length, leading digits): numbers that share both share a class.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "numbers/dial_plan.h"
#include "numbers/risk_list.h"

namespace sipwarden::numbers {

struct ClassifierLimits {
    // Leading E.164 digits in the cache key. Type patterns in the numbering
    // metadata are decided by the country code and the next few digits; 9
    // covers the NANP exchange code (+1 NPA NXX) and agrees with uncached
    // classification on the metadata's example numbers (classifier_test).
    std::size_t cache_prefix_digits = 9;
    // Cache entries (a power of two); the cache is cleared when 3/4 full.
    std::size_t cache_entries = 1u << 16;
    // A direct-mapped cache of whole dialled strings (up to 24 bytes) in
    // front: CDRs repeat the same few numbers, which then skip even
    // normalisation. Entries, a power of two.
    std::size_t dialled_entries = 1u << 14;
};

struct ClassifierStats {
    std::uint64_t lookups = 0;
    std::uint64_t misses = 0;  // libphonenumber calls
};

class Classifier {
public:
    // Fails when habits.home_country is not a region libphonenumber knows.
    static core::Result<Classifier> create(DialHabits habits, RiskList risks, ClassifierLimits limits = {});
    Classifier(Classifier&&) noexcept;
    Classifier& operator=(Classifier&&) noexcept;
    ~Classifier();

    // The hot path: cached; never allocates once the cache is warm.
    Destination classify(std::string_view dialled);
    // Straight through libphonenumber (reference for tests and benchmarks).
    Destination classify_uncached(std::string_view dialled) const;
    // True for the home country's emergency numbers (ShortNumberInfo), also
    // after the outside-line prefix ("9112").
    bool is_emergency(std::string_view digits) const;

    const DialPlan& dial_plan() const { return m_plan; }
    const RiskList& risk_list() const { return m_risks; }
    const ClassifierStats& stats() const { return m_stats; }

private:
    struct Impl;
    struct Entry;
    struct Dialled;
    Destination classify_fresh(std::string_view dialled);
    Classifier(DialPlan plan, RiskList risks, ClassifierLimits limits, std::unique_ptr<Impl> impl);
    void classify_e164(Destination& destination) const;
    void classify_short(Destination& destination, bool cached);
    void finish(Destination& destination) const;
    Entry* lookup(std::uint64_t key);

    DialPlan m_plan;
    RiskList m_risks;
    ClassifierLimits m_limits;
    std::unique_ptr<Impl> m_impl;
    std::vector<Entry> m_cache;
    std::vector<Dialled> m_dialled;
    std::size_t m_cache_used = 0;
    ClassifierStats m_stats;
};

}  // namespace sipwarden::numbers
