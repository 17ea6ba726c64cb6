// Per-stream RTP statistics (one SSRC on one flow) after RFC 3550: packets,
// payload bytes, loss with extended sequence numbers (A.1, A.3),
// duplicates, reordering, restarts, interarrival jitter (A.8) and gaps.
// O(1) per packet and no allocation: the monitor calls add() for every RTP
// packet of every call.
#pragma once

#include <bit>
#include <cstdint>

#include "core/timestamp.h"
#include "rtp/rtp_packet.h"

namespace sipwarden::rtp {

// A set of RTP payload types (0-127).
class PayloadTypeSet {
public:
    void insert(std::uint8_t payload_type) {
        const std::uint64_t bit = std::uint64_t{1} << (payload_type & 63);
        (payload_type & 64 ? m_high : m_low) |= bit;
    }
    bool contains(std::uint8_t payload_type) const {
        if (payload_type > 127) return false;
        return ((payload_type & 64 ? m_high : m_low) >> (payload_type & 63)) & 1;
    }
    int size() const { return std::popcount(m_low) + std::popcount(m_high); }
    bool empty() const { return (m_low | m_high) == 0; }
    friend bool operator==(const PayloadTypeSet&, const PayloadTypeSet&) = default;

private:
    std::uint64_t m_low = 0;   // types 0-63
    std::uint64_t m_high = 0;  // types 64-127
};

class StreamStats {
public:
    // RFC 3550 A.1: a jump of fewer than k_max_dropout sequence numbers ahead
    // is a gap (the missing ones count as lost); fewer than k_max_misorder
    // behind is a late or duplicate packet; anything else is a jump that
    // becomes a restart when the next packet follows it in sequence.
    static constexpr std::uint16_t k_max_dropout = 3000;
    static constexpr std::uint16_t k_max_misorder = 100;
    // Sequential packets before a source is valid (A.1 probation).
    static constexpr std::uint8_t k_min_sequential = 2;

    // Accounts one packet that parse_rtp() accepted, in arrival order.
    // `clock_rate` is the RTP clock of its payload type in Hz (static table or
    // SDP rtpmap); 0 leaves the packet out of the jitter, e.g. an unknown
    // dynamic type or telephone-event, whose timestamps stay at the start of
    // the event (RFC 4733 §2.3). A packet with another SSRC than the stream's
    // makes it a new source: ssrc_changes() counts it, and sequence, probation
    // and jitter start again from it while the totals carry on.
    void add(const RtpHeader& header, core::Timestamp arrival, std::uint32_t clock_rate);

    std::uint64_t packets() const { return m_packets; }
    std::uint64_t bytes() const { return m_bytes; }  // payload bytes, without header and padding
    std::uint32_t ssrc() const { return m_ssrc; }    // of the latest packet
    std::uint32_t ssrc_changes() const { return m_ssrc_changes; }
    core::Timestamp first() const { return m_first; }
    core::Timestamp last() const { return m_last; }
    const PayloadTypeSet& payload_types() const { return m_payload_types; }
    std::uint8_t last_payload_type() const { return m_last_payload_type; }

    // The source passed A.1 probation: k_min_sequential packets in sequence
    // since it started (or since the last SSRC change).
    bool valid() const { return m_packets > 0 && m_probation == 0; }

    // RFC 3550 A.3, summed over the runs of sequence numbers between
    // restarts: expected = extended highest - base + 1 per run. Unlike A.1,
    // the packets seen during probation are counted, so loss right after the
    // start is not hidden.
    std::uint64_t expected() const;
    // expected() - received, where received counts duplicates as A.1 does:
    // negative when duplicates outnumber losses. The sequence numbers never
    // seen are lost() + duplicates().
    std::int64_t lost() const { return static_cast<std::int64_t>(expected()) - static_cast<std::int64_t>(m_received); }
    // Extended highest sequence number of the current run (cycles << 16 | max).
    std::uint32_t extended_highest_sequence() const { return m_cycles + m_max_sequence; }
    // A sequence number seen before, among the k_max_misorder behind the highest.
    std::uint64_t duplicates() const { return m_duplicates; }
    // A sequence number behind the highest, not seen before (late, reordered).
    std::uint64_t out_of_order() const { return m_out_of_order; }
    // Packets that jumped too far ahead or behind (A.1 "very large jump"); they
    // are not counted as received unless the next packet confirms a restart.
    std::uint64_t sequence_jumps() const { return m_sequence_jumps; }
    // Jumps confirmed by a following sequential packet: the sender restarted.
    std::uint64_t restarts() const { return m_restarts; }

