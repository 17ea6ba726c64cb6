// RTCP compound walk: every packet type and summary field, every status,
// the CVE shapes (length field < 2, lengths past the end, XR block and BYE
// reason past the packet) and a compound of many packets.
#include "rtp/rtcp_packet.h"

#include <gtest/gtest.h>

#include <set>

#include "rtp/rtp_test_support.h"

namespace sipwarden::rtp {
namespace {

using testing::empty_rr;
using testing::report_block;
using testing::rtcp_header;
using testing::Wire;

constexpr std::uint32_t k_sender = 0x0a0b0c0d;
constexpr std::uint32_t k_source = 0x01020304;

Wire sender_report(std::uint8_t blocks) {
    auto w = rtcp_header(k_rtcp_sr, blocks, static_cast<std::uint16_t>(6 + 6 * blocks));
    w.be32(k_sender).be32(0xe0000001).be32(0x80000000).be32(160000).be32(1000).be32(160000);
    for (std::uint8_t i = 0; i < blocks; ++i) w.append(report_block(k_source + i, 64, 0xfffffe, 0x00015000u + i, 37));
    return w;
}

// SDES with one chunk: SSRC, CNAME "alice@192.0.2.1" (15 bytes), END, pad.
Wire sdes_cname() {
    auto w = rtcp_header(k_rtcp_sdes, 1, 6);
    return w.be32(k_sender).u8(1).u8(15).text("alice@192.0.2.1").u8(0).fill(2, 0);
}

RtcpStatus parse(const Wire& wire, RtcpSummary& out) { return parse_rtcp(wire.view(), out); }

Wire bye(std::uint32_t ssrc) { return rtcp_header(k_rtcp_bye, 1, 1).be32(ssrc); }

// What a two-thread pipeline keeps of the datagram.
DatagramHead kept(const Wire& wire) {
    auto datagram = DatagramHead::of(wire.view());
    datagram.head = datagram.head.first(DatagramHead::head_size(datagram.head));
    return datagram;
}

TEST(RtcpSaysGoodbye, FindsByeAnywhereInTheCompound) {
    auto rr_bye = empty_rr(k_sender);
    rr_bye.append(sdes_cname()).append(bye(k_sender));  // RFC 3550: RR, SDES, then BYE
    auto bye_first = bye(k_sender);
    bye_first.append(sdes_cname());  // as baresip sends it
    auto rr_sdes = empty_rr(k_sender);
    rr_sdes.append(sdes_cname());
    for (const auto& [wire, expected] : {std::pair{rr_bye, true}, std::pair{bye_first, true}, std::pair{rr_sdes, false},
                                         std::pair{sender_report(1), false}}) {
        EXPECT_EQ(rtcp_says_goodbye(DatagramHead::of(wire.view())), expected);
        EXPECT_EQ(rtcp_says_goodbye(kept(wire)), expected) << "within the kept head";
    }
    // A length running past the end, a bad version, too few bytes: no BYE.
    auto past = rtcp_header(k_rtcp_rr, 0, 200);
    past.be32(k_sender);
    EXPECT_FALSE(rtcp_says_goodbye(DatagramHead::of(past.view())));
    auto bad = empty_rr(k_sender);
    bad.append(bye(k_sender));
    std::vector<std::uint8_t> bytes(bad.view().begin(), bad.view().end());
    bytes[8] = 0x41;  // the BYE's version is 1
    EXPECT_FALSE(rtcp_says_goodbye(DatagramHead::of(core::Bytes(bytes.data(), bytes.size()))));
    EXPECT_FALSE(rtcp_says_goodbye(DatagramHead::of(core::Bytes(bytes.data(), 3))));
}

TEST(ParseRtcp, SenderReportWithSdes) {
    auto compound = sender_report(1).append(sdes_cname());
    RtcpSummary s;
    ASSERT_EQ(parse(compound, s), RtcpStatus::ok);
    EXPECT_EQ(s.packets, 2u);
    EXPECT_EQ(s.sender_reports, 1u);
    EXPECT_EQ(s.source_descriptions, 1u);
    EXPECT_TRUE(s.has_sender_ssrc);
    EXPECT_EQ(s.sender_ssrc, k_sender);
    ASSERT_TRUE(s.has_sender_info);
    EXPECT_EQ(s.sender_info.ntp_time, 0xe000000180000000u);
    EXPECT_EQ(s.sender_info.rtp_timestamp, 160000u);
    EXPECT_EQ(s.sender_info.packet_count, 1000u);
    EXPECT_EQ(s.sender_info.octet_count, 160000u);
    ASSERT_EQ(s.report_block_count, 1u);
    EXPECT_EQ(s.report_blocks_seen, 1u);
    const ReportBlock& b = s.report_blocks[0];
    EXPECT_EQ(b.ssrc, k_source);
    EXPECT_EQ(b.fraction_lost, 64);
    EXPECT_EQ(b.cumulative_lost, -2);  // 0xfffffe as 24-bit two's complement
    EXPECT_EQ(b.highest_sequence, 0x00015000u);
    EXPECT_EQ(b.jitter, 37u);
    EXPECT_EQ(b.last_sr, 0x12345678u);
    EXPECT_EQ(b.delay_since_last_sr, 0x00010000u);
    EXPECT_EQ(s.cname, "alice@192.0.2.1");
    EXPECT_FALSE(s.reduced_size);
    EXPECT_TRUE(s.complete);
    EXPECT_EQ(s.first_problem, RtcpStatus::ok);
}

TEST(ParseRtcp, PositiveCumulativeLost) {
    auto rr = rtcp_header(k_rtcp_rr, 1, 7).be32(k_sender).append(report_block(k_source, 0, 0x7fffff, 1, 0));
    RtcpSummary s;
    ASSERT_EQ(parse(rr, s), RtcpStatus::ok);
    EXPECT_EQ(s.receiver_reports, 1u);
    EXPECT_FALSE(s.has_sender_info);
    EXPECT_EQ(s.report_blocks[0].cumulative_lost, 0x7fffff);
}

TEST(ParseRtcp, EveryPacketTypeIsCounted) {
    Wire compound = empty_rr(k_sender);
    compound.append(rtcp_header(k_rtcp_bye, 1, 3).be32(k_sender).u8(6).text("hangup").u8(0));
    compound.append(rtcp_header(k_rtcp_app, 3, 2).be32(k_sender).text("QOS1"));
    compound.append(rtcp_header(k_rtcp_rtpfb, 1, 3).be32(k_sender).be32(k_source).be16(7).be16(0));    // NACK
    compound.append(rtcp_header(k_rtcp_psfb, 1, 2).be32(k_sender).be32(k_source));                     // PLI
    compound.append(rtcp_header(k_rtcp_xr, 0, 4).be32(k_sender).u8(4).u8(0).be16(2).be32(0).be32(0));  // RRT
    compound.append(rtcp_header(210, 0, 1).be32(0));                                                   // TOKEN
    RtcpSummary s;
    ASSERT_EQ(parse(compound, s), RtcpStatus::ok);
    EXPECT_EQ(s.packets, 7u);
    EXPECT_EQ(s.receiver_reports, 1u);
    EXPECT_EQ(s.byes, 1u);
    EXPECT_EQ(s.apps, 1u);
    EXPECT_EQ(s.feedback, 2u);
    EXPECT_EQ(s.extended_reports, 1u);
    EXPECT_EQ(s.xr_blocks, 1u);
    EXPECT_EQ(s.other, 1u);
    EXPECT_EQ(s.report_block_count, 0u);
    EXPECT_TRUE(s.complete);
}

TEST(ParseRtcp, XrVoipMetrics) {
    auto xr = rtcp_header(k_rtcp_xr, 0, 10).be32(k_sender);
    xr.u8(7).u8(0).be16(8).be32(k_source);
    xr.u8(12).u8(3).u8(0).u8(0).be16(0).be16(0);  // loss, discard, burst/gap density and duration
    xr.be16(150).be16(60);                        // round trip, end system delay
    xr.u8(0x7f).u8(0x7f).u8(0x7f).u8(0x7f);       // levels, RERL, Gmin
    xr.u8(80).u8(127).u8(41).u8(39);              // R, external R, MOS-LQ, MOS-CQ
    xr.be32(0).be32(0);                           // RX config, JB
    RtcpSummary s;
    ASSERT_EQ(parse(xr, s), RtcpStatus::ok);
    ASSERT_TRUE(s.has_voip_metrics);
    EXPECT_EQ(s.voip_metrics.ssrc, k_source);
    EXPECT_EQ(s.voip_metrics.loss_rate, 12);
    EXPECT_EQ(s.voip_metrics.discard_rate, 3);
    EXPECT_EQ(s.voip_metrics.round_trip_delay, 150);
    EXPECT_EQ(s.voip_metrics.end_system_delay, 60);
    EXPECT_EQ(s.voip_metrics.r_factor, 80);
    EXPECT_EQ(s.voip_metrics.mos_lq, 41);
    EXPECT_EQ(s.voip_metrics.mos_cq, 39);
    EXPECT_TRUE(s.reduced_size);
}

TEST(ParseRtcp, ReducedSizeFeedbackAlone) {
    auto pli = rtcp_header(k_rtcp_psfb, 1, 2).be32(k_sender).be32(k_source);
    RtcpSummary s;
    EXPECT_EQ(parse(pli, s), RtcpStatus::ok);
    EXPECT_TRUE(s.reduced_size);
    EXPECT_FALSE(s.has_sender_ssrc);
}

TEST(ParseRtcp, PaddingOnTheLastPacket) {
    auto compound = empty_rr(k_sender).append(rtcp_header(k_rtcp_bye, 1, 2, true).be32(k_sender).be32(4));
    RtcpSummary s;
    EXPECT_EQ(parse(compound, s), RtcpStatus::ok);
    EXPECT_EQ(s.byes, 1u);
}

TEST(ParseRtcp, TooShort) {
    RtcpSummary s;
    EXPECT_EQ(parse(Wire(), s), RtcpStatus::too_short);
    EXPECT_EQ(parse(Wire().u8(0x80).u8(201).u8(0), s), RtcpStatus::too_short);
    EXPECT_EQ(s.packets, 0u);
    EXPECT_FALSE(s.complete);
}

TEST(ParseRtcp, BadVersion) {
    RtcpSummary s;
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 1, false, 1).be32(1), s), RtcpStatus::bad_version);
    // A bad second packet keeps the first.
    auto compound = sender_report(1).append(rtcp_header(k_rtcp_sdes, 0, 0, false, 3));
    EXPECT_EQ(parse(compound, s), RtcpStatus::bad_version);
    EXPECT_EQ(s.problem_offset, 52u);
    EXPECT_EQ(s.sender_reports, 1u);
    EXPECT_EQ(s.report_block_count, 1u);
    EXPECT_FALSE(s.complete);
}

