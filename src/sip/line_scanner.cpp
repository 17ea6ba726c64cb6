// LineTable::build: the line ends of a header block, 64 bytes a step, with
// SSE2 everywhere and with AVX2 where the processor has it. The two differ
// only in how a step's byte masks are computed; the rest is one template,
// flattened into each entry point so that the AVX2 instructions stay inside
// the function compiled for them. See docs/sip-parser.md.
#include "sip/line_scanner.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SIPWARDEN_HAVE_AVX2_PATH 1
#endif

namespace sipwarden::sip::scan {

namespace {

constexpr std::size_t k_step = 64;

// The bytes of one 64-byte step, one bit each. The control bytes a header
// line may hold (HT, and CR before LF) are told apart in the vector
// registers, so a step needs four masks rather than six.
struct StepMasks {
    std::uint64_t odd;  // 0x00-0x1F and 0x7F but HT, LF and CR
    std::uint64_t colons, lf, cr;
};

#if defined(__SSE2__)
struct Sse2Step {
    static std::uint64_t mask64(__m128i a, __m128i b, __m128i c, __m128i d) {
        return std::uint64_t{mask_of(a)} | std::uint64_t{mask_of(b)} << 16 | std::uint64_t{mask_of(c)} << 32 |
               std::uint64_t{mask_of(d)} << 48;
    }
    static __m128i odd_of(__m128i v) {
        const __m128i controls = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v), eq(v, 0x7f));
        return _mm_andnot_si128(_mm_or_si128(_mm_or_si128(eq(v, '\t'), eq(v, '\n')), eq(v, '\r')), controls);
    }
    static StepMasks at(const char* p) {
        const auto load = [p](int k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)); };
        const __m128i a = load(0), b = load(1), c = load(2), d = load(3);
        const auto each = [&](char x) { return mask64(eq(a, x), eq(b, x), eq(c, x), eq(d, x)); };
        return StepMasks{mask64(odd_of(a), odd_of(b), odd_of(c), odd_of(d)), each(':'), each('\n'), each('\r')};
    }
};
#endif

#if defined(SIPWARDEN_HAVE_AVX2_PATH)
struct Avx2Step {
    // No lambdas here: they would not inherit the target.
    [[gnu::target("avx2")]] static std::uint64_t mask(__m256i lo, __m256i hi) {
        return std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(lo))} |
               std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(hi))} << 32;
    }
    [[gnu::target("avx2")]] static std::uint64_t eq64(__m256i x, __m256i y, char c) {
        const __m256i v = _mm256_set1_epi8(c);
        return mask(_mm256_cmpeq_epi8(x, v), _mm256_cmpeq_epi8(y, v));
    }
    [[gnu::target("avx2")]] static __m256i is(__m256i x, char c) { return _mm256_cmpeq_epi8(x, _mm256_set1_epi8(c)); }
    [[gnu::target("avx2")]] static __m256i odd(__m256i x) {
        const __m256i controls =
            _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(x, _mm256_set1_epi8(0x1f)), x), is(x, 0x7f));
        return _mm256_andnot_si256(_mm256_or_si256(_mm256_or_si256(is(x, '\t'), is(x, '\n')), is(x, '\r')), controls);
    }
    [[gnu::target("avx2")]] static StepMasks at(const char* p) {
        const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
        return StepMasks{mask(odd(x), odd(y)), eq64(x, y, ':'), eq64(x, y, '\n'), eq64(x, y, '\r')};
    }
};
#endif

}  // namespace

template <class Step>
bool LineTable::build_steps(std::string_view data, std::size_t pos) {
    m_count = 0;
    m_colon = k_none;
    if (data.size() < k_step || data.size() > UINT32_MAX - 1) return false;
    // The state lives in locals while the loop runs: stores into m_lines
    // could alias members of the same type.
    const char* const base = data.data();
    const std::size_t size = data.size();
    std::size_t count = 0;
    std::size_t line_start = pos;
    std::uint32_t colon = k_none;
    const auto finish = [&](bool ok) {
        m_count = count;
        m_colon = colon;
        return ok;
    };
    for (std::size_t i = pos; i < size;) {
        // The last step ends at the end of the data, over bytes already seen.
        const std::size_t at = std::min(i, size - k_step);
        const StepMasks m = Step::at(base + at);
        const std::uint64_t from_i = ~std::uint64_t{0} << (i - at);
        std::uint64_t colons = m.colons & from_i;
        std::uint64_t lf = m.lf & from_i;
        // Control bytes but LF, CR and HT, then every CR not followed by LF.
        std::uint64_t odd = (m.odd | (m.cr & ~(m.lf >> 1))) & from_i;
        if ((lf | odd) != 0) {
            // A CR LF split between two steps.
            if ((odd >> (k_step - 1)) != 0 && base[at + k_step - 1] == '\r' && at + k_step < size &&
                base[at + k_step] == '\n')
                odd &= ~(std::uint64_t{1} << (k_step - 1));
            // Usually no odd byte in the step and room for all its lines:
            // then the loop below needs neither check.
            const bool checks = odd != 0 || count + k_step > k_capacity;
            for (; lf != 0; lf &= lf - 1) {
                const std::uint64_t before = (lf & (0 - lf)) - 1;
                if (checks) {
                    if ((odd & before) != 0 || count == k_capacity) return finish(false);
                    odd &= ~before;
                }
                if (colon == k_none && (colons & before) != 0)
                    colon =
                        static_cast<std::uint32_t>(at + static_cast<std::size_t>(std::countr_zero(colons & before)));
                colons &= ~before;
                const std::size_t nl = at + static_cast<std::size_t>(std::countr_zero(lf));
                m_lines[count++] = Line{static_cast<std::uint32_t>(nl), colon};
                if (nl == line_start || (nl == line_start + 1 && base[line_start] == '\r')) return finish(true);
                line_start = nl + 1;
                colon = k_none;
            }
            if (odd != 0) return finish(false);
        }
        if (colon == k_none && colons != 0)
            colon = static_cast<std::uint32_t>(at + static_cast<std::size_t>(std::countr_zero(colons)));
        i = at + k_step;
    }
    return finish(true);
}

[[gnu::flatten]] bool LineTable::build_sse2(std::string_view data, std::size_t pos) {
#if defined(__SSE2__)
    return build_steps<Sse2Step>(data, pos);
#else
    (void)data;
    (void)pos;
    m_count = 0;
    m_colon = k_none;
    return false;
#endif
}

#if defined(SIPWARDEN_HAVE_AVX2_PATH)
[[gnu::target("avx2"), gnu::flatten]] bool LineTable::build_avx2(std::string_view data, std::size_t pos) {
    return build_steps<Avx2Step>(data, pos);
}
#else
bool LineTable::build_avx2(std::string_view data, std::size_t pos) { return build_sse2(data, pos); }
#endif

bool LineTable::has(Isa isa) {
#if defined(SIPWARDEN_HAVE_AVX2_PATH)
    static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
    return isa == Isa::sse2 || avx2;
#else
    return isa == Isa::sse2;
#endif
}

bool LineTable::build(std::string_view data, std::size_t pos) {
    static const bool avx2 = has(Isa::avx2);
    return avx2 ? build_avx2(data, pos) : build_sse2(data, pos);
}

bool LineTable::build_with(Isa isa, std::string_view data, std::size_t pos) {
    if (!has(isa)) {
        m_count = 0;
        m_colon = k_none;
        return false;
    }
    return isa == Isa::avx2 ? build_avx2(data, pos) : build_sse2(data, pos);
}

}  // namespace sipwarden::sip::scan
