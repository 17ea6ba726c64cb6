#include "net/decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>
#include <vector>

#include "net/ip_reassembly.h"
#include "net/packet_builder_test_support.h"
#include "net/tcp_reassembly.h"

namespace sipwarden::net {
namespace {

using namespace testing;

struct Collected {
    std::string data;
    core::Endpoint source, destination;
    Transport transport;
    bool truncated, reassembled, from_hep;
    core::Timestamp timestamp;
};

class CollectingSink : public PayloadSink {
public:
    void on_payload(const Payload& p) override {
        items.push_back({std::string(core::as_text(p.data)), p.source, p.destination, p.transport, p.truncated,
                         p.reassembled, p.from_hep, p.timestamp});
    }
    std::vector<Collected> items;
};

class DecoderTest : public ::testing::Test {
protected:
    void feed(std::uint32_t link_type, const Buffer& data, std::int64_t second = 1000, std::uint32_t wire = 0) {
        Frame f;
        f.timestamp = core::Timestamp::from_seconds(second);
        f.link_type = link_type;
        f.data = core::Bytes(data.data(), data.size());
        f.wire_length = wire ? wire : static_cast<std::uint32_t>(data.size());
        decoder.decode(f);
    }
    void feed_ether(const Buffer& ip_packet, std::int64_t second = 1000) {
        feed(1, ethernet(0x0800, ip_packet), second);
    }

    CollectingSink sink;
    DecodeStats stats;
    Limits limits;
    Decoder decoder{sink, stats, limits};
};

const std::string k_invite =
    "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
    "Call-ID: abc@192.0.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

TEST_F(DecoderTest, EthernetWithStackedVlanTagsToUdpPayload) {
    const auto frame = ethernet(0x0800, ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5060, bytes(k_invite))),
                                {0x88a8, 0x8100});
    feed(1, frame);
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(sink.items[0].source.to_string(), "192.0.2.1:5060");
    EXPECT_EQ(stats.get(Counter::link_vlan_tagged), 1u);
    EXPECT_EQ(stats.get(Counter::ip_v4_bad_checksum), 0u);
}

// The checksum is verified over the whole header, options included; a bad
// one is counted and the packet still decoded.
// Untagged Ethernet, IPv4 and UDP frames take a shorter path than tagged
// ones; both must give the same payloads and counters. The tagged copy of
// each frame (one 802.1Q tag) goes the general way and only adds the tag's
// counter. The frames are valid ones with header bytes, lengths and the
// frame's size changed at random.
TEST(DecoderPaths, UsualFrameAgreesWithTheGeneralPath) {
    std::mt19937 random(4242);
    const std::vector<Buffer> bases = {
        ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5062, bytes(k_invite))),
        ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), udp(4789, 9000, bytes("0123456789abcdef0123456789"))),
        ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), udp(16000, 2152, bytes("0123456789abcdef0123456789"))),
        ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), tcp(5060, 5060, 1, bytes(k_invite))),
    };
    // Offsets in the IP packet worth changing: version and header length,
    // total length, flags and fragment offset, protocol, checksum, ports,
    // UDP length.
    const std::vector<std::size_t> offsets = {0, 2, 3, 6, 7, 9, 10, 11, 20, 21, 22, 23, 24, 25};
    for (int round = 0; round < 20000; ++round) {
        Buffer packet = bases[random() % bases.size()];
        const int changes = static_cast<int>(random() % 3);
        for (int c = 0; c < changes; ++c) {
            const std::size_t at = offsets[random() % offsets.size()];
            packet[at] = random() % 2 == 0 ? static_cast<std::uint8_t>(random())
                                           : static_cast<std::uint8_t>(packet[at] ^ (1u << (random() % 8)));
        }
        if (random() % 4 == 0) packet.resize(random() % (packet.size() + 8));  // cut, or padded with zeros
        const Buffer plain = ethernet(0x0800, packet);
        const Buffer tagged = ethernet(0x0800, packet, {0x8100});
        CollectingSink plain_sink, tagged_sink;
        DecodeStats plain_stats, tagged_stats;
        Decoder plain_decoder{plain_sink, plain_stats}, tagged_decoder{tagged_sink, tagged_stats};
        const std::uint32_t wire = random() % 8 == 0 ? static_cast<std::uint32_t>(plain.size() + 10) : 0;
        for (const auto& [decoder, frame] : {std::pair{&plain_decoder, &plain}, std::pair{&tagged_decoder, &tagged}}) {
            Frame f;
            f.timestamp = core::Timestamp::from_seconds(1000);
            f.data = core::Bytes(frame->data(), frame->size());
            f.wire_length = wire == 0 ? static_cast<std::uint32_t>(frame->size())
                                      : wire + static_cast<std::uint32_t>(frame->size() - plain.size());
            decoder->decode(f);
        }
        ASSERT_EQ(plain_sink.items.size(), tagged_sink.items.size()) << "round " << round;
        for (std::size_t i = 0; i < plain_sink.items.size(); ++i) {
            const Collected& a = plain_sink.items[i];
            const Collected& b = tagged_sink.items[i];
            EXPECT_EQ(a.data, b.data);
            EXPECT_EQ(a.source, b.source);
            EXPECT_EQ(a.destination, b.destination);
            EXPECT_EQ(a.truncated, b.truncated);
            EXPECT_EQ(a.reassembled, b.reassembled);
        }
        tagged_stats.counters[static_cast<std::size_t>(Counter::link_vlan_tagged)] -= 1;
        ASSERT_EQ(plain_stats.counters, tagged_stats.counters) << "round " << round;
        ASSERT_EQ(plain_stats.truncated_frames, tagged_stats.truncated_frames);
    }
}

