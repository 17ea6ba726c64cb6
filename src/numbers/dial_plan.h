// Turns what a user dialled into E.164 digits, following the site's dialling
// habits: an outside-line prefix (9), the international prefix (00, 011),
// the national trunk prefix (0, 1) or '+', and SIP/tel URIs.
#pragma once

#include <string>
#include <string_view>

#include "numbers/destination.h"

namespace sipwarden::numbers {

struct DialHabits {
    std::string home_country = "US";           // ISO 3166-1 alpha-2
    std::string international_prefix = "011";  // IDD; several separated by ',' are allowed
    std::string national_prefix = "1";         // trunk prefix; may be empty
    std::string outside_line_prefix;           // e.g. "9"; empty when none
    // Dialled strings with at most this many digits are internal (extensions,
    // feature codes) unless they are emergency numbers.
    std::size_t max_internal_digits = 6;
};

// Result of normalisation before classification.
enum class DialForm : std::uint8_t {
    e164,     // `digits` holds E.164 digits (country code first)
    short_,   // `digits` holds a short string: an extension or a short code
    invalid,  // nothing usable
};

class DialPlan {
public:
    // `home_country_code` is the calling code of habits.home_country.
    DialPlan(DialHabits habits, int home_country_code);

    const DialHabits& habits() const { return m_habits; }
    int home_country_code() const { return m_home_cc; }

    // Normalises `dialled` into `digits`. Never allocates.
    DialForm normalise(std::string_view dialled, Digits& digits) const;
    // `dialled` with the outside-line prefix removed when it is there and
    // leaves a short string (for "9" + "112").
    std::string_view strip_outside_line(std::string_view digits) const;

private:
    bool starts_with_idd(std::string_view digits, std::size_t& length) const;

    DialHabits m_habits;
    std::string m_home_cc_text;
    int m_home_cc;
};

// The user part of a SIP/tel URI or the string itself; visual separators
// (space - . ( ) /) removed. Sets `plus` when it started with '+'; false
// when other characters (letters, * #) remain.
bool dialled_digits(std::string_view dialled, Digits& out, bool& plus);

}  // namespace sipwarden::numbers
