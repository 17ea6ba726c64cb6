// Number classification with libphonenumber and a prefix cache.
#include "numbers/classifier.h"

#include <phonenumbers/phonenumberutil.h>
#include <phonenumbers/shortnumberinfo.h>

#include <algorithm>
#include <unordered_map>

#include "core/hash.h"

namespace sipwarden::numbers {

namespace lpn = i18n::phonenumbers;

namespace {
// Loading the short-number metadata takes milliseconds; one copy serves all
// classifiers (its methods are const).
const lpn::ShortNumberInfo& short_number_info() {
    static const lpn::ShortNumberInfo info;
    return info;
}
}  // namespace

struct Classifier::Impl {
    const lpn::PhoneNumberUtil* util = lpn::PhoneNumberUtil::GetInstance();
    const lpn::ShortNumberInfo& short_info = short_number_info();
    std::unordered_map<std::string, bool, core::TextHash, std::equal_to<>> emergency_cache;  // by dialled number
};

// One cached classification: key 0 marks an empty slot.
struct Classifier::Entry {
    std::uint64_t key = 0;
    std::int16_t country_code = 0;
    std::array<char, 4> region{};
    NumberType type = NumberType::unknown;
    bool international = false;
};

// A whole dialled string and its classification; hash 0 marks an empty slot.
struct Classifier::Dialled {
    std::uint64_t hash = 0;
    std::array<char, 24> text{};
    std::uint8_t size = 0;
    Destination destination;
};

namespace {

std::uint64_t text_hash(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h | 1;
}

NumberType from_libphonenumber(lpn::PhoneNumberUtil::PhoneNumberType type) {
    using T = lpn::PhoneNumberUtil;
    switch (type) {
        case T::FIXED_LINE: return NumberType::fixed_line;
        case T::MOBILE: return NumberType::mobile;
        case T::FIXED_LINE_OR_MOBILE: return NumberType::fixed_line_or_mobile;
        case T::TOLL_FREE: return NumberType::toll_free;
        case T::PREMIUM_RATE: return NumberType::premium_rate;
        case T::SHARED_COST: return NumberType::shared_cost;
        case T::VOIP: return NumberType::voip;
        case T::PERSONAL_NUMBER: return NumberType::personal_number;
        case T::PAGER: return NumberType::pager;
        case T::UAN: return NumberType::uan;
        case T::VOICEMAIL: return NumberType::voicemail;
        case T::UNKNOWN: return NumberType::unknown;
    }
    return NumberType::unknown;
}

bool is_international_network(int country_code) {
    return country_code == 870 || country_code == 881 || country_code == 882 || country_code == 883;
}

void set_region(std::array<char, 4>& out, const std::string& region) {
    out = {};
    for (std::size_t i = 0; i < region.size() && i < 3; ++i) out[i] = region[i];
}

// (length, first `prefix` digits) packed into one integer; never 0.
std::uint64_t cache_key(std::string_view digits, std::size_t prefix) {
    std::uint64_t key = 0;
    const auto n = std::min(digits.size(), prefix);
    for (std::size_t i = 0; i < n; ++i) key = key * 10 + static_cast<std::uint64_t>(digits[i] - '0');
    return (static_cast<std::uint64_t>(digits.size()) << 56) | key;
}

}  // namespace

core::Result<Classifier> Classifier::create(DialHabits habits, RiskList risks, ClassifierLimits limits) {
    auto impl = std::make_unique<Impl>();
    const int cc = impl->util->GetCountryCodeForRegion(habits.home_country);
    if (cc == 0) {
        return core::make_error("unknown home country '" + habits.home_country +
                                "' (expected an ISO 3166 two-letter code such as GB, US, DE)");
    }
    if (limits.cache_prefix_digits == 0 || limits.cache_prefix_digits > 15) limits.cache_prefix_digits = 15;
    std::size_t entries = 16;
    while (entries < limits.cache_entries) entries *= 2;
    limits.cache_entries = entries;
    entries = 16;
    while (entries < limits.dialled_entries) entries *= 2;
    limits.dialled_entries = entries;
    return Classifier(DialPlan(std::move(habits), cc), std::move(risks), limits, std::move(impl));
}

Classifier::Classifier(DialPlan plan, RiskList risks, ClassifierLimits limits, std::unique_ptr<Impl> impl)
    : m_plan(std::move(plan)),
      m_risks(std::move(risks)),
      m_limits(limits),
      m_impl(std::move(impl)),
      m_cache(limits.cache_entries),
      m_dialled(limits.dialled_entries) {}

Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

bool Classifier::is_emergency(std::string_view digits) const {
    const std::string region = m_plan.habits().home_country;
    auto check = [&](std::string_view d) {
        return !d.empty() && m_impl->short_info.IsEmergencyNumber(std::string(d), region);
    };
    return check(digits) || check(m_plan.strip_outside_line(digits));
}

void Classifier::classify_short(Destination& destination, bool cached) {
    const std::string key(destination.digits.view());
    bool emergency = false;
    if (cached) {
        auto it = m_impl->emergency_cache.find(key);
        if (it == m_impl->emergency_cache.end()) {
            if (m_impl->emergency_cache.size() >= m_limits.cache_entries) m_impl->emergency_cache.clear();
            it = m_impl->emergency_cache.emplace(key, is_emergency(key)).first;
        }
        emergency = it->second;
    } else {
        emergency = is_emergency(key);
    }
    destination.reach = emergency ? Reach::emergency : Reach::internal;
}

void Classifier::classify_e164(Destination& destination) const {
    const auto& util = *m_impl->util;
    lpn::PhoneNumber number;
    const std::string text = "+" + std::string(destination.digits.view());
    if (util.Parse(text, "ZZ", &number) != lpn::PhoneNumberUtil::NO_PARSING_ERROR) {
        destination.reach = Reach::international;
        destination.country_code = 0;
        set_region(destination.region, "ZZ");
        destination.type = NumberType::unknown;
        return;
    }
    destination.country_code = number.country_code();
    std::string region;
    util.GetRegionCodeForNumber(number, &region);
    if (region == "ZZ") util.GetRegionCodeForCountryCode(number.country_code(), &region);
    set_region(destination.region, region);
    destination.type = is_international_network(destination.country_code)
                           ? NumberType::international_network
                           : from_libphonenumber(util.GetNumberType(number));
    const bool home = destination.country_code == m_plan.home_country_code() && region == m_plan.habits().home_country;
    destination.reach = home ? Reach::national : Reach::international;
}

void Classifier::finish(Destination& destination) const { m_risks.apply(destination); }

Destination Classifier::classify_uncached(std::string_view dialled) const {
    Destination destination;
    switch (m_plan.normalise(dialled, destination.digits)) {
        case DialForm::invalid: destination.reach = Reach::invalid; break;
        case DialForm::short_:
            destination.reach = is_emergency(destination.digits.view()) ? Reach::emergency : Reach::internal;
            break;
        case DialForm::e164: classify_e164(destination); break;
    }
    finish(destination);
    return destination;
}

Classifier::Entry* Classifier::lookup(std::uint64_t key) {
    const std::size_t mask = m_cache.size() - 1;
    std::size_t slot = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (m_cache[slot].key != 0 && m_cache[slot].key != key) slot = (slot + 1) & mask;
    return &m_cache[slot];
}

Destination Classifier::classify(std::string_view dialled) {
    ++m_stats.lookups;
    if (dialled.size() > std::tuple_size_v<decltype(Dialled::text)>) return classify_fresh(dialled);
    const auto hash = text_hash(dialled);
    auto& slot = m_dialled[static_cast<std::size_t>(hash >> 7) & (m_dialled.size() - 1)];
    if (slot.hash == hash && slot.size == dialled.size() &&
        std::equal(dialled.begin(), dialled.end(), slot.text.begin())) {
        return slot.destination;
    }
    slot.hash = hash;
    slot.size = static_cast<std::uint8_t>(dialled.size());
    std::copy(dialled.begin(), dialled.end(), slot.text.begin());
    slot.destination = classify_fresh(dialled);
    return slot.destination;
}

Destination Classifier::classify_fresh(std::string_view dialled) {
    Destination destination;
    const auto form = m_plan.normalise(dialled, destination.digits);
    if (form == DialForm::invalid) {
        destination.reach = Reach::invalid;
        return destination;
    }
    if (form == DialForm::short_) {
        classify_short(destination, true);
        return destination;
    }
    const auto key = cache_key(destination.digits.view(), m_limits.cache_prefix_digits);
    Entry* entry = lookup(key);
    if (entry->key != key) {
        ++m_stats.misses;
        if (m_cache_used * 4 >= m_cache.size() * 3) {
            std::fill(m_cache.begin(), m_cache.end(), Entry{});
            m_cache_used = 0;
            entry = lookup(key);
        }
        classify_e164(destination);
        *entry = {key, static_cast<std::int16_t>(destination.country_code), destination.region, destination.type,
                  destination.reach == Reach::international};
        ++m_cache_used;
    } else {
        destination.country_code = entry->country_code;
        destination.region = entry->region;
        destination.type = entry->type;
        destination.reach = entry->international ? Reach::international : Reach::national;
    }
    finish(destination);
    return destination;
}

}  // namespace sipwarden::numbers
