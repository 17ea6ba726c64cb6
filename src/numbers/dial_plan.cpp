// Normalisation of dialled strings for the site's dialling habits.
#include "numbers/dial_plan.h"

#include "core/text.h"

namespace sipwarden::numbers {

namespace {

constexpr bool is_separator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t';
}

// Skips a sip:/sips:/tel: scheme; only looked for when the text starts with a letter.
std::string_view without_scheme(std::string_view text) {
    for (std::string_view scheme : {"sips:", "sip:", "tel:"}) {
        if (core::istarts_with(text, scheme)) return text.substr(scheme.size());
    }
    return text;
}

}  // namespace

// One pass: the user part ends at '@' or ';' (URI host and parameters).
bool dialled_digits(std::string_view dialled, Digits& out, bool& plus) {
    out.clear();
    plus = false;
    dialled = core::trim_lines(dialled);
    if (!dialled.empty() && !core::is_digit(dialled.front()) && dialled.front() != '+')
        dialled = without_scheme(dialled);
    for (const char c : dialled) {
        if (core::is_digit(c)) {
            if (!out.push_back(c)) return false;
        } else if (c == '@' || c == ';') {
            break;
        } else if (c == '+' && out.empty() && !plus) {
            plus = true;
        } else if (!is_separator(c)) {
            return false;
        }
    }
    return !out.empty();
}

DialPlan::DialPlan(DialHabits habits, int home_country_code)
    : m_habits(std::move(habits)), m_home_cc_text(std::to_string(home_country_code)), m_home_cc(home_country_code) {}

bool DialPlan::starts_with_idd(std::string_view digits, std::size_t& length) const {
    std::string_view prefixes = m_habits.international_prefix;
    while (!prefixes.empty()) {
        const auto comma = prefixes.find(',');
        const auto prefix = core::trim(prefixes.substr(0, comma));
        if (!prefix.empty() && digits.starts_with(prefix)) {
            length = prefix.size();
            return true;
        }
        if (comma == std::string_view::npos) break;
        prefixes.remove_prefix(comma + 1);
    }
    return false;
}

std::string_view DialPlan::strip_outside_line(std::string_view digits) const {
    const auto& prefix = m_habits.outside_line_prefix;
    if (!prefix.empty() && digits.size() > prefix.size() && digits.starts_with(prefix))
        return digits.substr(prefix.size());
    return digits;
}

DialForm DialPlan::normalise(std::string_view dialled, Digits& digits) const {
    bool plus = false;
    Digits raw;
    if (!dialled_digits(dialled, raw, plus)) {
        if (plus) return DialForm::invalid;
        digits.assign(core::trim_lines(dialled).substr(0, Digits::k_capacity));
        return digits.empty() ? DialForm::invalid : DialForm::short_;
    }
    if (plus) {
        digits = raw;
        return DialForm::e164;
    }
    std::string_view d = raw.view();
    const auto stripped = strip_outside_line(d);
    if (stripped.size() > m_habits.max_internal_digits) d = stripped;
    if (d.size() <= m_habits.max_internal_digits) {
        digits.assign(d);
        return DialForm::short_;
    }
    std::size_t idd = 0;
    if (starts_with_idd(d, idd)) {
        digits.assign(d.substr(idd));
        return digits.empty() ? DialForm::invalid : DialForm::e164;
    }
    const auto& trunk = m_habits.national_prefix;
    if (!trunk.empty() && d.starts_with(trunk)) d.remove_prefix(trunk.size());
    digits.assign(m_home_cc_text);
    for (char c : d) {
        if (!digits.push_back(c)) return DialForm::invalid;
    }
    return DialForm::e164;
}

}  // namespace sipwarden::numbers
