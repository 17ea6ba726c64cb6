// Internal: finds the line ends of a SIP header block or an SDP body and
// notes control bytes in the same pass, sixteen bytes at a time with SSE2,
// keeping the flags of the current block from one line to the next.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sip/scan.h"

namespace sipwarden::sip::scan {

// One physical line: its text without the CR LF (or bare LF) and where the
// next line starts.
struct LineEnd {
    std::string_view text;
    std::size_t next = 0;     // offset after the terminator; the data size when unterminated
    bool terminated = false;  // ended by LF
    bool bare_lf = false;     // ended by LF without CR
    // Maybe a control byte in the line other than the CR of its CR LF (and
    // other than HT when the scanner ignores HT). Never false when there is
    // one; may be true when there is none (an HT, a CR LF split between two
    // blocks), so callers recheck exactly.
    bool controls = false;
};

// The line from `pos` to the LF at `nl` (npos: to the end of the data).
inline LineEnd line_ending(std::string_view data, std::size_t pos, std::size_t nl) {
    LineEnd out;
    if (nl == npos) {
        out.text = data.substr(pos);
        out.next = data.size();
        return out;
    }
    out.terminated = true;
    out.next = nl + 1;
    out.text = data.substr(pos, nl - pos);
    if (!out.text.empty() && out.text.back() == '\r') {
        out.text.remove_suffix(1);
    } else {
        out.bare_lf = true;
    }
    return out;
}

#if defined(__SSE2__)
// Bytes of `x` that are 0x00-0x1F or 0x7F, LF (given as `lf`) excluded.
inline unsigned control_mask(__m128i x, unsigned lf) {
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
    return mask_of(_mm_or_si128(low, eq(x, 0x7f))) & ~lf;
}
#endif

class LineScanner {
public:
    // `ignore_tab`: HT is white space, not a control byte (SIP headers; SDP
    // counts it).
    LineScanner(std::string_view data, bool ignore_tab) : m_data(data), m_ignore_tab(ignore_tab) {}

    // The line starting at `pos` (pos < size of the data).
    LineEnd line(std::size_t pos) {
        bool controls = false;
        LineEnd out = line_ending(m_data, pos, find_lf(pos, controls));
        // The block flags let any byte right before an LF pass (it is the CR
        // of CR LF, mostly); check the one before a bare LF here.
        out.controls = controls || (out.bare_lf && !out.text.empty() && is_ctl(out.text.back()));
        return out;
    }

private:
    // The first LF at or after `pos` (npos: none); sets `controls` when a
    // flagged byte lies before it.
    std::size_t find_lf(std::size_t pos, bool& controls) {
#if defined(__SSE2__)
        if (m_data.size() >= 16) {
            std::size_t i = pos;
            // The rest of the block the previous line ended in.
            if (i >= m_block && i < m_end) {
                if (const std::size_t nl = in_block(i, controls); nl != npos) return nl;
                i = m_end;
            }
            for (; i + 16 <= m_data.size(); i += 16) {
                load(i);
                if (m_lf != 0) return in_block(i, controls);
                if (m_ctl != 0) controls = true;
            }
            if (i >= m_data.size()) return npos;
            load(m_data.size() - 16);  // the last bytes, overlapping bytes already seen
            return in_block(i, controls);
        }
#endif
        for (std::size_t i = pos; i < m_data.size(); ++i) {
            const char c = m_data[i];
            if (c == '\n') return i;
            if (is_ctl(c) && !(c == '\t' && m_ignore_tab) &&
                !(c == '\r' && i + 1 < m_data.size() && m_data[i + 1] == '\n')) {
                controls = true;
            }
        }
        return npos;
    }

#if defined(__SSE2__)
    // Flags of the sixteen bytes at `at` (at + 16 <= size). Control bytes
    // right before an LF are left out (the CR of CR LF; line() checks the
    // byte before a bare LF); HT is flagged even when ignored, so a line
    // with HT is merely rechecked.
    void load(std::size_t at) {
        m_block = at;
        m_end = at + 16;
        const __m128i x = load16(m_data, at);
        m_lf = mask_of(eq(x, '\n'));
        m_ctl = control_mask(x, m_lf) & ~(m_lf >> 1);
        // A CR LF split between two blocks.
        if ((m_ctl & 0x8000U) != 0 && m_data[at + 15] == '\r' && at + 16 < m_data.size() && m_data[at + 16] == '\n')
            m_ctl &= 0x7fffU;
    }

    // The first LF of the loaded block at or after `i` (npos: none), noting
    // flagged bytes before it.
    std::size_t in_block(std::size_t i, bool& controls) const {
        const unsigned from_i = ~0U << (i - m_block);
        const unsigned lf = m_lf & from_i;
        const unsigned before = lf == 0 ? from_i : from_i & ((lf & (0U - lf)) - 1);
        if ((m_ctl & before) != 0) controls = true;
        return lf == 0 ? npos : m_block + static_cast<std::size_t>(std::countr_zero(lf));
    }

    std::size_t m_block = 0, m_end = 0;  // the loaded block; none at first
    unsigned m_lf = 0, m_ctl = 0;
#endif
    std::string_view m_data;
    bool m_ignore_tab;
};

// The line ends of a header block, found in one pass before the block is
// parsed, for the usual block without any control byte but HT and the CR of
// CR LF: its lines then need no control check at all. The pass also notes
// the first ':' of every line, where a header name usually ends.
class LineTable {
public:
    static constexpr std::size_t k_capacity = 128;

    // Scans `data` from `pos` up to the first empty line (included) or the
    // end. False when a control byte needs line-by-line checks, when there
    // are more than k_capacity lines, for data under 64 bytes, or without
    // SSE2. Uses AVX2 where the processor has it (line_scanner.cpp).
    bool build(std::string_view data, std::size_t pos);

    // The same with a given instruction set, for tests; false, with nothing
    // built, when the processor lacks it.
    enum class Isa { sse2, avx2 };
    bool build_with(Isa isa, std::string_view data, std::size_t pos);
    static bool has(Isa isa);

    std::size_t size() const { return m_count; }
    // The LF ending line `k` (k < size()).
    std::size_t lf(std::size_t k) const { return m_lines[k].lf; }
    // The first ':' of line `k`, or npos; k == size() asks for the last
    // line when the data ends without an empty line.
    std::size_t colon(std::size_t k) const {
        const std::uint32_t c = k < m_count ? m_lines[k].colon : m_colon;
        return c == k_none ? npos : c;
    }

private:
    static constexpr std::uint32_t k_none = UINT32_MAX;

    template <class Step>
    bool build_steps(std::string_view data, std::size_t pos);
    bool build_sse2(std::string_view data, std::size_t pos);
    bool build_avx2(std::string_view data, std::size_t pos);

    struct Line {
        std::uint32_t lf, colon;
    };
    std::array<Line, k_capacity> m_lines;  // only the first m_count are set
    std::size_t m_count = 0;
    std::uint32_t m_colon = k_none;  // of an unterminated last line
};

}  // namespace sipwarden::sip::scan