TEST_F(DecoderTest, Ipv4HeaderChecksumIsVerified) {
    const auto udp_bytes = udp(5060, 5060, bytes(k_invite));
    Buffer good = ipv4(ip4(192, 0, 2, 1), ip4(198, 51, 100, 7), udp_bytes);
    feed_ether(good);
    // Carries the header checksum's carries across 16-bit halves: 0xffff words.
    Buffer carries = ipv4(ip4(255, 255, 255, 255), ip4(255, 255, 0, 1), udp_bytes);
    feed_ether(carries);
    EXPECT_EQ(stats.get(Counter::ip_v4_bad_checksum), 0u);
    // The same with a 4-byte option (IHL 6): checksum recomputed over 24 bytes.
    Buffer with_option(good.begin(), good.begin() + 20);
    with_option[0] = 0x46;
    const std::uint16_t total = static_cast<std::uint16_t>(24 + udp_bytes.size());
    with_option[2] = static_cast<std::uint8_t>(total >> 8);
    with_option[3] = static_cast<std::uint8_t>(total);
    with_option[10] = with_option[11] = 0;
    for (int b : {1, 1, 1, 0}) with_option.push_back(static_cast<std::uint8_t>(b));  // NOP NOP NOP EOL
    const std::uint16_t sum = checksum(with_option, 0, 24);
    with_option[10] = static_cast<std::uint8_t>(sum >> 8);
    with_option[11] = static_cast<std::uint8_t>(sum);
    append(with_option, udp_bytes);
    feed_ether(with_option);
    EXPECT_EQ(stats.get(Counter::ip_v4_bad_checksum), 0u);
    for (const std::size_t at : {10u, 11u, 15u, 19u}) {
        Buffer bad = good;
        bad[at] ^= 0x40;
        feed_ether(bad);
    }
    with_option[22] ^= 0x01;
    feed_ether(with_option);
    EXPECT_EQ(stats.get(Counter::ip_v4_bad_checksum), 5u);
    EXPECT_EQ(sink.items.size(), 8u);
}

TEST_F(DecoderTest, LinuxCookedV1AndV2) {
    const auto packet = ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), udp(5060, 5062, bytes("x")));
    Buffer sll(14, 0);
    put16(sll, 0x0800);
    append(sll, packet);
    feed(113, sll);
    Buffer sll2;
    put16(sll2, 0x0800);
    append(sll2, Buffer(18, 0));
    append(sll2, packet);
    feed(276, sll2);
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[1].destination.port, 5062);
    EXPECT_EQ(stats.get(Counter::link_linux_sll), 1u);
    EXPECT_EQ(stats.get(Counter::link_linux_sll2), 1u);
}

