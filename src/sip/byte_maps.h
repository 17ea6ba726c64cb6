// Internal: per-byte class bitmaps of a short field (16 to 64 bytes),
// computed sixteen bytes at a time with SSE2. Bit i stands for byte i, so a
// parser finds separators with countr_zero and checks a whole field with
// one AND instead of a loop over its bytes.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sip/scan.h"

namespace sipwarden::sip::scan {

inline constexpr std::size_t k_map_bytes = 64;

// Bits at positions [begin, end) (end <= 64).
inline std::uint64_t bit_range(std::size_t begin, std::size_t end) {
    const std::uint64_t below_end = end >= 64 ? ~0ULL : (1ULL << end) - 1;
    return begin >= 64 ? 0 : below_end & (~0ULL << begin);
}

// Position of the lowest set bit of `bits` at or after `from`; `none` when
// there is none.
inline std::size_t first_bit(std::uint64_t bits, std::size_t from, std::size_t none) {
    bits &= bit_range(from, 64);
    return bits == 0 ? none : static_cast<std::size_t>(std::countr_zero(bits));
}

// The bytes a URI parser looks at (RFC 3261 §19.1 / §25.1).
struct UriMaps {
    std::uint64_t bad = 0;        // never inside a URI: <= 0x20, 0x7F, < >
    std::uint64_t at = 0;         // @
    std::uint64_t colon = 0;      // :
    std::uint64_t semicolon = 0;  // ;
    std::uint64_t question = 0;   // ?
    std::uint64_t percent = 0;    // %
    std::uint64_t host = 0;       // may appear in a host name or IPv4 address: alnum . - _
    std::uint64_t name = 0;       // makes a host a name: alpha - _
    std::uint64_t digit = 0;
    std::uint64_t dot = 0;
};

#if defined(__SSE2__)
// Bytes of `x` in ['lo', 'hi'] (both below 0x80; bytes from 0x80 are negative and never match).
inline __m128i in_range(__m128i x, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
}
#endif

// Fills `m` for `s`; false (and `m` unspecified) when `s` is shorter than
// 16 or longer than 64 bytes, or without SSE2: the caller then scans byte by
// byte. The last block is loaded so that it ends at the end of `s`; bytes it
// shares with the block before set the same bits twice.
[[gnu::always_inline]] inline bool map_uri_bytes(std::string_view s, UriMaps& m) {
#if defined(__SSE2__)
    if (s.size() < 16 || s.size() > k_map_bytes) return false;
    std::uint64_t bad = 0, at = 0, colon = 0, semicolon = 0, question = 0, percent = 0, host = 0, name = 0, digit = 0,
                  dot = 0;
    for (std::size_t i = 0;; i += 16) {
        const std::size_t base = i + 16 <= s.size() ? i : s.size() - 16;
        const __m128i x = load16(s, base);
        const auto bits = [base](__m128i matches) { return static_cast<std::uint64_t>(mask_of(matches)) << base; };
        const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x);
        bad |= bits(_mm_or_si128(_mm_or_si128(low, eq(x, 0x7f)), _mm_or_si128(eq(x, '<'), eq(x, '>'))));
        at |= bits(eq(x, '@'));
        colon |= bits(eq(x, ':'));
        semicolon |= bits(eq(x, ';'));
        question |= bits(eq(x, '?'));
        percent |= bits(eq(x, '%'));
        const __m128i digits = in_range(x, '0', '9');
        const __m128i dots = eq(x, '.');
        const __m128i names = _mm_or_si128(in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 'z'),
                                           _mm_or_si128(eq(x, '-'), eq(x, '_')));
        digit |= bits(digits);
        dot |= bits(dots);
        name |= bits(names);
        host |= bits(_mm_or_si128(names, _mm_or_si128(digits, dots)));
        if (base + 16 >= s.size()) break;
    }
    m = UriMaps{bad, at, colon, semicolon, question, percent, host, name, digit, dot};
    return true;
#else
    (void)s;
    (void)m;
    return false;
#endif
}

}  // namespace sipwarden::sip::scan