// pjproject CVE-2022-21722 shapes: the length field.
TEST(ParseRtcp, LengthPastTheEnd) {
    RtcpSummary s;
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 2).be32(1), s), RtcpStatus::bad_length);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 0xffff).be32(1), s), RtcpStatus::bad_length);
    EXPECT_EQ(s.packets, 0u);
}

TEST(ParseRtcp, CompoundPastTheEnd) {
    // The second packet's length runs past the datagram.
    auto compound = empty_rr(k_sender).append(rtcp_header(k_rtcp_sdes, 1, 9).be32(k_sender).u8(0).fill(3, 0));
    RtcpSummary s;
    EXPECT_EQ(parse(compound, s), RtcpStatus::bad_length);
    EXPECT_EQ(s.problem_offset, 8u);
    EXPECT_EQ(s.receiver_reports, 1u);
    EXPECT_EQ(s.sender_ssrc, k_sender);
}

TEST(ParseRtcp, TrailingBytesShorterThanAHeader) {
    auto compound = empty_rr(k_sender).u8(0x80).u8(0xc8).u8(0);
    RtcpSummary s;
    EXPECT_EQ(parse(compound, s), RtcpStatus::bad_length);
    EXPECT_EQ(s.problem_offset, 8u);
    EXPECT_EQ(s.packets, 1u);
}

