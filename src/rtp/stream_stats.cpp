// RFC 3550 A.1 (sequence validation), A.3 (expected and lost) and A.8
// (interarrival jitter) for one stream; see stream_stats.h.
#include "rtp/stream_stats.h"

#include <algorithm>
#include <cmath>

#include "rtp/payload_types.h"

namespace sipwarden::rtp {

namespace {
constexpr std::uint32_t k_sequence_modulus = 0x10000;
constexpr double k_jitter_gain = 1.0 / 16.0;  // RFC 3550 §6.4.1
}  // namespace

void StreamStats::add(const RtpHeader& header, core::Timestamp arrival, std::uint32_t clock_rate) {
    const std::int64_t now = arrival.ns();
    const bool new_source = m_packets == 0 || header.ssrc != m_ssrc;
    const bool goes_back = static_cast<std::int32_t>(header.timestamp - m_sequence_timestamp) < 0;
    // Wireshark's "regular" packet: the max figures skip the rest (see header).
    const bool regular = !new_source && !goes_back && !header.marker && !is_comfort_noise(header.payload_type) &&
                         !is_comfort_noise(m_last_payload_type);
    if (m_packets == 0) {
        m_first = arrival;
    } else if (new_source) {
        ++m_ssrc_changes;
        m_expected_before = expected();
    }
    if (regular) m_max_delta_ns = std::max(m_max_delta_ns, now - m_last.ns());
    if (new_source) {
        start_source(header);
    } else if (static_cast<std::uint16_t>(header.sequence - m_max_sequence) == 1 && m_probation == 0) {
        // The next packet of a validated run: advance() by one, inline.
        if (header.sequence == 0) m_cycles += k_sequence_modulus;
        m_seen_high = (m_seen_high << 1) | (m_seen_low >> 63);
        m_seen_low = (m_seen_low << 1) | 1;
        m_max_sequence = header.sequence;
        ++m_received;
    } else {
        account_sequence(header.sequence);
    }
    if (new_source || !goes_back) m_sequence_timestamp = header.timestamp;
    if (clock_rate != 0) {
        update_jitter(header, now, clock_rate);
        if (regular) m_max_jitter = std::max(m_max_jitter, m_jitter);
    }
    ++m_packets;
    m_bytes += header.payload_size;
    m_last = arrival;
    m_payload_types.insert(header.payload_type);
    m_last_payload_type = header.payload_type;
}

std::uint64_t StreamStats::expected() const {
    if (m_packets == 0) return 0;
    const std::int64_t run = static_cast<std::int64_t>(m_cycles) + m_max_sequence - m_base + 1;
    return m_expected_before + static_cast<std::uint64_t>(run);
}

void StreamStats::start_source(const RtpHeader& header) {
    m_ssrc = header.ssrc;
    start_run(header.sequence, false);
    m_probation = k_min_sequential - 1;
    m_has_reference = false;
}

// A run starts at `highest`, or at the number before it when that packet
// (a jump now confirmed) belongs to the run too.
void StreamStats::start_run(std::uint16_t highest, bool with_previous) {
    m_max_sequence = highest;
    m_cycles = 0;
    m_base = static_cast<std::int64_t>(highest) - (with_previous ? 1 : 0);
    m_seen_low = with_previous ? 3 : 1;
    m_seen_high = 0;
    m_bad_sequence = k_no_bad_sequence;
    m_received += with_previous ? 2 : 1;
}

void StreamStats::account_sequence(std::uint16_t sequence) {
    const auto distance = static_cast<std::uint16_t>(sequence - m_max_sequence);
    if (m_probation > 0)
        m_probation = static_cast<std::uint8_t>(distance == 1 ? m_probation - 1 : k_min_sequential - 1);
    if (distance == 0) {
        ++m_duplicates;
        ++m_received;
    } else if (distance < k_max_dropout) {
        advance(sequence, distance);
    } else if (distance <= k_sequence_modulus - k_max_misorder) {
        jump(sequence);
    } else {
        behind(static_cast<std::uint16_t>(k_sequence_modulus - distance));
    }
}

void StreamStats::advance(std::uint16_t sequence, std::uint16_t distance) {
    if (sequence < m_max_sequence) m_cycles += k_sequence_modulus;
    if (distance >= 128) {
        m_seen_low = m_seen_high = 0;
    } else if (distance >= 64) {
        m_seen_high = m_seen_low << (distance - 64);
        m_seen_low = 0;
    } else {
        m_seen_high = (m_seen_high << distance) | (m_seen_low >> (64 - distance));
        m_seen_low <<= distance;
    }
    m_seen_low |= 1;
    m_max_sequence = sequence;
    ++m_received;
}

void StreamStats::behind(std::uint16_t distance) {
    std::uint64_t& word = distance < 64 ? m_seen_low : m_seen_high;
    const std::uint64_t bit = std::uint64_t{1} << (distance & 63);
    if (word & bit) {
        ++m_duplicates;
    } else {
        word |= bit;
        ++m_out_of_order;
    }
    ++m_received;
}

void StreamStats::jump(std::uint16_t sequence) {
    if (sequence != m_bad_sequence) {
        ++m_sequence_jumps;
        m_bad_sequence = (sequence + 1u) & (k_sequence_modulus - 1);
        return;
    }
    // Two sequential packets far from the old run: the sender restarted.
    ++m_restarts;
    m_expected_before = expected();
    start_run(sequence, true);
}

void StreamStats::update_jitter(const RtpHeader& header, std::int64_t arrival_ns, std::uint32_t clock_rate) {
    if (clock_rate != m_clock_rate) set_clock_rate(clock_rate);
    if (m_has_reference) {
        // D(i-1, i) = (R_i - R_{i-1}) - (S_i - S_{i-1}) in timestamp units.
        const auto sent = static_cast<std::int32_t>(header.timestamp - m_reference_timestamp);
        const double d =
            static_cast<double>(arrival_ns - m_reference_arrival_ns) * m_ticks_per_ns - static_cast<double>(sent);
        m_jitter += (std::fabs(d) - m_jitter) * k_jitter_gain;
    }
    m_reference_arrival_ns = arrival_ns;
    m_reference_timestamp = header.timestamp;
    m_has_reference = true;
}

// Timestamps of different clocks do not compare: the jitter and its maximum
// carry over in the new unit, the reference starts again.
void StreamStats::set_clock_rate(std::uint32_t clock_rate) {
    if (m_clock_rate != 0) {
        const double scale = static_cast<double>(clock_rate) / m_clock_rate;
        m_jitter *= scale;
        m_max_jitter *= scale;
    }
    m_clock_rate = clock_rate;
    m_ticks_per_ns = static_cast<double>(clock_rate) / 1e9;
    m_ms_per_tick = 1000.0 / clock_rate;
    m_has_reference = false;
}

}  // namespace sipwarden::rtp