TEST_F(DecoderTest, LoopbackHostAndNetworkOrderAndRaw) {
    const auto packet = ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(1, 2, bytes("a")));
    Buffer null_le;
    put32le(null_le, 2);
    append(null_le, packet);
    feed(0, null_le);
    Buffer null_be;
    put32(null_be, 2);  // written by a big-endian host
    append(null_be, packet);
    feed(0, null_be);
    Buffer loop;
    put32(loop, 2);
    append(loop, packet);
    feed(108, loop);
    feed(101, packet);
    feed(228, packet);
    EXPECT_EQ(sink.items.size(), 5u);
}

TEST_F(DecoderTest, UnsupportedLinkTypeIsCounted) {
    feed(147, bytes("whatever"));
    EXPECT_EQ(stats.get(Counter::link_unsupported), 1u);
    EXPECT_TRUE(sink.items.empty());
}

TEST_F(DecoderTest, Ipv6WithExtensionHeaders) {
    const std::uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    const std::uint8_t b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    Buffer ext;  // hop-by-hop (8 bytes) -> destination options (8 bytes) -> UDP
    ext.push_back(60);
    ext.push_back(0);
    append(ext, Buffer(6, 0));
    ext.push_back(17);
    ext.push_back(0);
    append(ext, Buffer(6, 0));
    append(ext, udp(5060, 5060, bytes(k_invite)));
    feed(1, ethernet(0x86dd, ipv6(a, b, 0, ext)));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].source.to_string(), "[2001:db8::1]:5060");
}

TEST_F(DecoderTest, Ipv4FragmentsReassembledInAnyOrder) {
    const auto datagram = udp(5060, 5060, bytes(k_invite + std::string(600, 'x')));
    const Buffer first(datagram.begin(), datagram.begin() + 256);
    const Buffer second(datagram.begin() + 256, datagram.begin() + 512);
    const Buffer third(datagram.begin() + 512, datagram.end());
    const auto src = ip4(192, 0, 2, 1), dst = ip4(192, 0, 2, 2);
    feed_ether(ipv4(src, dst, third, {7, false, 512, 17}));
    feed_ether(ipv4(src, dst, first, {7, true, 0, 17}));
    EXPECT_TRUE(sink.items.empty());
    feed_ether(ipv4(src, dst, second, {7, true, 256, 17}));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_TRUE(sink.items[0].reassembled);
    EXPECT_EQ(sink.items[0].data.size(), datagram.size() - 8);
    EXPECT_EQ(stats.get(Counter::ip_fragment), 3u);
    EXPECT_EQ(stats.get(Counter::ip_reassembled), 1u);
}

TEST_F(DecoderTest, FragmentOverlapAndTimeoutAreCounted) {
    const Buffer part(64, 'a');
    const auto src = ip4(192, 0, 2, 1), dst = ip4(192, 0, 2, 2);
    feed_ether(ipv4(src, dst, part, {9, true, 0, 17}), 1000);
    feed_ether(ipv4(src, dst, Buffer(64, 'b'), {9, true, 32, 17}), 1000);  // overlaps [32,64)
    EXPECT_EQ(stats.get(Counter::ip_fragment_overlap), 1u);
    feed_ether(ipv4(src, dst, part, {10, true, 0, 17}), 1000);
    feed_ether(ipv4(ip4(1, 1, 1, 1), dst, udp(1, 2, bytes("late")), {}), 1000 + 31);  // time passes
    EXPECT_EQ(stats.get(Counter::ip_fragment_timeout), 2u);
}

