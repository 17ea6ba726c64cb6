// SDP parsing and the multipart walk that finds it.
#include "sip/sdp.h"

#include <gtest/gtest.h>

#include "sip/multipart.h"
#include "sip/test_support.h"

namespace sipwarden::sip {
namespace {

const std::string k_offer =
    "v=0\r\n"
    "o=alice 2890844526 2890844527 IN IP4 198.51.100.1\r\n"
    "s=call\r\n"
    "c=IN IP4 198.51.100.1\r\n"
    "t=0 0\r\n"
    "a=sendonly\r\n"
    "m=audio 49170 RTP/AVP 0 8 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-15\r\n"
    "a=rtcp:53020 IN IP4 198.51.100.2\r\n"
    "m=video 51372/2 RTP/SAVP 99\r\n"
    "c=IN IP6 2001:db8::2\r\n"
    "a=rtpmap:99 H264/90000\r\n"
    "a=recvonly\r\n"
    "a=rtcp-mux\r\n"
    "m=image 0 udptl t38\r\n";

TEST(Sdp, ParsesAnOffer) {
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse(k_offer));
    EXPECT_TRUE(sdp.anomalies().empty()) << testing::PrintToString(test::codes(sdp.anomalies()));
    EXPECT_EQ(sdp.version(), 0);
    EXPECT_EQ(sdp.origin().username, "alice");
    EXPECT_EQ(sdp.origin().session_version, "2890844527");
    EXPECT_EQ(sdp.origin().address.address, "198.51.100.1");
    EXPECT_EQ(sdp.session_name(), "call");
    EXPECT_EQ(sdp.connection().address_type, AddressType::ip4);
    EXPECT_EQ(sdp.direction(), Direction::sendonly);
    ASSERT_EQ(sdp.media().size(), 3U);

    const Media& audio = sdp.media()[0];
    EXPECT_EQ(audio.type, "audio");
    EXPECT_EQ(audio.port, 49170);
    EXPECT_EQ(audio.proto, "RTP/AVP");
    EXPECT_EQ(audio.format_count, 3U);
    std::vector<std::string_view> formats(Words(audio.formats).begin(), Words(audio.formats).end());
    EXPECT_EQ(formats, (std::vector<std::string_view>{"0", "8", "101"}));
    EXPECT_EQ(sdp.connection_for(audio).address, "198.51.100.1");
    EXPECT_EQ(sdp.direction_for(audio), Direction::sendonly);
    ASSERT_EQ(sdp.rtpmaps(audio).size(), 2U);
    EXPECT_EQ(sdp.rtpmap(audio, 101)->encoding, "telephone-event");
    EXPECT_EQ(sdp.rtpmap(audio, 0)->clock_rate, 8000U);
    EXPECT_FALSE(sdp.rtpmap(audio, 8));
    EXPECT_EQ(audio.rtcp_port, 53020);
    EXPECT_EQ(audio.rtcp_address.address, "198.51.100.2");

    const Media& video = sdp.media()[1];
    EXPECT_EQ(video.port_count, 2U);
    EXPECT_EQ(sdp.connection_for(video).address, "2001:db8::2");
    EXPECT_EQ(sdp.connection_for(video).address_type, AddressType::ip6);
    EXPECT_EQ(sdp.direction_for(video), Direction::recvonly);
    EXPECT_TRUE(video.rtcp_mux);
    EXPECT_FALSE(video.rtcp_port);
    EXPECT_EQ(sdp.rtpmaps(video)[0].encoding, "H264");

    const Media& image = sdp.media()[2];
    EXPECT_EQ(image.port, 0);
    EXPECT_FALSE(image.is_rtp());
    EXPECT_EQ(sdp.rtpmaps(image).size(), 0U);
}

TEST(Sdp, ConnectionSuffixes) {
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse("v=0\r\nc=IN IP4 233.252.0.1/127/3\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP6 ff00::1/2\r\n"));
    EXPECT_EQ(sdp.connection().ttl, 127);
    EXPECT_EQ(sdp.connection().count, 3U);
    EXPECT_EQ(sdp.connection_for(sdp.media()[0]).count, 2U);
    EXPECT_FALSE(sdp.connection_for(sdp.media()[0]).ttl);
    EXPECT_EQ(sdp.direction_for(sdp.media()[0]), Direction::sendrecv);
    EXPECT_TRUE(sdp.anomalies().empty()) << testing::PrintToString(test::codes(sdp.anomalies()));
}