    // Interarrival jitter, RFC 3550 A.8 (J += (|D| - J) / 16), in timestamp
    // units of the latest clock rate, and in milliseconds.
    double jitter() const { return m_jitter; }
    double jitter_ms() const { return m_jitter * m_ms_per_tick; }
    // Largest jitter_ms() and largest arrival gap, taken over the packets that
    // are not the first, not a talkspurt start (marker), not comfort noise or
    // right after it, and whose timestamp does not go back: the same packets
    // Wireshark's RTP stream analysis uses, so the figures compare.
    double max_jitter_ms() const { return m_max_jitter * m_ms_per_tick; }
    double max_delta_ms() const { return static_cast<double>(m_max_delta_ns) / 1e6; }
    std::uint32_t clock_rate() const { return m_clock_rate; }  // latest non-zero

private:
    void start_source(const RtpHeader& header);
    void start_run(std::uint16_t highest, bool with_previous);
    void account_sequence(std::uint16_t sequence);
    void advance(std::uint16_t sequence, std::uint16_t distance);
    void behind(std::uint16_t distance);
    void jump(std::uint16_t sequence);
    void update_jitter(const RtpHeader& header, std::int64_t arrival_ns, std::uint32_t clock_rate);
    void set_clock_rate(std::uint32_t clock_rate);

    std::uint64_t m_packets = 0;
    std::uint64_t m_bytes = 0;
    core::Timestamp m_first, m_last;
    PayloadTypeSet m_payload_types;
    std::uint32_t m_ssrc = 0;
    std::uint32_t m_ssrc_changes = 0;

    // Sequence accounting (A.1): the current run, and the runs before it.
    std::int64_t m_base = 0;     // extended first sequence number of the run (may be -1)
    std::uint32_t m_cycles = 0;  // wraps of the run, times 65536
    std::uint16_t m_max_sequence = 0;
    std::uint32_t m_bad_sequence = k_no_bad_sequence;  // the number that would confirm a jump
    std::uint64_t m_expected_before = 0;               // expected() of finished runs
    std::uint64_t m_received = 0;                      // all runs, duplicates included
    // Bit i: sequence number m_max_sequence - i was seen (i < 128).
    std::uint64_t m_seen_low = 0, m_seen_high = 0;
    std::uint32_t m_duplicates = 0, m_out_of_order = 0, m_sequence_jumps = 0, m_restarts = 0;
    std::uint8_t m_probation = 0;
    std::uint8_t m_last_payload_type = 0;
    bool m_has_reference = false;  // a previous packet with a clock rate (jitter reference)

    // Jitter (A.8) and gaps.
    std::uint32_t m_clock_rate = 0;
    std::uint32_t m_reference_timestamp = 0;  // RTP timestamp of the jitter reference
    std::uint32_t m_sequence_timestamp = 0;   // latest timestamp that did not go back
    std::int64_t m_reference_arrival_ns = 0;
    double m_ticks_per_ns = 0;
    double m_ms_per_tick = 0;
    double m_jitter = 0;
    double m_max_jitter = 0;  // in timestamp units, like m_jitter
    std::int64_t m_max_delta_ns = 0;

    static constexpr std::uint32_t k_no_bad_sequence = 0x10001;  // matches no 16-bit number
};

}  // namespace sipwarden::rtp