TEST_F(DecoderTest, FragmentLimitBoundsDatagramsInFlight) {
    limits.max_fragmented_datagrams = 4;
    Decoder bounded(sink, stats, limits);
    const auto dst = ip4(192, 0, 2, 2);
    for (std::uint16_t id = 0; id < 10; ++id) {
        const auto frame = ethernet(0x0800, ipv4(ip4(192, 0, 2, 1), dst, Buffer(16, 'z'), {id, true, 0, 17}));
        Frame f{core::Timestamp::from_seconds(5), 1, static_cast<std::uint32_t>(frame.size()),
                core::Bytes(frame.data(), frame.size())};
        bounded.decode(f);
    }
    EXPECT_EQ(stats.get(Counter::ip_fragment_limit), 6u);
}

TEST_F(DecoderTest, TruncatedFrameGivesTruncatedPayload) {
    const auto frame = ethernet(0x0800, ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5060, bytes(k_invite))));
    const Buffer cut(frame.begin(), frame.begin() + 80);
    feed(1, cut, 1000, static_cast<std::uint32_t>(frame.size()));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_TRUE(sink.items[0].truncated);
    EXPECT_EQ(stats.get(Counter::ip_truncated), 1u);
    EXPECT_EQ(stats.get(Counter::udp_truncated), 1u);
    EXPECT_EQ(stats.truncated_frames, 1u);
}

TEST_F(DecoderTest, ImpossibleLengthsAreCountedNotTrusted) {
    auto packet = ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5060, bytes("abc")));
    packet[0] = 0x4f;  // header length 60 > packet
    feed_ether(packet);
    auto packet2 = ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5060, bytes("abc")));
    packet2[24] = 0;  // UDP length 3 < 8
    packet2[25] = 3;
    feed_ether(packet2);
    EXPECT_EQ(stats.get(Counter::ip_bad_header_length), 1u);
    EXPECT_EQ(stats.get(Counter::udp_bad_length), 1u);
    EXPECT_TRUE(sink.items.empty());
}

TEST_F(DecoderTest, TunnelsAreUnwrapped) {
    const auto inner = ipv4(ip4(10, 1, 1, 1), ip4(10, 1, 1, 2), udp(5060, 5060, bytes(k_invite)));
    feed_ether(ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), inner, {1, false, 0, 4}));  // IP-in-IP
    Buffer gre_packet;
    put16(gre_packet, 0);
    put16(gre_packet, 0x0800);
    append(gre_packet, inner);
    feed_ether(ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), gre_packet, {2, false, 0, 47}));
    Buffer vxlan{0x08, 0, 0, 0, 0, 0, 1, 0};
    append(vxlan, ethernet(0x0800, inner));
    feed_ether(ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(40000, 4789, vxlan)));
    ASSERT_EQ(sink.items.size(), 3u);
    for (const auto& item : sink.items) EXPECT_EQ(item.source.address.to_string(), "10.1.1.1");
    EXPECT_EQ(stats.get(Counter::tunnel_ip_in_ip), 1u);
    EXPECT_EQ(stats.get(Counter::tunnel_gre), 1u);
    EXPECT_EQ(stats.get(Counter::tunnel_vxlan), 1u);
}

TEST_F(DecoderTest, EncapsulationDepthIsBounded) {
    Buffer packet = ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), udp(1, 2, bytes("deep")));
    for (int i = 0; i < 10; ++i) packet = ipv4(ip4(10, 0, 0, 1), ip4(10, 0, 0, 2), packet, {1, false, 0, 4});
    feed_ether(packet);
    EXPECT_EQ(stats.get(Counter::tunnel_too_deep), 1u);
    EXPECT_TRUE(sink.items.empty());
}

TEST_F(DecoderTest, Hep3OverUdpUsesInnerAddressesAndTime) {
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(40000, 9999, hep3(k_invite))));
    ASSERT_EQ(sink.items.size(), 1u);
    const auto& item = sink.items[0];
    EXPECT_TRUE(item.from_hep);
    EXPECT_EQ(item.data, k_invite);
    EXPECT_EQ(item.source.to_string(), "203.0.113.5:5070");
    EXPECT_EQ(item.destination.to_string(), "198.51.100.7:5060");
    EXPECT_EQ(item.timestamp.us(), 1600000000250000);
    EXPECT_EQ(stats.get(Counter::hep_v3), 1u);
}

