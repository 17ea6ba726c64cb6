// What sipwarden knows about a dialled number: how it leaves the site
// (internal, emergency, national, international), its E.164 form, country,
// number type and risk class. Shared by the fraud monitor and the passive monitor.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sipwarden::numbers {

// How a dialled string leaves the site.
enum class Reach : std::uint8_t {
    internal,       // an extension, feature code or other short string that stays on the PBX
    emergency,      // an emergency number of the home country (never blocked)
    national,       // a number in the home country
    international,  // a number in another country or a non-geographic network
    invalid,        // not a number at all (letters, empty, too long)
};

// libphonenumber's PhoneNumberType, plus the non-geographic networks that
// matter for fraud (+870 Inmarsat, +881 satellite, +882/+883 international
// networks) which libphonenumber reports as mobile/VoIP/unknown.
enum class NumberType : std::uint8_t {
    unknown,
    fixed_line,
    mobile,
    fixed_line_or_mobile,
    toll_free,
    premium_rate,
    shared_cost,
    voip,
    personal_number,
    pager,
    uan,
    voicemail,
    international_network,  // +870, +881, +882, +883 (satellite and global networks)
};

// Risk of a destination, ordered; detectors map it onto alert severity.
enum class RiskClass : std::uint8_t { low = 0, medium = 1, high = 2 };

std::string_view to_string(Reach reach);
std::string_view to_string(NumberType type);
std::string_view to_string(RiskClass risk);
std::optional<NumberType> parse_number_type(std::string_view text);
std::optional<RiskClass> parse_risk_class(std::string_view text);

// Digits of a number without allocation: E.164 digits (no '+') for national
// and international numbers, the dialled digits for internal and emergency.
class Digits {
public:
    static constexpr std::size_t k_capacity = 24;
    std::string_view view() const { return {m_data.data(), m_size}; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear() { m_size = 0; }
    // False (and unchanged) when full.
    bool push_back(char c) {
        if (m_size == k_capacity) return false;
        m_data[m_size++] = c;
        return true;
    }
    void assign(std::string_view text);

private:
    std::array<char, k_capacity> m_data{};
    std::uint8_t m_size = 0;
};

struct Destination {
    Reach reach = Reach::invalid;
    Digits digits;
    int country_code = 0;                  // 0 unless national/international
    std::array<char, 4> region{'Z', 'Z'};  // ISO 3166 alpha-2, "001" non-geographic, "ZZ" unknown
    NumberType type = NumberType::unknown;
    RiskClass risk = RiskClass::low;
    std::uint16_t risk_rule = 0;  // index+1 of the RiskList entry that set `risk`; 0 when none

    std::string_view region_code() const { return {region.data(), region[2] ? std::size_t{3} : std::size_t{2}}; }
    bool leaves_country() const { return reach == Reach::international; }
    // E.164 with '+' for display (national/international), else the digits.
    std::string display() const;
};

}  // namespace sipwarden::numbers