// One positive case per SDP anomaly code (the negative is ParsesAnOffer).
TEST(Sdp, EachShapeRaisesItsAnomaly) {
    const std::vector<std::pair<std::string, Anomaly>> shapes = {
        {"v=0\r\nx\r\n", Anomaly::sdp_bad_line},
        {"v=0\r\n=\r\n", Anomaly::sdp_bad_line},
        {"v=1\r\n", Anomaly::sdp_bad_version},
        {"s=-\r\n", Anomaly::sdp_bad_version},
        {"v=0\r\no=alice\r\n", Anomaly::sdp_bad_origin},
        {"v=0\r\nc=IN IP4 127.0.0.1" + std::string(512, '1') + "\r\n", Anomaly::sdp_bad_connection},
        {"v=0\r\nc=XX IP4 192.0.2.1\r\n", Anomaly::sdp_bad_connection},
        {"v=0\r\nc=IN IP4 192.0.2.1/256\r\n", Anomaly::sdp_bad_connection},
        {"v=0\r\nm=audio 1 RTP/AVP 0\r\n", Anomaly::sdp_missing_connection},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=" + std::string(1024, 'A') + " 9999 RTP/AVP 8\r\n", Anomaly::sdp_bad_media},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP\r\n", Anomaly::sdp_bad_media},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 70000 RTP/AVP 0\r\n", Anomaly::sdp_bad_port},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1/x RTP/AVP 0\r\n", Anomaly::sdp_bad_port},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 128\r\n", Anomaly::sdp_bad_format},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:x PCMU/8000\r\n", Anomaly::sdp_bad_rtpmap},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU/fast\r\n", Anomaly::sdp_bad_rtpmap},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\na=rtcp:99999\r\n", Anomaly::sdp_bad_rtcp},
        {"v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\na=rtcp:9 IN IP4\r\n", Anomaly::sdp_bad_rtcp},
        {"v=0\r\na=fmtp\x01:101 0-16\r\n", Anomaly::sdp_control_character},
        {"v=0\nc=IN IP4 192.0.2.1\n", Anomaly::sdp_bare_lf},
    };
    for (const auto& [text, expected] : shapes) {
        SessionDescription sdp;
        sdp.parse(text);
        EXPECT_TRUE(sdp.has(expected)) << code(expected) << " for " << text.substr(0, 60) << ": "
                                       << testing::PrintToString(test::codes(sdp.anomalies()));
    }
}

TEST(Sdp, LimitsBoundMediaFormatsRtpmapsAndLines) {
    Limits limits;
    limits.max_media = 2;
    limits.max_formats = 3;
    limits.max_rtpmaps = 2;
    limits.max_sdp_lines = 20;
    std::string text = "v=0\r\nc=IN IP4 192.0.2.1\r\n";
    for (int i = 0; i < 4; ++i)
        text += "m=audio 1000 RTP/AVP 0 8 9 18\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse(text, limits));
    EXPECT_EQ(sdp.media().size(), 2U);
    EXPECT_TRUE(sdp.has(Anomaly::sdp_too_many_media));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_too_many_formats));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_too_many_rtpmaps));
    EXPECT_EQ(sdp.rtpmaps(sdp.media()[1]).size(), 0U);
    limits.max_sdp_lines = 3;
    ASSERT_TRUE(sdp.parse(text, limits));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_too_many_lines));
}

