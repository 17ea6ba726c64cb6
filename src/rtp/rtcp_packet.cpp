// The RTCP compound walk; see rtcp_packet.h. Every packet is cut out of the
// compound by its length field first, and its content is read through its
// own ByteReader, so no read can leave the packet it belongs to.
#include "rtp/rtcp_packet.h"

namespace sipwarden::rtp {

namespace {

constexpr std::uint8_t k_version = 2;
constexpr std::size_t k_header_bytes = 4;
constexpr std::size_t k_minimum_compound_bytes = 8;  // an RR without blocks
constexpr std::size_t k_sender_info_bytes = 20;
constexpr std::size_t k_report_block_bytes = 24;
constexpr std::uint8_t k_sdes_end = 0;
constexpr std::uint8_t k_sdes_cname = 1;
constexpr std::uint8_t k_xr_voip_metrics = 7;
constexpr std::uint16_t k_voip_metrics_words = 8;
constexpr std::uint8_t k_last_heuristic_type = k_rtcp_xr;

struct PacketHeader {
    bool padding = false;
    std::uint8_t count = 0;  // RC or SC: the five bits after P
    std::uint8_t type = 0;
    std::uint16_t length = 0;  // in 32-bit words minus one
};

bool read_header(core::ByteReader& reader, PacketHeader& out, std::uint8_t& version) {
    std::uint8_t first = 0;
    if (!reader.u8(first) || !reader.u8(out.type) || !reader.be16(out.length)) return false;
    version = first >> 6;
    out.padding = (first & 0x20) != 0;
    out.count = first & 0x1f;
    return true;
}

void note(RtcpSummary& out, RtcpStatus status, std::size_t offset) {
    if (out.first_problem != RtcpStatus::ok) return;
    out.first_problem = status;
    out.problem_offset = offset;
}

// A framing problem: the walk cannot go on.
RtcpStatus stop(RtcpSummary& out, RtcpStatus status, std::size_t offset) {
    note(out, status, offset);
    return out.first_problem;
}

bool read_report_block(core::ByteReader& reader, ReportBlock& out) {
    std::uint8_t lost_high = 0;
    std::uint16_t lost_low = 0;
    if (!reader.be32(out.ssrc) || !reader.u8(out.fraction_lost) || !reader.u8(lost_high) || !reader.be16(lost_low))
        return false;
    // 24-bit two's complement.
    const std::uint32_t raw = (std::uint32_t{lost_high} << 16) | lost_low;
    out.cumulative_lost = static_cast<std::int32_t>(raw & 0x800000 ? raw | 0xff000000u : raw);
    return reader.be32(out.highest_sequence) && reader.be32(out.jitter) && reader.be32(out.last_sr) &&
           reader.be32(out.delay_since_last_sr);
}

bool read_sender_info(core::ByteReader& reader, SenderInfo& out) {
    std::uint32_t seconds = 0, fraction = 0;
    if (!reader.be32(seconds) || !reader.be32(fraction)) return false;
    out.ntp_time = (std::uint64_t{seconds} << 32) | fraction;
    return reader.be32(out.rtp_timestamp) && reader.be32(out.packet_count) && reader.be32(out.octet_count);
}

// SR and RR: sender SSRC, sender info (SR), `count` report blocks.
RtcpStatus read_report(core::Bytes body, const PacketHeader& header, RtcpSummary& out) {
    const bool sender = header.type == k_rtcp_sr;
    const std::size_t need = 4 + (sender ? k_sender_info_bytes : 0) + header.count * k_report_block_bytes;
    if (body.size() < need) return RtcpStatus::truncated_report;
    core::ByteReader reader(body);
    std::uint32_t ssrc = 0;
    reader.be32(ssrc);
    if (!out.has_sender_ssrc) {
        out.has_sender_ssrc = true;
        out.sender_ssrc = ssrc;
    }
    SenderInfo info;
    if (sender && read_sender_info(reader, info) && !out.has_sender_info) {
        out.has_sender_info = true;
        out.sender_info = info;
    }
    for (std::uint8_t i = 0; i < header.count; ++i) {
        ReportBlock block;
        read_report_block(reader, block);
        ++out.report_blocks_seen;
        if (out.report_block_count < RtcpSummary::k_max_report_blocks)
            out.report_blocks[out.report_block_count++] = block;
    }
    return RtcpStatus::ok;
}

// One SDES chunk: SSRC, items until a null octet, padding to 32 bits.
RtcpStatus read_sdes_chunk(core::ByteReader& reader, RtcpSummary& out) {
    std::uint32_t ssrc = 0;
    if (!reader.be32(ssrc)) return RtcpStatus::truncated_packet;
    std::uint8_t type = 0, length = 0;
    while (reader.u8(type) && type != k_sdes_end) {
        core::Bytes text;
        if (!reader.u8(length) || !reader.bytes(length, text)) return RtcpStatus::bad_sdes_item;
        if (type == k_sdes_cname && out.cname.empty()) out.cname = core::as_text(text);
    }
    if (reader.failed()) return RtcpStatus::bad_sdes_item;  // no null octet before the end
    reader.skip((4 - reader.offset() % 4) % 4);
    return reader.failed() ? RtcpStatus::bad_sdes_item : RtcpStatus::ok;
}

RtcpStatus read_sdes(core::Bytes body, const PacketHeader& header, RtcpSummary& out) {
    core::ByteReader reader(body);
    for (std::uint8_t i = 0; i < header.count; ++i) {
        if (const auto status = read_sdes_chunk(reader, out); status != RtcpStatus::ok) return status;
    }
    return RtcpStatus::ok;
}

// BYE: `count` SSRCs, then an optional reason (length octet + text).
RtcpStatus read_bye(core::Bytes body, const PacketHeader& header) {
    core::ByteReader reader(body);
    if (!reader.skip(std::size_t{header.count} * 4)) return RtcpStatus::truncated_packet;
    std::uint8_t length = 0;
    if (reader.u8(length) && !reader.skip(length)) return RtcpStatus::bad_bye_reason;
    return RtcpStatus::ok;
}

void read_voip_metrics(core::ByteReader reader, RtcpSummary& out) {
    VoipMetrics& m = out.voip_metrics;
    std::uint8_t skipped = 0;
    reader.be32(m.ssrc);
    reader.u8(m.loss_rate);
    reader.u8(m.discard_rate);
    reader.skip(6);  // burst and gap density and duration
    reader.be16(m.round_trip_delay);
    reader.be16(m.end_system_delay);
    reader.skip(4);  // signal and noise level, RERL, Gmin
    reader.u8(m.r_factor);
    reader.u8(skipped);  // external R factor
    reader.u8(m.mos_lq);
    reader.u8(m.mos_cq);
    out.has_voip_metrics = !reader.failed();
}

// XR: sender SSRC, then report blocks of (type, type-specific, length in
// 32-bit words after the block header).
RtcpStatus read_xr(core::Bytes body, RtcpSummary& out) {
    core::ByteReader reader(body);
    std::uint32_t ssrc = 0;
    if (!reader.be32(ssrc)) return RtcpStatus::truncated_packet;
    while (!reader.empty()) {
        std::uint8_t type = 0, specific = 0;
        std::uint16_t words = 0;
        core::Bytes block;
        if (!reader.u8(type) || !reader.u8(specific) || !reader.be16(words) ||
            !reader.bytes(std::size_t{words} * 4, block))
            return RtcpStatus::bad_xr_block;
        ++out.xr_blocks;
        if (type == k_xr_voip_metrics && words == k_voip_metrics_words && !out.has_voip_metrics)
            read_voip_metrics(core::ByteReader(block), out);
    }
    return RtcpStatus::ok;
}

// A packet's content, by type; counts it.
RtcpStatus read_packet(core::Bytes body, const PacketHeader& header, RtcpSummary& out) {
    switch (header.type) {
        case k_rtcp_sr: ++out.sender_reports; return read_report(body, header, out);
        case k_rtcp_rr: ++out.receiver_reports; return read_report(body, header, out);
        case k_rtcp_sdes: ++out.source_descriptions; return read_sdes(body, header, out);
        case k_rtcp_bye: ++out.byes; return read_bye(body, header);
        case k_rtcp_app: ++out.apps; return body.size() < 8 ? RtcpStatus::truncated_packet : RtcpStatus::ok;
        case k_rtcp_xr: ++out.extended_reports; return read_xr(body, out);
        case k_rtcp_rtpfb:
        case k_rtcp_psfb: ++out.feedback; return body.size() < 8 ? RtcpStatus::truncated_packet : RtcpStatus::ok;
        default: ++out.other; return RtcpStatus::ok;
    }
}

// Removes the padding a packet announces; false when the count is invalid.
bool strip_padding(core::Bytes& body) {
    if (body.empty()) return false;
    const std::uint8_t count = body.back();
    if (count == 0 || count > body.size()) return false;
    body = body.first(body.size() - count);
    return true;
}

}  // namespace

std::string_view to_string(RtcpStatus status) {
    switch (status) {
        case RtcpStatus::ok: return "ok";
        case RtcpStatus::too_short: return "rtcp.too_short";
        case RtcpStatus::bad_version: return "rtcp.bad_version";
        case RtcpStatus::bad_length: return "rtcp.bad_length";
        case RtcpStatus::truncated_report: return "rtcp.truncated_report";
        case RtcpStatus::truncated_packet: return "rtcp.truncated_packet";
        case RtcpStatus::bad_sdes_item: return "rtcp.bad_sdes_item";
        case RtcpStatus::bad_bye_reason: return "rtcp.bad_bye_reason";
        case RtcpStatus::bad_xr_block: return "rtcp.bad_xr_block";
        case RtcpStatus::bad_padding: return "rtcp.bad_padding";
        case RtcpStatus::padding_not_last: return "rtcp.padding_not_last";
    }
    return "rtcp.unknown";
}

RtcpStatus parse_rtcp(core::Bytes compound, RtcpSummary& out) {
    out = RtcpSummary{};
    core::ByteReader reader(compound);
    if (compound.size() < k_header_bytes) return stop(out, RtcpStatus::too_short, 0);
    while (!reader.empty()) {
        const std::size_t offset = reader.offset();
        PacketHeader header;
        std::uint8_t version = 0;
        core::Bytes body;
        if (!read_header(reader, header, version)) return stop(out, RtcpStatus::bad_length, offset);
        if (version != k_version) return stop(out, RtcpStatus::bad_version, offset);
        if (!reader.bytes(std::size_t{header.length} * 4, body)) return stop(out, RtcpStatus::bad_length, offset);
        if (++out.packets == 1) out.reduced_size = header.type != k_rtcp_sr && header.type != k_rtcp_rr;
        if (header.padding && !reader.empty()) note(out, RtcpStatus::padding_not_last, offset);
        if (header.padding && !strip_padding(body)) {
            note(out, RtcpStatus::bad_padding, offset);
            continue;
        }
        if (const auto status = read_packet(body, header, out); status != RtcpStatus::ok) note(out, status, offset);
    }
    out.complete = true;
    return out.first_problem;
}

bool looks_like_rtcp(core::Bytes payload) { return looks_like_rtcp(DatagramHead::of(payload)); }

bool looks_like_rtcp(const DatagramHead& datagram) {
    if (datagram.size < k_minimum_compound_bytes || datagram.head.size() < k_minimum_compound_bytes) return false;
    core::ByteReader reader(datagram.head);
    PacketHeader header;
    std::uint8_t version = 0;
    read_header(reader, header, version);
    if (version != k_version || header.type < k_rtcp_fir || header.type > k_last_heuristic_type) return false;
    const std::size_t body = std::size_t{header.length} * 4;
    if (body > datagram.size - reader.offset()) return false;
    if (header.type == k_rtcp_sr) return body >= 4 + k_sender_info_bytes + header.count * k_report_block_bytes;
    if (header.type == k_rtcp_rr) return body >= 4 + header.count * k_report_block_bytes;
    return true;
}

bool rtcp_says_goodbye(const DatagramHead& datagram) {
    core::ByteReader reader(datagram.head);
    PacketHeader header;
    std::uint8_t version = 0;
    // Packet by packet while a whole header is at hand.
    while (read_header(reader, header, version) && version == k_version) {
        if (header.type == k_rtcp_bye) return true;
        if (!reader.skip(std::size_t{header.length} * 4)) return false;
    }
    return false;
}

}  // namespace sipwarden::rtp
