// RTCP compound packets (RFC 3550 §6, RFC 3611 XR, RFC 4585 feedback,
// RFC 5506 reduced size): a bounded walk that checks every length field
// before it is used and summarizes what the compound says.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/byte_reader.h"
#include "rtp/rtp_packet.h"

namespace sipwarden::rtp {

// The first problem met in a compound. Framing problems (too_short,
// bad_version, bad_length) end the walk; the others concern the content of
// one packet, which is skipped by its length field while the walk goes on.
// Stable string codes: to_string().
enum class RtcpStatus : std::uint8_t {
    ok,
    too_short,         // fewer than 4 bytes: no common header
    bad_version,       // version field is not 2
    bad_length,        // a length field runs past the end, or bytes too few for a header are left
    truncated_report,  // SR/RR shorter than its SSRC, sender info and report count need (length < 1 or 6)
    truncated_packet,  // SDES chunk, BYE list, APP, XR or feedback shorter than its fixed part
    bad_sdes_item,     // an SDES item runs past its packet
    bad_bye_reason,    // the BYE reason length runs past its packet
    bad_xr_block,      // an XR report block length runs past its packet
    bad_padding,       // padding count 0 or larger than the packet
    padding_not_last,  // padding on a packet that is not the last of the compound (A.2)
};

std::string_view to_string(RtcpStatus status);

// RTCP packet types (the second octet).
enum RtcpType : std::uint8_t {
    k_rtcp_fir = 192,  // RFC 2032, first of the RTCP range 192-223 (RFC 5761 §4)
    k_rtcp_sr = 200,
    k_rtcp_rr = 201,
    k_rtcp_sdes = 202,
    k_rtcp_bye = 203,
    k_rtcp_app = 204,
    k_rtcp_rtpfb = 205,  // RFC 4585 transport-layer feedback
    k_rtcp_psfb = 206,   // RFC 4585 payload-specific feedback
    k_rtcp_xr = 207,     // RFC 3611
};

struct SenderInfo {
    std::uint64_t ntp_time = 0;  // 32.32 fixed point seconds since 1900
    std::uint32_t rtp_timestamp = 0;
    std::uint32_t packet_count = 0;
    std::uint32_t octet_count = 0;
};

// What a receiver reports about one source (RFC 3550 §6.4.1).
struct ReportBlock {
    std::uint32_t ssrc = 0;                 // the source reported on
    std::uint8_t fraction_lost = 0;         // since the previous report, in 1/256
    std::int32_t cumulative_lost = 0;       // 24-bit signed: duplicates can make it negative
    std::uint32_t highest_sequence = 0;     // extended highest sequence number received
    std::uint32_t jitter = 0;               // interarrival jitter in timestamp units
    std::uint32_t last_sr = 0;              // middle 32 bits of the NTP time of the last SR
    std::uint32_t delay_since_last_sr = 0;  // in 1/65536 s
};

// RFC 3611 §4.7 VoIP metrics report block (XR block type 7).
struct VoipMetrics {
    std::uint32_t ssrc = 0;
    std::uint8_t loss_rate = 0;          // in 1/256
    std::uint8_t discard_rate = 0;       // in 1/256
    std::uint16_t round_trip_delay = 0;  // ms
    std::uint16_t end_system_delay = 0;  // ms
    std::uint8_t r_factor = 0;           // 0-100, 127 unavailable
    std::uint8_t mos_lq = 0;             // MOS x 10, 127 unavailable
    std::uint8_t mos_cq = 0;
};

// A compound's content. `cname` borrows the compound's bytes: it is valid
// only while the caller keeps that buffer.
struct RtcpSummary {
    // Report blocks kept per compound; more are counted in report_blocks_seen.
    static constexpr std::size_t k_max_report_blocks = 31;  // one full SR/RR

    std::uint32_t packets = 0;  // packets walked, with or without a problem
    std::uint32_t sender_reports = 0, receiver_reports = 0, source_descriptions = 0, byes = 0, apps = 0,
                  extended_reports = 0, feedback = 0, other = 0;
    bool has_sender_ssrc = false;
    std::uint32_t sender_ssrc = 0;  // SSRC of the first SR or RR
    bool has_sender_info = false;
    SenderInfo sender_info;  // of the first SR
    std::array<ReportBlock, k_max_report_blocks> report_blocks{};
    std::uint32_t report_block_count = 0;  // kept in report_blocks
    std::uint32_t report_blocks_seen = 0;  // in the whole compound
    std::string_view cname;                // first CNAME item
    std::uint32_t xr_blocks = 0;
    bool has_voip_metrics = false;
    VoipMetrics voip_metrics;   // first XR VoIP metrics block
    bool reduced_size = false;  // first packet is not SR or RR (RFC 5506; RFC 3550 A.2 requires one)
    bool complete = false;      // the walk reached the end of the compound
    RtcpStatus first_problem = RtcpStatus::ok;
    std::size_t problem_offset = 0;  // byte offset of the packet with the first problem
};

// Walks a compound RTCP packet (one UDP payload) and summarizes it; returns
// summary.first_problem. What was read before a problem stays in `out`.
RtcpStatus parse_rtcp(core::Bytes compound, RtcpSummary& out);

// Heuristic for a UDP payload on a port no signalling announced, and the
// RTP/RTCP demultiplexing test of RFC 5761 §4 on a muxed flow: version 2, a
// first packet type of 192-207 (FIR to XR; an RTP packet can only collide
// with marker set and payload type 64-79, of which 72-76 are excluded from
// RTP and the rest unassigned), a length that fits the payload, and for SR
// and RR room for the report count. Only the first packet is checked, so
// SRTCP (whose later packets are encrypted) passes too; parse_rtcp checks
// the rest. Random bytes pass about 7 times in a million at 160 bytes.
bool looks_like_rtcp(core::Bytes payload);
bool looks_like_rtcp(const DatagramHead& datagram);

// Whether the packets of a compound RTCP packet, as far as its head holds
// them, include a BYE (RFC 3550 §6.6): the source says it is leaving, as
// endpoints do right after a call's SIP BYE.
bool rtcp_says_goodbye(const DatagramHead& datagram);

}  // namespace sipwarden::rtp
