// Bounded scanning helpers over std::string_view shared by the SIP and SDP
// parsers: character classes, LWS skipping, quoted strings and top-level
// separators. Every function stays inside the view it is given.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Character classes as bits of one 256-entry table, so a hot loop pays one
// load per byte whatever set of classes it tests.
namespace cls {
inline constexpr std::uint32_t token = 1U << 0;
inline constexpr std::uint32_t lws = 1U << 1;  // SP HT CR LF
inline constexpr std::uint32_t digit = 1U << 2;
inline constexpr std::uint32_t hex = 1U << 3;
inline constexpr std::uint32_t ctl = 1U << 4;              // 0x00-0x1F, 0x7F
inline constexpr std::uint32_t scheme = 1U << 5;           // alnum + - .
inline constexpr std::uint32_t not_uri = 1U << 6;          // LWS, CTL, < and >: never inside a URI
inline constexpr std::uint32_t host_ipv4 = 1U << 7;        // digit or '.'
inline constexpr std::uint32_t host_name = 1U << 8;        // alpha - _
inline constexpr std::uint32_t host_end = 1U << 9;         // : ; ? end a URI host
inline constexpr std::uint32_t param_stop = 1U << 10;      // ; " < end or complicate a parameter
inline constexpr std::uint32_t addr_spec_stop = 1U << 11;  // ? , need <> around a URI
inline constexpr std::uint32_t uri_mark = 1U << 12;        // @ and %: noted while checking a URI
inline constexpr std::uint32_t host_bad = 1U << 13;        // none of digit . alpha - _
inline constexpr std::uint32_t equals = 1U << 14;          // =
inline constexpr std::uint32_t quote_or_angle = 1U << 15;  // " <
inline constexpr std::uint32_t letter_x = 1U << 16;        // x X
inline constexpr std::uint32_t sp_ht = 1U << 17;           // SP HT: white space within a line
}  // namespace cls

constexpr std::uint32_t classes_of(char c) {
    std::uint32_t bits = 0;
    if (is_token_char(c)) bits |= cls::token;
    if (is_lws(c)) bits |= cls::lws;
    if (is_digit(c)) bits |= cls::digit;
    if (is_hex(c)) bits |= cls::hex;
    if (is_ctl(c)) bits |= cls::ctl;
    if (is_alnum(c) || c == '+' || c == '-' || c == '.') bits |= cls::scheme;
    if (is_lws(c) || is_ctl(c) || c == '<' || c == '>') bits |= cls::not_uri;
    if (is_digit(c) || c == '.') bits |= cls::host_ipv4;
    if (is_alpha(c) || c == '-' || c == '_') bits |= cls::host_name;
    if (c == ':' || c == ';' || c == '?') bits |= cls::host_end;
    if (c == ';' || c == '"' || c == '<') bits |= cls::param_stop;
    if (c == '?' || c == ',') bits |= cls::addr_spec_stop;
    if (c == '@' || c == '%') bits |= cls::uri_mark;
    if ((bits & (cls::host_ipv4 | cls::host_name)) == 0) bits |= cls::host_bad;
    if (c == '=') bits |= cls::equals;
    if (c == '"' || c == '<') bits |= cls::quote_or_angle;
    if (c == 'x' || c == 'X') bits |= cls::letter_x;
    if (c == ' ' || c == '\t') bits |= cls::sp_ht;
    return bits;
}

inline constexpr std::array<std::uint32_t, 256> k_classes = [] {
    std::array<std::uint32_t, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = classes_of(static_cast<char>(c));
    return t;
}();

inline std::uint32_t classes(char c) { return k_classes[static_cast<unsigned char>(c)]; }
inline bool in(char c, std::uint32_t bits) { return (classes(c) & bits) != 0; }
inline bool token_char(char c) { return in(c, cls::token); }

inline bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!token_char(c)) return false;
    }
    return true;
}

// Length of the run of bytes of class `bits` at the start of `s`.
inline std::size_t span_of(std::string_view s, std::uint32_t bits) {
    std::size_t n = 0;
    while (n < s.size() && in(s[n], bits)) ++n;
    return n;
}

inline constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t k_high = 0x8080808080808080ULL;
// High bit set in the bytes of `x` that are zero; only the lowest set bit is
// exact (a borrow can flag bytes above a zero byte).
inline std::uint64_t zero_bytes(std::uint64_t x) { return (x - k_ones) & ~x & k_high; }

// True when `s` holds a byte below 0x20 or 0x7F; eight bytes at a time
// (SWAR), exact: a hit means such a byte exists.
inline bool has_control_byte(std::string_view s) {
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

#if defined(__SSE2__)
// The 16 bytes of `s` at `i` (i + 16 <= s.size()).
inline __m128i load16(std::string_view s, std::size_t i) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
}
inline unsigned mask_of(__m128i matches) { return static_cast<unsigned>(_mm_movemask_epi8(matches)); }
inline __m128i eq(__m128i x, char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); }
#endif

// Position of the first byte equal to A, B, C or D at or after `from`;
// npos when there is none. `Bits` is the class (cls::) made of exactly
// those bytes, for the byte-at-a-time part. Sixteen bytes at a time with
// SSE2; the last, partial block is loaded so that it ends at the end of `s`
// (overlapping bytes already seen), so no byte outside `s` is ever read.
template <std::uint32_t Bits, char A, char B, char C, char D>
constexpr bool class_is_exactly() {
    for (int c = 0; c < 256; ++c) {
        const auto ch = static_cast<char>(c);
        const bool listed = ch == A || ch == B || ch == C || ch == D;
        if (((k_classes[static_cast<std::size_t>(c)] & Bits) != 0) != listed) return false;
    }
    return true;
}