TEST(ParseRtcp, LengthFieldTooSmallForTheReport) {
    RtcpSummary s;
    // SR with length 0 and 1 (< 6 words of SSRC and sender info): nothing is read past the packet.
    EXPECT_EQ(parse(rtcp_header(k_rtcp_sr, 0, 0), s), RtcpStatus::truncated_report);
    EXPECT_FALSE(s.has_sender_ssrc);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_sr, 0, 1).be32(k_sender), s), RtcpStatus::truncated_report);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 0), s), RtcpStatus::truncated_report);
    // The report count needs more blocks than the length holds.
    auto rr = rtcp_header(k_rtcp_rr, 2, 7).be32(k_sender).append(report_block(k_source, 0, 0, 0, 0));
    EXPECT_EQ(parse(rr, s), RtcpStatus::truncated_report);
    EXPECT_EQ(s.report_block_count, 0u);
    // A truncated report is skipped by its length; the walk goes on.
    rr.append(sdes_cname());
    EXPECT_EQ(parse(rr, s), RtcpStatus::truncated_report);
    EXPECT_EQ(s.cname, "alice@192.0.2.1");
    EXPECT_TRUE(s.complete);
}

TEST(ParseRtcp, LengthFieldBelowTwoForAppAndFeedback) {
    RtcpSummary s;
    EXPECT_EQ(parse(rtcp_header(k_rtcp_app, 0, 1).be32(k_sender), s), RtcpStatus::truncated_packet);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rtpfb, 1, 1).be32(k_sender), s), RtcpStatus::truncated_packet);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_psfb, 1, 0), s), RtcpStatus::truncated_packet);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_xr, 0, 0), s), RtcpStatus::truncated_packet);
}