// The usual shapes of rtpmap, format list and c= are read in one pass; a
// value a byte off that shape goes to the general reading, with the same
// result where both apply.
TEST(Sdp, UsualShapesAndTheirNeighboursReadAlike) {
    struct RtpmapCase {
        std::string value;
        int payload_type;  // -1: malformed
        std::string encoding;
        std::uint32_t clock_rate;
        std::string parameters;
    };
    const std::vector<RtpmapCase> rtpmaps = {
        {"96 opus/48000/2", 96, "opus", 48000, "2"},
        {"96 opus/48000/2 ", 96, "opus", 48000, "2"},
        {"96 opus/48000 ", 96, "opus", 48000, ""},
        {"96  opus/48000", 96, "opus", 48000, ""},
        {"0096 opus/48000", 96, "opus", 48000, ""},
        {"96 opus/0048000", 96, "opus", 48000, ""},
        {"96 opus/4294967295", 96, "opus", 4294967295U, ""},
        {"96 opus//2", 96, "opus", 0, "2"},
        {"31 LPC", 31, "LPC", 0, ""},
        {"8 PC MA/8000", 8, "PC MA", 8000, ""},
        {"127 x/1/a/b", 127, "x", 1, "a/b"},
        {"128 x/8000", -1, "", 0, ""},
        {"96 opus/4294967296", -1, "", 0, ""},
        {"96 /8000", -1, "", 0, ""},
    };
    for (const auto& c : rtpmaps) {
        const std::string text = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:" + c.value + "\r\n";
        SessionDescription sdp;
        ASSERT_TRUE(sdp.parse(text));
        const auto maps = sdp.rtpmaps(sdp.media()[0]);
        if (c.payload_type < 0) {
            EXPECT_TRUE(sdp.has(Anomaly::sdp_bad_rtpmap)) << c.value;
            EXPECT_TRUE(maps.empty()) << c.value;
            continue;
        }
        EXPECT_TRUE(sdp.anomalies().empty()) << c.value << testing::PrintToString(test::codes(sdp.anomalies()));
        ASSERT_EQ(maps.size(), 1U) << c.value;
        EXPECT_EQ(maps[0].payload_type, c.payload_type) << c.value;
        EXPECT_EQ(maps[0].encoding, c.encoding) << c.value;
        EXPECT_EQ(maps[0].clock_rate, c.clock_rate) << c.value;
        EXPECT_EQ(maps[0].parameters, c.parameters) << c.value;
    }

    struct FormatCase {
        std::string formats;
        std::size_t count;
        bool bad;
    };
    const std::vector<FormatCase> formats = {
        {"96 9 8 0 101", 5, false}, {"0 8 ", 2, false}, {"0  8", 2, false}, {"0096 8", 2, false},
        {"0 128", 2, true},         {"0 x 8", 3, true}, {"127", 1, false},  {"1000", 1, true},
    };
    for (const auto& c : formats) {
        const std::string text = "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP " + c.formats + "\r\n";
        SessionDescription sdp;
        ASSERT_TRUE(sdp.parse(text));
        EXPECT_EQ(sdp.media()[0].format_count, c.count) << c.formats;
        EXPECT_EQ(sdp.has(Anomaly::sdp_bad_format), c.bad) << c.formats;
    }
    Limits limits;
    limits.max_formats = 2;
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0 8 9 18\r\n", limits));
    EXPECT_EQ(sdp.media()[0].format_count, 4U);
    EXPECT_EQ(test::codes(sdp.anomalies()), std::vector<std::string>{"sdp.too_many_formats"});

    for (const std::string c : {"IN IP4 192.0.2.1", "IN IP4 192.0.2.1 ", "IN  IP4 192.0.2.1", "IN IP4  192.0.2.1"}) {
        const std::string text = "v=0\r\nc=" + c + "\r\n";  // the views point into it
        SessionDescription d;
        ASSERT_TRUE(d.parse(text));
        EXPECT_TRUE(d.anomalies().empty()) << c;
        EXPECT_EQ(d.connection().network_type, "IN") << c;
        EXPECT_EQ(d.connection().address_type_text, "IP4") << c;
        EXPECT_EQ(d.connection().address_type, AddressType::ip4) << c;
        EXPECT_EQ(d.connection().address, "192.0.2.1") << c;
        EXPECT_FALSE(d.connection().ttl || d.connection().count) << c;
    }
}

