// Bounded scanning helpers over std::string_view shared by the SIP and SDP
// parsers: character classes, LWS skipping, quoted strings and top-level
// separators. Every function stays inside the view it is given.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace sipwarden::sip::scan {

constexpr std::size_t npos = std::string_view::npos;

// Linear white space inside a header value: folded lines keep their CR LF in
// the zero-copy value, so CR and LF count as white space there.
constexpr bool is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
// Control characters of RFC 3261 (CTL minus nothing): 0x00-0x1F and 0x7F.
constexpr bool is_ctl(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
constexpr bool is_token_char(char c) {
    if (is_alnum(c)) return true;
    switch (c) {
        case '-':
        case '.':
        case '!':
        case '%':
        case '*':
        case '_':
        case '+':
        case '`':
        case '\'':
        case '~': return true;
        default: return false;
    }
}

// 256-entry table of is_token_char for the hot header-name loop.
inline constexpr std::array<bool, 256> k_token_table = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_token_char(static_cast<char>(c));
    return t;
}();
inline bool token_char(char c) { return k_token_table[static_cast<unsigned char>(c)]; }

inline bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!token_char(c)) return false;
    }
    return true;
}

// True when `s` holds a byte below 0x20 or 0x7F; eight bytes at a time
// (SWAR), exact: a hit means such a byte exists.
inline bool has_control_byte(std::string_view s) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_high = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t x = 0;
        std::memcpy(&x, s.substr(i, 8).data(), 8);
        const std::uint64_t below_space = (x - k_ones * 0x20) & ~x & k_high;
        const std::uint64_t y = x ^ (k_ones * 0x7f);
        const std::uint64_t del = (y - k_ones) & ~y & k_high;
        if ((below_space | del) != 0) return true;
    }
    for (; i < s.size(); ++i) {
        if (is_ctl(s[i])) return true;
    }
    return false;
}

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline std::string_view ltrim(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_lws(s[i])) ++i;
    return s.substr(i);
}

inline std::string_view rtrim(std::string_view s) {
    std::size_t n = s.size();
    while (n > 0 && is_lws(s[n - 1])) --n;
    return s.substr(0, n);
}

inline std::string_view trim(std::string_view s) { return rtrim(ltrim(s)); }

// Length of the quoted string at the start of `s` (which starts with '"'),
// closing quote included, honouring quoted-pairs; npos when unterminated.
inline std::size_t quoted_length(std::string_view s) {
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return npos;
}

// Position of the first `ch` outside quoted strings and <...>; npos when
// there is none. An unterminated quote or bracket hides the rest.
inline std::size_t find_top_level_slow(std::string_view s, char ch) {
    bool in_angle = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"' && !in_angle) {
            const std::size_t n = quoted_length(s.substr(i));
            if (n == npos) return npos;
            i += n - 1;
        } else if (c == '<') {
            in_angle = true;
        } else if (c == '>') {
            in_angle = false;
        } else if (c == ch && !in_angle) {
            return i;
        }
    }
    return npos;
}

inline std::size_t find_top_level(std::string_view s, char ch) {
    // Fast path (memchr): no `ch` at all, or no quote or bracket before it.
    const std::size_t p = s.find(ch);
    if (p == npos) return npos;
    const std::string_view before = s.substr(0, p);
    if (before.find('"') == npos && before.find('<') == npos) return p;
    return find_top_level_slow(s, ch);
}

// Decimal digits only, at most `max`; nullopt when empty, not all digits, or
// larger than `max` (the overflow case is told apart by `overflow`).
inline std::optional<std::uint64_t> parse_decimal(std::string_view s, std::uint64_t max, bool* overflow = nullptr) {
    if (overflow != nullptr) *overflow = false;
    if (s.empty()) return std::nullopt;
    std::uint64_t value = 0;
    bool too_big = false;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (!too_big && value > (max - digit) / 10) too_big = true;
        if (!too_big) value = value * 10 + digit;
    }
    if (too_big) {
        if (overflow != nullptr) *overflow = true;
        return std::nullopt;
    }
    return value;
}

// Splits off the text before the first `ch` (the whole view if absent).
inline std::string_view take_until(std::string_view& s, char ch) {
    const std::size_t p = s.find(ch);
    const std::string_view head = s.substr(0, p);
    s = p == npos ? std::string_view{} : s.substr(p + 1);
    return head;
}

}  // namespace sipwarden::sip::scan