TEST(ParseRtcp, SdesChunksPastThePacket) {
    RtcpSummary s;
    // Two chunks announced, one present.
    auto two = rtcp_header(k_rtcp_sdes, 2, 2).be32(k_sender).u8(0).fill(3, 0);
    EXPECT_EQ(parse(two, s), RtcpStatus::truncated_packet);
    // An item length past the packet.
    auto item = rtcp_header(k_rtcp_sdes, 1, 2).be32(k_sender).u8(1).u8(200).u8('a').u8('b');
    EXPECT_EQ(parse(item, s), RtcpStatus::bad_sdes_item);
    EXPECT_TRUE(s.cname.empty());
    // No null octet before the end of the packet.
    auto endless = rtcp_header(k_rtcp_sdes, 1, 2).be32(k_sender).u8(1).u8(2).u8('a').u8('b');
    EXPECT_EQ(parse(endless, s), RtcpStatus::bad_sdes_item);
}

TEST(ParseRtcp, ByeReasonPastThePacket) {
    RtcpSummary s;
    auto bye = rtcp_header(k_rtcp_bye, 1, 2).be32(k_sender).u8(200).text("bye");
    EXPECT_EQ(parse(bye, s), RtcpStatus::bad_bye_reason);
    EXPECT_EQ(s.byes, 1u);
    auto many = rtcp_header(k_rtcp_bye, 31, 1).be32(k_sender);  // 31 SSRCs announced, 1 present
    EXPECT_EQ(parse(many, s), RtcpStatus::truncated_packet);
}

// sngrep CVE-2024-35434 follow-up (d63c293): XR block length past the payload.
TEST(ParseRtcp, XrBlockLengthPastThePacket) {
    RtcpSummary s;
    auto xr = rtcp_header(k_rtcp_xr, 0, 3).be32(k_sender).u8(7).u8(0).be16(8).be32(k_source);
    EXPECT_EQ(parse(xr, s), RtcpStatus::bad_xr_block);
    EXPECT_FALSE(s.has_voip_metrics);
    // Padding leaves half a block header.
    auto half_header = rtcp_header(k_rtcp_xr, 0, 2, true).be32(k_sender).u8(7).u8(0).u8(0).u8(2);
    EXPECT_EQ(parse(half_header, s), RtcpStatus::bad_xr_block);
    // A block of length 0 and one of one word fit exactly.
    auto exact = rtcp_header(k_rtcp_xr, 0, 4).be32(k_sender).u8(8).u8(0).be16(0).u8(9).u8(0).be16(1).be32(0);
    EXPECT_EQ(parse(exact, s), RtcpStatus::ok);
    EXPECT_EQ(s.xr_blocks, 2u);
}

TEST(ParseRtcp, BadPadding) {
    RtcpSummary s;
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 1, true).be32(0x00000000), s), RtcpStatus::bad_padding);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 1, true).be32(0x00000009), s), RtcpStatus::bad_padding);
    EXPECT_EQ(parse(rtcp_header(k_rtcp_rr, 0, 0, true), s), RtcpStatus::bad_padding);
}