TEST_F(DecoderTest, Hep3CompressedPayloadIsInflated) {
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(40000, 9060, hep3(k_invite, true))));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(stats.get(Counter::hep_compressed), 1u);
}

TEST_F(DecoderTest, Hep2OnTheHepPort) {
    Buffer hep{2, 28, 2, 17};
    put16(hep, 5060);
    put16(hep, 5080);
    append(hep, Buffer{192, 0, 2, 10, 192, 0, 2, 20});
    put32le(hep, 1500000000);
    put32le(hep, 7);
    put16le(hep, 101);
    put16le(hep, 0);
    append(hep, k_invite);
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(40000, 9060, hep)));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(sink.items[0].destination.to_string(), "192.0.2.20:5080");
    EXPECT_EQ(sink.items[0].timestamp.us(), 1500000000000007);
    EXPECT_EQ(stats.get(Counter::hep_v2), 1u);
    // The same bytes on another port are just UDP.
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(40000, 9061, hep)));
    EXPECT_FALSE(sink.items[1].from_hep);
}

TEST_F(DecoderTest, MalformedHepIsCountedByReason) {
    auto packet = hep3(k_invite);
    packet[4] = static_cast<std::uint8_t>(packet[4] + 1);  // total length 256 bytes past the datagram
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(1, 9060, packet)));
    auto packet2 = hep3(k_invite);
    packet2[11] = 3;  // first chunk length 3 < 6
    feed_ether(ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1), udp(1, 9060, packet2)));
    EXPECT_EQ(stats.get(Counter::hep_bad_length), 1u);
    EXPECT_EQ(stats.get(Counter::hep_bad_chunk), 1u);
    EXPECT_TRUE(sink.items.empty());
}

// --- SIP over TCP ---------------------------------------------------------

class TcpTest : public DecoderTest {
protected:
    void segment(std::uint32_t seq, const std::string& data, TcpFlags flags = {}, std::int64_t second = 1000) {
        feed_ether(
            ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), tcp(40000, 5060, seq, bytes(data), flags), {1, false, 0, 6}),
            second);
    }
};

const std::string k_options =
    "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK2\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\n"
    "Content-Length: 4\r\n\r\nbody";

TEST_F(TcpTest, SeveralMessagesInOneSegment) {
    segment(100, k_invite + k_options + "\r\n\r\n" + k_invite);
    ASSERT_EQ(sink.items.size(), 3u);
    EXPECT_EQ(sink.items[1].data, k_options);
    EXPECT_EQ(sink.items[1].transport, Transport::tcp);
    EXPECT_FALSE(sink.items[1].reassembled);
}

TEST_F(TcpTest, OneMessageAcrossManySegments) {
    const std::string message = k_options;
    std::uint32_t seq = 5000;
    for (std::size_t at = 0; at < message.size(); at += 10) {
        const auto piece = message.substr(at, 10);
        segment(seq, piece);
        seq += static_cast<std::uint32_t>(piece.size());
    }
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, message);
    EXPECT_TRUE(sink.items[0].reassembled);
}

TEST_F(TcpTest, RetransmissionsAndOutOfOrderSegments) {
    const std::string message = k_invite + k_options;
    const std::uint32_t base = 0xfffffff0u;  // sequence numbers wrap inside the stream
    const auto a = message.substr(0, 50), b = message.substr(50, 60), c = message.substr(110);
    segment(base, a);
    segment(base + 110, c);                  // early
    segment(base, a);                        // retransmitted
    segment(base + 50, b);                   // fills the gap
    segment(base + 50, b + c.substr(0, 5));  // overlapping retransmission
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(sink.items[1].data, k_options);
    EXPECT_EQ(stats.get(Counter::tcp_out_of_order), 1u);
    EXPECT_EQ(stats.get(Counter::tcp_retransmission), 2u);
}

TEST_F(TcpTest, PickUpMidStreamAndResynchroniseAfterJunk) {
    segment(1, "tail of an earlier message\r\n" + k_invite);
    segment(1 + 28 + static_cast<std::uint32_t>(k_invite.size()), "garbage garbage\r\n" + k_options);
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(sink.items[1].data, k_options);
    EXPECT_EQ(stats.get(Counter::tcp_resync), 2u);
}

