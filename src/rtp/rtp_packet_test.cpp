// RTP header parsing: every field, every status, the CVE shapes (CSRC
// count, extension length and padding past the end) and the heuristic.
#include "rtp/rtp_packet.h"

#include <gtest/gtest.h>

#include <initializer_list>

#include <random>
#include <set>

#include "rtp/rtcp_packet.h"
#include "rtp/rtp_test_support.h"

namespace sipwarden::rtp {
namespace {

using testing::rtp_header;
using testing::RtpFields;
using testing::Wire;

RtpStatus parse(const Wire& wire, RtpHeader& header) { return parse_rtp(wire.view(), header); }
RtpStatus parse(const Wire& wire) {
    RtpHeader header;
    return parse_rtp(wire.view(), header);
}

TEST(ParseRtp, ReadsEveryFieldOfThePlainHeader) {
    auto wire = rtp_header(
        {.marker = true, .payload_type = 8, .sequence = 0x1234, .timestamp = 0xdeadbeef, .ssrc = 0x01020304});
    wire.fill(160);
    RtpHeader h;
    ASSERT_EQ(parse(wire, h), RtpStatus::ok);
    EXPECT_TRUE(h.marker);
    EXPECT_FALSE(h.padding);
    EXPECT_FALSE(h.extension);
    EXPECT_EQ(h.csrc_count, 0);
    EXPECT_EQ(h.payload_type, 8);
    EXPECT_EQ(h.sequence, 0x1234);
    EXPECT_EQ(h.timestamp, 0xdeadbeefu);
    EXPECT_EQ(h.ssrc, 0x01020304u);
    EXPECT_EQ(h.header_size, 12u);
    EXPECT_EQ(h.payload_size, 160u);
    EXPECT_EQ(h.padding_size, 0u);
}

TEST(ParseRtp, CsrcListAndExtensionBelongToTheHeader) {
    auto wire = rtp_header({.extension = true, .csrc_count = 2, .payload_type = 111});
    wire.be32(0xaaaaaaaa).be32(0xbbbbbbbb);              // two CSRCs
    wire.be16(0xbede).be16(2).be32(0x10ff0000).be32(0);  // RFC 8285 one-byte form, two words
    wire.fill(20);
    RtpHeader h;
    ASSERT_EQ(parse(wire, h), RtpStatus::ok);
    EXPECT_TRUE(h.extension);
    EXPECT_EQ(h.csrc_count, 2);
    EXPECT_EQ(h.header_size, 12u + 8 + 4 + 8);
    EXPECT_EQ(h.payload_size, 20u);
}

TEST(ParseRtp, PaddingIsNotPayload) {
    auto wire = rtp_header({.padding = true, .payload_type = 0});
    wire.fill(20).fill(3, 0).u8(4);  // 20 payload bytes, 4 padding bytes counting themselves
    RtpHeader h;
    ASSERT_EQ(parse(wire, h), RtpStatus::ok);
    EXPECT_TRUE(h.padding);
    EXPECT_EQ(h.padding_size, 4u);
    EXPECT_EQ(h.payload_size, 20u);
}

TEST(ParseRtp, PaddingMayFillEverythingAfterTheHeader) {
    auto wire = rtp_header({.padding = true, .csrc_count = 1});
    wire.be32(7).fill(7, 0).u8(8);
    RtpHeader h;
    ASSERT_EQ(parse(wire, h), RtpStatus::ok);
    EXPECT_EQ(h.header_size, 16u);
    EXPECT_EQ(h.payload_size, 0u);
}

TEST(ParseRtp, HeaderThatEndsExactlyAtTheEndIsValid) {
    auto wire = rtp_header({.extension = true, .csrc_count = 1});
    wire.be32(1).be16(0x1000).be16(0);  // extension with no words
    RtpHeader h;
    ASSERT_EQ(parse(wire, h), RtpStatus::ok);
    EXPECT_EQ(h.header_size, 20u);
    EXPECT_EQ(h.payload_size, 0u);
}

TEST(ParseRtp, TooShort) {
    EXPECT_EQ(parse(Wire()), RtpStatus::too_short);
    auto wire = rtp_header({});
    wire.bytes().pop_back();
    EXPECT_EQ(parse(wire), RtpStatus::too_short);
}

TEST(ParseRtp, BadVersion) {
    for (std::uint8_t version : std::initializer_list<std::uint8_t>{0, 1, 3}) {
        auto wire = rtp_header({.version = version});
        wire.fill(20);
        EXPECT_EQ(parse(wire), RtpStatus::bad_version) << int{version};
    }
}

TEST(ParseRtp, RtcpPacketTypesAreNotRtp) {
    // SR..APP (200-204) read as marker + payload type 72-76 (RFC 5761 §4).
    for (std::uint8_t pt = 72; pt <= 76; ++pt) {
        auto wire = rtp_header({.marker = true, .payload_type = pt});
        wire.fill(20);
        EXPECT_EQ(parse(wire), RtpStatus::rtcp_payload_type) << int{pt};
    }
    // Without the marker, or just outside the range, the header is RTP.
    for (auto [marker, pt] : {std::pair{false, 72}, {true, 71}, {true, 77}}) {
        auto wire = rtp_header({.marker = marker, .payload_type = static_cast<std::uint8_t>(pt)});
        wire.fill(20);
        EXPECT_EQ(parse(wire), RtpStatus::ok) << marker << " " << pt;
    }
}

TEST(ParseRtp, CsrcCountPastTheEnd) {
    auto wire = rtp_header({.csrc_count = 15});
    wire.fill(14 * 4 + 3);  // one byte short of 15 CSRCs
    EXPECT_EQ(parse(wire), RtpStatus::bad_csrc_count);
}

TEST(ParseRtp, ExtensionHeaderPastTheEnd) {
    auto wire = rtp_header({.extension = true});
    wire.be16(0xbede);  // the length word is missing
    EXPECT_EQ(parse(wire), RtpStatus::bad_extension_length);
}

TEST(ParseRtp, ExtensionLengthPastTheEnd) {
    auto wire = rtp_header({.extension = true});
    wire.be16(0xbede).be16(0xffff).fill(100);
    EXPECT_EQ(parse(wire), RtpStatus::bad_extension_length);
}

TEST(ParseRtp, PaddingCountZero) {
    auto wire = rtp_header({.padding = true});
    wire.fill(20).u8(0);
    EXPECT_EQ(parse(wire), RtpStatus::bad_padding);
}

TEST(ParseRtp, PaddingCountLargerThanPayload) {
    auto wire = rtp_header({.padding = true});
    wire.fill(20).u8(22);  // 21 bytes follow the header
    EXPECT_EQ(parse(wire), RtpStatus::bad_padding);
    auto extended = rtp_header({.padding = true, .extension = true});
    extended.be16(0xbede).be16(1).be32(0).u8(5);  // counts into the extension
    EXPECT_EQ(parse(extended), RtpStatus::bad_padding);
}

TEST(ParseRtp, PaddingFlagWithNothingAfterTheHeader) {
    EXPECT_EQ(parse(rtp_header({.padding = true})), RtpStatus::bad_padding);
}

TEST(ParseRtp, EveryPrefixOfAValidPacketFailsCleanly) {
    auto wire = rtp_header({.padding = true, .extension = true, .csrc_count = 3});
    wire.be32(1).be32(2).be32(3).be16(0xbede).be16(1).be32(0).fill(10).u8(0).u8(2);
    ASSERT_EQ(parse(wire), RtpStatus::ok);
    for (std::size_t n = 0; n < wire.size(); ++n) {
        RtpHeader h;
        EXPECT_NE(parse_rtp(wire.view().first(n), h), RtpStatus::ok) << n;
    }
}

TEST(RtpStatus, CodesAreDistinctAndPrefixed) {
    std::set<std::string_view> codes;
    for (auto s : {RtpStatus::too_short, RtpStatus::bad_version, RtpStatus::rtcp_payload_type,
                   RtpStatus::bad_csrc_count, RtpStatus::bad_extension_length, RtpStatus::bad_padding}) {
        EXPECT_EQ(to_string(s).substr(0, 4), "rtp.");
        codes.insert(to_string(s));
    }
    EXPECT_EQ(codes.size(), 6u);
    EXPECT_EQ(to_string(RtpStatus::ok), "ok");
}

TEST(LooksLikeRtp, AcceptsStaticAndDynamicPayloadTypes) {
    for (std::uint8_t pt : std::initializer_list<std::uint8_t>{0, 8, 18, 34, 96, 101, 127}) {
        auto wire = rtp_header({.payload_type = pt});
        wire.fill(160);
        EXPECT_TRUE(looks_like_rtp(wire.view())) << int{pt};
    }
}

TEST(LooksLikeRtp, RejectsUnassignedPayloadTypesAndRtcp) {
    for (std::uint8_t pt : std::initializer_list<std::uint8_t>{35, 50, 71, 72, 77, 95}) {
        auto wire = rtp_header({.payload_type = pt});
        wire.fill(160);
        EXPECT_FALSE(looks_like_rtp(wire.view())) << int{pt};
    }
    EXPECT_FALSE(looks_like_rtp(testing::empty_rr(1).view()));
}

TEST(LooksLikeRtp, RejectsOtherProtocols) {
    // STUN binding request (RFC 5389), SIP, DTLS handshake, a broken header.
    Wire stun;
    stun.be16(0x0001).be16(0).be32(0x2112a442).fill(12);
    EXPECT_FALSE(looks_like_rtp(stun.view()));
    EXPECT_FALSE(looks_like_rtp(core::as_bytes("INVITE sip:bob@example.com SIP/2.0\r\n")));
    Wire dtls;
    dtls.u8(22).be16(0xfefd).fill(20);
    EXPECT_FALSE(looks_like_rtp(dtls.view()));
    auto broken = rtp_header({.csrc_count = 15});
    EXPECT_FALSE(looks_like_rtp(broken.view()));
}

// The documented false-positive rate of the heuristic on random datagrams.
TEST(LooksLikeRtp, PassesAboutOneRandomDatagramInTwenty) {
    std::mt19937 random(3550);
    std::vector<std::uint8_t> payload(160);
    int passed = 0;
    constexpr int k_tries = 100000;
    for (int i = 0; i < k_tries; ++i) {
        for (auto& b : payload) b = static_cast<std::uint8_t>(random());
        passed += looks_like_rtp(payload) ? 1 : 0;
    }
    const double rate = static_cast<double>(passed) / k_tries;
    EXPECT_GT(rate, 0.03);
    EXPECT_LT(rate, 0.07);
}

}  // namespace
}  // namespace sipwarden::rtp