TEST(ParseRtcp, PaddingNotOnTheLastPacket) {
    auto compound = rtcp_header(k_rtcp_rr, 0, 2, true).be32(k_sender).be32(4).append(sdes_cname());
    RtcpSummary s;
    EXPECT_EQ(parse(compound, s), RtcpStatus::padding_not_last);
    EXPECT_EQ(s.cname, "alice@192.0.2.1");
    EXPECT_TRUE(s.complete);
}

// Wireshark CVE-2026-5403 shape, for RTCP: a compound of many packets with
// full report counts. Everything is counted, storage stays bounded.
TEST(ParseRtcp, ManyPacketsAndReportBlocks) {
    Wire compound;
    for (int p = 0; p < 100; ++p) {
        compound.append(rtcp_header(k_rtcp_rr, 31, 1 + 6 * 31).be32(k_sender));
        for (std::uint32_t i = 0; i < 31; ++i) compound.append(report_block(i, 1, 0, 0, 0));
    }
    RtcpSummary s;
    ASSERT_EQ(parse(compound, s), RtcpStatus::ok);
    EXPECT_EQ(s.packets, 100u);
    EXPECT_EQ(s.receiver_reports, 100u);
    EXPECT_EQ(s.report_blocks_seen, 3100u);
    EXPECT_EQ(s.report_block_count, RtcpSummary::k_max_report_blocks);
}

TEST(ParseRtcp, EveryPrefixOfACompoundIsSafe) {
    auto compound = sender_report(2).append(sdes_cname()).append(rtcp_header(k_rtcp_bye, 1, 1).be32(k_sender));
    RtcpSummary s;
    ASSERT_EQ(parse(compound, s), RtcpStatus::ok);
    // Cut at a packet boundary the compound is shorter but valid.
    const std::set<std::size_t> boundaries = {76, 104};
    for (std::size_t n = 0; n < compound.size(); ++n) {
        EXPECT_EQ(parse_rtcp(compound.view().first(n), s) == RtcpStatus::ok, boundaries.count(n) == 1) << n;
    }
}

TEST(RtcpStatus, CodesAreDistinctAndPrefixed) {
    std::set<std::string_view> codes;
    for (auto st :
         {RtcpStatus::too_short, RtcpStatus::bad_version, RtcpStatus::bad_length, RtcpStatus::truncated_report,
          RtcpStatus::truncated_packet, RtcpStatus::bad_sdes_item, RtcpStatus::bad_bye_reason, RtcpStatus::bad_xr_block,
          RtcpStatus::bad_padding, RtcpStatus::padding_not_last}) {
        EXPECT_EQ(to_string(st).substr(0, 5), "rtcp.");
        codes.insert(to_string(st));
    }
    EXPECT_EQ(codes.size(), 10u);
}

TEST(LooksLikeRtcp, AcceptsReportsAndFeedback) {
    EXPECT_TRUE(looks_like_rtcp(sender_report(1).view()));
    EXPECT_TRUE(looks_like_rtcp(empty_rr(1).view()));
    EXPECT_TRUE(looks_like_rtcp(rtcp_header(k_rtcp_psfb, 1, 2).be32(1).be32(2).view()));
    // SRTCP: a clear first packet, then encrypted bytes and the auth tag.
    EXPECT_TRUE(looks_like_rtcp(sender_report(0).fill(30).view()));
}

TEST(LooksLikeRtcp, RejectsRtpAndBrokenHeaders) {
    auto rtp = testing::rtp_header({.payload_type = 0});
    rtp.fill(160);
    EXPECT_FALSE(looks_like_rtcp(rtp.view()));
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(k_rtcp_rr, 0, 1).view()));          // shorter than 8 bytes
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(k_rtcp_rr, 0, 5).be32(1).view()));  // length past the end
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(k_rtcp_rr, 3, 1).be32(1).view()));  // report count past the length
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(k_rtcp_sr, 0, 1).be32(1).view()));  // no sender info
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(210, 0, 1).be32(1).view()));        // outside 192-207
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(191, 0, 1).be32(1).view()));
    EXPECT_FALSE(looks_like_rtcp(rtcp_header(k_rtcp_rr, 0, 1, false, 1).be32(1).view()));
}

}  // namespace
}  // namespace sipwarden::rtp