template <std::uint32_t Bits, char A, char B = A, char C = A, char D = A>
inline std::size_t find_first_of(std::string_view s, std::size_t from = 0) {
    // The blocks test the bytes, the tail the class: they must agree, or the
    // answer would depend on where in `s` a byte falls.
    static_assert(class_is_exactly<Bits, A, B, C, D>(), "Bits must be the class of exactly A, B, C and D");
    std::size_t i = from;
#if defined(__SSE2__)
    if (i < s.size() && s.size() - i >= 16) {
        const auto match = [&](std::size_t at) {
            const __m128i x = load16(s, at);
            return mask_of(_mm_or_si128(_mm_or_si128(eq(x, A), eq(x, B)), _mm_or_si128(eq(x, C), eq(x, D))));
        };
        for (; i + 16 <= s.size(); i += 16) {
            if (const unsigned m = match(i)) return i + static_cast<std::size_t>(std::countr_zero(m));
        }
        if (i == s.size()) return npos;
        const std::size_t last = s.size() - 16;
        const unsigned m = match(last) >> (i - last);
        return m == 0 ? npos : i + static_cast<std::size_t>(std::countr_zero(m));
    }
#endif
    for (; i < s.size(); ++i) {
        if (in(s[i], Bits)) return i;
    }
    return npos;
}

inline bool has_lws(std::string_view s) { return find_first_of<cls::lws, ' ', '\t', '\r', '\n'>(s) != npos; }

inline constexpr std::array<char, 256> k_lower = [] {
    std::array<char, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = lower(static_cast<char>(c));
    return t;
}();
inline char fold(char c) { return k_lower[static_cast<unsigned char>(c)]; }

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i] && fold(a[i]) != fold(b[i])) return false;
    }
    return true;
}

// iequals against a word of lowercase ASCII letters: setting a byte's case
// bit (0x20) makes it equal to such a letter exactly when it is that letter
// in either case.
inline bool iequals_letters(std::string_view s, std::string_view lower_letters) {
    const std::size_t n = s.size();
    if (n != lower_letters.size()) return false;
    // 4 to 16 bytes: two overlapping words each, the first and the last;
    // with a literal, its words are constants.
    const auto words = [&](auto word) {
        constexpr std::size_t w = sizeof(word);
        decltype(word) a = 0, b = 0, c = 0, d = 0;
        std::memcpy(&a, s.data(), w);
        std::memcpy(&b, s.data() + n - w, w);
        std::memcpy(&c, lower_letters.data(), w);
        std::memcpy(&d, lower_letters.data() + n - w, w);
        const auto ones = static_cast<decltype(word)>(0x2020202020202020ULL);
        return (((a | ones) ^ c) | ((b | ones) ^ d)) == 0;
    };
    if (n >= 8 && n <= 16) return words(std::uint64_t{});
    if (n >= 4 && n < 8) return words(std::uint32_t{});
    unsigned difference = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned>(static_cast<unsigned char>(s[i])) | 0x20U;
        difference |= c ^ static_cast<unsigned char>(lower_letters[i]);
    }
    return difference == 0;
}

inline bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

inline std::string_view ltrim(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && in(s[i], cls::lws)) ++i;
    return s.substr(i);
}

inline std::string_view rtrim(std::string_view s) {
    std::size_t n = s.size();
    while (n > 0 && in(s[n - 1], cls::lws)) --n;
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
    // Fast path: no `ch` at all (memchr), or no quote or bracket before it.
    const std::size_t p = s.find(ch);
    if (p == npos) return npos;
    if (find_first_of<cls::quote_or_angle, '"', '<'>(s.substr(0, p)) == npos) return p;
    return find_top_level_slow(s, ch);
}

// Decimal digits only, at most `max`; nullopt when empty, not all digits, or
// larger than `max` (the overflow case is told apart by `overflow`).
inline std::optional<std::uint64_t> parse_decimal(std::string_view s, std::uint64_t max, bool* overflow = nullptr) {
    if (overflow != nullptr) *overflow = false;
    if (s.empty()) return std::nullopt;
    std::uint64_t value = 0;
    bool too_big = false;
    const std::uint64_t max_tenth = max / 10;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        // value <= max / 10 keeps value * 10 from wrapping.
        if (!too_big && (value > max_tenth || value * 10 > max - digit)) too_big = true;
        if (!too_big) value = value * 10 + digit;
    }
    if (too_big) {
        if (overflow != nullptr) *overflow = true;
        return std::nullopt;
    }
    return value;
}

// Splits off the text before the first `ch` (the whole view if absent).
// Byte by byte: the fields it splits are a few bytes long.
inline std::string_view take_until(std::string_view& s, char ch) {
    std::size_t p = 0;
    while (p < s.size() && s[p] != ch) ++p;
    const std::string_view head = s.substr(0, p);
    s = p == s.size() ? std::string_view{} : s.substr(p + 1);
    return head;
}

// parse_decimal for the usual short number: up to nine digits cannot pass
// 32 bits, so the bound is checked once at the end; longer text takes the
// general path. Same results.
inline std::optional<std::uint32_t> parse_small_decimal(std::string_view s, std::uint64_t max) {
    if (s.empty() || s.size() > 9) {
        const auto v = parse_decimal(s, max);
        return v ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*v)) : std::nullopt;
    }
    std::uint32_t value = 0;
    for (char c : s) {
        const auto digit = static_cast<std::uint32_t>(static_cast<unsigned char>(c) - '0');
        if (digit > 9) return std::nullopt;
        value = value * 10 + digit;
    }
    if (value > max) return std::nullopt;
    return value;
}

}  // namespace sipwarden::sip::scan