TEST_F(TcpTest, GapIsSkippedAfterTheOutOfOrderLimit) {
    limits.max_out_of_order_segments = 2;
    Decoder bounded(sink, stats, limits);
    auto send = [&](std::uint32_t seq, const std::string& data) {
        const auto f = ethernet(
            0x0800, ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), tcp(40000, 5060, seq, bytes(data)), {1, false, 0, 6}));
        bounded.decode({core::Timestamp::from_seconds(1), 1, static_cast<std::uint32_t>(f.size()),
                        core::Bytes(f.data(), f.size())});
    };
    send(0, k_invite.substr(0, 20));  // start of a message whose middle is lost
    const std::uint32_t later = 1000;
    send(later, k_invite);
    send(later + static_cast<std::uint32_t>(k_invite.size()), k_options.substr(0, 30));
    send(later + static_cast<std::uint32_t>(k_invite.size()) + 30, k_options.substr(30));
    EXPECT_EQ(stats.get(Counter::tcp_gap), 1u);
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[0].data, k_invite);
    EXPECT_EQ(sink.items[1].data, k_options);
}

TEST_F(TcpTest, BufferPerStreamIsBounded) {
    limits.max_stream_buffer_bytes = 1024;
    limits.max_sip_message_bytes = 1024;
    Decoder bounded(sink, stats, limits);
    std::uint32_t seq = 0;
    auto send = [&](const std::string& data) {
        const auto f = ethernet(
            0x0800, ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), tcp(40000, 5060, seq, bytes(data)), {1, false, 0, 6}));
        bounded.decode({core::Timestamp::from_seconds(1), 1, static_cast<std::uint32_t>(f.size()),
                        core::Bytes(f.data(), f.size())});
        seq += static_cast<std::uint32_t>(data.size());
    };
    send("INVITE sip:x SIP/2.0\r\nX-Long: ");
    for (int i = 0; i < 20; ++i) send(std::string(500, 'a'));  // a header that never ends
    send("\r\n\r\n" + k_options);
    EXPECT_GE(stats.get(Counter::tcp_message_too_large) + stats.get(Counter::tcp_buffer_limit), 1u);
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, k_options);
}

TEST_F(TcpTest, NonSipStreamsAreNotBuffered) {
    segment(1, std::string("\x16\x03\x01\x02\x00", 5) + std::string(400, 'q'));
    segment(406, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(sink.items.empty());
    EXPECT_EQ(stats.get(Counter::tcp_other_segment), 2u);
}

TEST_F(TcpTest, IncompleteMessageAtEndIsCounted) {
    segment(1, k_options.substr(0, 40));
    decoder.finish();
    EXPECT_EQ(stats.get(Counter::tcp_incomplete_at_end), 1u);
}

TEST_F(TcpTest, HepOverTcpIsFramedByItsLength) {
    const auto one = hep3(k_invite), two = hep3(k_options);
    Buffer stream = one;
    append(stream, two);
    const std::string text(stream.begin(), stream.end());
    segment(10, text.substr(0, 30));
    segment(40, text.substr(30));
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_TRUE(sink.items[0].from_hep);
    EXPECT_EQ(sink.items[1].data, k_options);
}

}  // namespace
}  // namespace sipwarden::net

namespace sipwarden::net {
namespace {

TEST_F(TcpTest, MessageLargerThan64KiBIsFramed) {
    // Regression: suricata-verify's sip-body-large carries a 64 KiB SDP body.
    const std::string body(65536, 'v');
    const std::string message =
        "INVITE sip:b@example.com SIP/2.0\r\nCall-ID: big\r\nContent-Length: 65536\r\n\r\n" + body;
    std::uint32_t seq = 1;
    for (std::size_t at = 0; at < message.size(); at += 16000) {
        const auto piece = message.substr(at, 16000);
        segment(seq, piece);
        seq += static_cast<std::uint32_t>(piece.size());
    }
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data.size(), message.size());
    EXPECT_EQ(stats.get(Counter::tcp_message_too_large), 0u);
}

}  // namespace
}  // namespace sipwarden::net