namespace sipwarden::rtp {
namespace {

DatagramHead head_of(const std::vector<std::uint8_t>& whole) {
    auto datagram = DatagramHead::of(whole);
    datagram.head = datagram.head.first(DatagramHead::head_size(datagram.head));
    return datagram;
}

// A pipeline that keeps only a datagram's first bytes (two-thread watch)
// must judge it as one that keeps all of it: padding counts and extension
// lengths past the head, RTCP lengths past it. Regression: the padding count
// was read from the head's last byte, not the datagram's.
TEST(DatagramHead, JudgesAsTheWholeDatagram) {
    std::mt19937 random(1889);
    int rtp_ok = 0, padded = 0, rtcp = 0;
    for (int i = 0; i < 200000; ++i) {
        std::vector<std::uint8_t> whole(4 + random() % 400);
        for (auto& b : whole) b = static_cast<std::uint8_t>(random());
        whole[0] = static_cast<std::uint8_t>(0x80 | (whole[0] & 0x3f));  // version 2
        if (i % 4 == 0) whole[0] &= 0xf0;                                // few CSRCs: extensions and padding matter
        if (i % 8 == 0 && whole.size() > 16) whole[14] = 0, whole[15] = static_cast<std::uint8_t>(random() % 64);
        if (i % 8 == 1) {  // RTCP-shaped: SR..APP with a length near the datagram's
            whole[0] &= 0xe3;
            whole[1] = static_cast<std::uint8_t>(200 + random() % 5);
            const auto words = random() % (whole.size() / 4 + 2);
            whole[2] = static_cast<std::uint8_t>(words >> 8);
            whole[3] = static_cast<std::uint8_t>(words);
        }
        RtpHeader a, b;
        const auto whole_status = parse_rtp(core::Bytes(whole), a);
        ASSERT_EQ(whole_status, parse_rtp(head_of(whole), b)) << i;
        if (whole_status == RtpStatus::ok) {
            ++rtp_ok;
            padded += a.padding ? 1 : 0;
            EXPECT_EQ(a.header_size, b.header_size);
            EXPECT_EQ(a.payload_size, b.payload_size);
            EXPECT_EQ(a.padding_size, b.padding_size);
            EXPECT_EQ(a.ssrc, b.ssrc);
        }
        ASSERT_EQ(looks_like_rtp(core::Bytes(whole)), looks_like_rtp(head_of(whole))) << i;
        const bool is_rtcp = looks_like_rtcp(core::Bytes(whole));
        ASSERT_EQ(is_rtcp, looks_like_rtcp(head_of(whole))) << i;
        rtcp += is_rtcp ? 1 : 0;
    }
    EXPECT_GT(rtp_ok, 1000);
    EXPECT_GT(padded, 100);
    EXPECT_GT(rtcp, 1000);
}

TEST(DatagramHead, PaddingCountComesFromTheDatagramsLastOctet) {
    auto wire = rtp_header({.padding = true, .payload_type = 0});
    wire.fill(200).u8(0).u8(0).u8(4);
    std::vector<std::uint8_t> whole(wire.view().begin(), wire.view().end());
    RtpHeader h;
    ASSERT_EQ(parse_rtp(head_of(whole), h), RtpStatus::ok);
    EXPECT_EQ(h.padding_size, 4u);
    EXPECT_EQ(h.payload_size, whole.size() - 12 - 4);
}

}  // namespace
}  // namespace sipwarden::rtp