TEST(Sdp, NothingUsableFails) {
    SessionDescription sdp;
    EXPECT_FALSE(sdp.parse(""));
    EXPECT_FALSE(sdp.parse("hello world\r\n"));
    EXPECT_FALSE(sdp.parse("\r\n\r\n"));
}

TEST(Multipart, FindsTheSdpPart) {
    const std::string body =
        "preamble\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/sdp\r\n\r\n" +
        k_offer + "\r\n--b1--\r\nepilogue";
    bool malformed = false;
    EXPECT_EQ(find_sdp("multipart/mixed; boundary=\"b1\"", body, {}, &malformed), k_offer);
    EXPECT_FALSE(malformed);
    EXPECT_EQ(find_sdp("application/SDP", k_offer), k_offer);
    EXPECT_EQ(find_sdp("", k_offer), k_offer);
    EXPECT_TRUE(find_sdp("text/plain", k_offer).empty());
    EXPECT_EQ(media_type(" multipart/mixed ;boundary=x"), "multipart/mixed");
}

TEST(Multipart, NestedPartsAreSearched) {
    const std::string inner = "--in\r\nContent-Type: application/sdp\r\n\r\n" + k_offer + "\r\n--in--\r\n";
    const std::string body =
        "--out\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n" + inner + "\r\n--out--\r\n";
    EXPECT_EQ(find_sdp("multipart/mixed;boundary=out", body), k_offer);
}

TEST(Multipart, ZeroLengthPartsAndMissingClose) {
    // AST-2017-003 / CVE-2022-21723 shapes: empty parts, no closing delimiter.
    bool malformed = false;
    EXPECT_TRUE(find_sdp("multipart/mixed;boundary=b", "--b\r\n--b\r\n--b\r\n--b--", {}, &malformed).empty());
    EXPECT_FALSE(malformed);
    MultipartReader reader("--b\r\n--b\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n", "b");
    BodyPart part;
    ASSERT_TRUE(reader.next(part));
    EXPECT_TRUE(part.body.empty());
    EXPECT_TRUE(part.headers.empty());
    ASSERT_TRUE(reader.next(part));
    EXPECT_EQ(part.body, "v=0\r\n");
    EXPECT_FALSE(reader.next(part));
    EXPECT_TRUE(reader.malformed());
    EXPECT_EQ(find_sdp("multipart/mixed;boundary=b", "--b\r\nc: application/sdp\r\n\r\nv=0\r\n", {}, &malformed),
              "v=0\r\n");
    EXPECT_TRUE(malformed);
}

TEST(Multipart, MalformedBoundariesFindNothing) {
    bool malformed = false;
    // ES2017-02 (AST-2017-002 multipart crash): LF only, odd boundary, truncated delimiters.
    const std::string body = "--\n--++=AAA\nxxx\n--+";
    EXPECT_TRUE(find_sdp("multipart/mixed;`boundary=++", body, {}, &malformed).empty());
    EXPECT_TRUE(malformed);
    malformed = false;
    EXPECT_TRUE(find_sdp("multipart/mixed", "--x\r\n\r\n", {}, &malformed).empty());
    EXPECT_TRUE(malformed);
    EXPECT_TRUE(find_sdp("multipart/mixed;boundary=x", "", {}, &malformed).empty());
    EXPECT_TRUE(find_sdp("multipart/mixed;boundary=x", "--x", {}, &malformed).empty());
    Limits limits;
    limits.max_multipart_parts = 2;
    const std::string many = "--m\r\n\r\na\r\n--m\r\n\r\nb\r\n--m\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--m--";
    EXPECT_TRUE(find_sdp("multipart/mixed;boundary=m", many, limits).empty());
    EXPECT_FALSE(find_sdp("multipart/mixed;boundary=m", many).empty());
}

}  // namespace
}  // namespace sipwarden::sip