namespace sipwarden::net {
namespace {

TEST_F(DecoderTest, EnhancedGreWithPppIsUnwrapped) {
    // PPTP's GRE version 1: key (payload length, call id) and sequence present, PPP inside.
    const auto inner = ipv4(ip4(10, 1, 1, 1), ip4(10, 1, 1, 2), udp(5060, 5060, bytes(k_invite)));
    Buffer gre;
    put16(gre, 0x3001);
    put16(gre, 0x880b);
    put16(gre, static_cast<std::uint16_t>(inner.size() + 4));
    put16(gre, 7);
    put32(gre, 1);
    append(gre, Buffer{0xff, 0x03, 0x00, 0x21});
    append(gre, inner);
    feed_ether(ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), gre, {3, false, 0, 47}));
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].data, k_invite);
}

// A flood of new streams with the table full: each newcomer is refused
// (counted), and the idle-stream walk runs at most once per captured
// second, not once per newcomer (which would make every packet of the
// flood cost the whole table).
TEST(TcpReassembler, NewStreamsAtTheLimitWalkTheTableOncePerSecond) {
    Limits limits;
    limits.max_tcp_streams = 16;
    DecodeStats stats;
    TcpReassembler reassembler(limits, stats);
    struct : StreamMessageHandler {
        void on_stream_message(const StreamMessage&) override {}
    } handler;
    const Buffer start = bytes("INVITE sip:a@example.com SIP/2.0\r\n");  // a message still incomplete
    auto segment = [&](std::uint16_t port, std::int64_t second) {
        TcpSegment s;
        s.timestamp = core::Timestamp::from_seconds(second);
        s.source = {core::IpAddress::v4(0xc0000201u), port};
        s.destination = {core::IpAddress::v4(0xc0000202u), 5060};
        s.sequence = 1;
        s.data = core::Bytes(start.data(), start.size());
        return s;
    };
    for (std::uint16_t port = 1000; port < 1016; ++port) reassembler.add(segment(port, 100), handler);
    ASSERT_EQ(reassembler.streams(), 16u);
    const auto walks = reassembler.expiry_walks();
    for (std::uint16_t port = 20000; port < 25000; ++port) reassembler.add(segment(port, 100), handler);
    EXPECT_EQ(stats.get(Counter::tcp_stream_limit), 5000u);
    EXPECT_LE(reassembler.expiry_walks() - walks, 1u);
    // Past the idle timeout, a newcomer's walk frees the table.
    reassembler.add(segment(30000, 100 + limits.tcp_idle_timeout / core::k_ns_per_second + 2), handler);
    EXPECT_EQ(reassembler.streams(), 1u);
}

TEST(IpReassembler, NewDatagramsAtTheLimitWalkTheTableOncePerSecond) {
    Limits limits;
    limits.max_fragmented_datagrams = 16;
    DecodeStats stats;
    IpReassembler reassembler(limits, stats);
    const Buffer part(16, 'z');
    auto add = [&](std::uint32_t id, std::int64_t second) {
        const FragmentKey key{core::IpAddress::v4(0xc0000201u), core::IpAddress::v4(0xc0000202u), id, 17};
        reassembler.add(key, 0, true, 17, core::Bytes(part.data(), part.size()), core::Timestamp::from_seconds(second));
    };
    for (std::uint32_t id = 0; id < 16; ++id) add(id, 100);
    ASSERT_EQ(reassembler.pending(), 16u);
    const auto walks = reassembler.expiry_walks();
    for (std::uint32_t id = 1000; id < 6000; ++id) add(id, 100);
    EXPECT_EQ(stats.get(Counter::ip_fragment_limit), 5000u);
    EXPECT_LE(reassembler.expiry_walks() - walks, 1u);
    add(9999, 100 + limits.fragment_timeout / core::k_ns_per_second + 2);
    EXPECT_EQ(reassembler.pending(), 1u);
}

}  // namespace
}  // namespace sipwarden::net
