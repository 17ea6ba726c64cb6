// Regression tests named after the SIP/SDP input shapes of published
// vulnerabilities in other VoIP software: each must parse without reading
// past the buffer and leave the anomaly a detector would look for.
#include <gtest/gtest.h>

#include <memory>

#include "sip/digest.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip/test_support.h"

namespace sipwarden::sip {
namespace {

std::string request(std::string_view method, std::string_view extra_headers, std::string_view body = {},
                    std::string_view content_type = "application/sdp") {
    std::string out = std::string(method) + " sip:100@pbx.example.com SIP/2.0\r\n";
    out += "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK-r1\r\n";
    out += "Max-Forwards: 70\r\nFrom: <sip:200@pbx.example.com>;tag=f1\r\nTo: <sip:100@pbx.example.com>\r\n";
    out += "Call-ID: reg-1@192.0.2.20\r\nCSeq: 1 " + std::string(method) + "\r\n";
    out += "Contact: <sip:200@192.0.2.20>\r\n";
    out += extra_headers;
    if (!body.empty()) out += "Content-Type: " + std::string(content_type) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

const std::string k_sdp =
    "v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 17000 RTP/AVP 0\r\n";

// Parses every prefix of `data` from an exactly sized heap copy, so ASan
// flags any read past the end (pjproject GHSA-7fw8-54cv-r7pm shape).
void parse_every_prefix(std::string_view data) {
    Message m;
    SessionDescription sdp;
    for (std::size_t n = 0; n <= data.size(); ++n) {
        auto copy = std::make_unique<char[]>(n == 0 ? 1 : n);
        std::copy_n(data.data(), n, copy.get());
        const std::string_view view(copy.get(), n);
        if (m.parse(view)) {
            const auto body = find_sdp(m);
            sdp.parse(body);
            for (auto v : m.values(HeaderId::via)) (void)parse_via(v);
        }
        sdp.parse(view);
    }
}

TEST(Regression, ChanSipHeaderSmugglingControlByteBeforeColon) {
    // Asterisk chan_sip took "To\x01:" for To; a proxy saw an unknown header.
    Message m;
    const std::string data = request("INVITE", "To\x01: <sip:victim@pbx.example.com>;tag=smuggled\r\n");
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(m.count(HeaderId::to), 1U);
    EXPECT_FALSE(m.to()->tag());
    EXPECT_TRUE(m.has(Anomaly::bad_header_name));
    EXPECT_TRUE(m.has(Anomaly::control_character));
    EXPECT_FALSE(m.has(Anomaly::duplicate_header));
}

TEST(Regression, Ast2016_004VeryLongRegisterUri) {
    Message m;
    std::string data = request("REGISTER", "");
    data.replace(data.find("sip:100@"), 8, "sip:" + std::string(6000, 'a') + "@");
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::value_too_long));
    EXPECT_TRUE(m.has(Anomaly::line_too_long));
    EXPECT_EQ(m.method(), Method::register_);
}

TEST(Regression, Ast2017_002Rfc2543RequestWithLongCSeqMethod) {
    Message m;
    std::string data = request("OPTIONS", "");
    data.replace(data.find(";branch=z9hG4bK-r1"), 18, "");
    data.replace(data.find("CSeq: 1 OPTIONS"), 15, "CSeq: 0 " + std::string(2000, 'A'));
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::via_missing_branch));
    EXPECT_TRUE(m.has(Anomaly::value_too_long));
    EXPECT_TRUE(m.has(Anomaly::cseq_method_mismatch));
}

TEST(Regression, Ast2017_003MultipartWithZeroLengthParts) {
    Message m;
    const std::string data = request("INVITE", "", "--z\r\n--z\r\n\r\n--z\r\n--z--\r\n", "multipart/mixed;boundary=z");
    ASSERT_TRUE(m.parse(data));
    bool malformed = false;
    EXPECT_TRUE(find_sdp(m, {}, &malformed).empty());
    EXPECT_FALSE(malformed);
    EXPECT_FALSE(m.has(Anomaly::bad_multipart));
    parse_every_prefix(data);
}

TEST(Regression, Ast2017_009OutOfRangeNumbers) {
    Message m;
    std::string data = request("REGISTER", "Expires: 4294967296\r\n");
    data.replace(data.find("CSeq: 1"), 7, "CSeq: 4294967297");
    data.replace(data.find("Max-Forwards: 70"), 16, "Max-Forwards: 256");
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(test::codes(m.anomalies()),
              (std::vector<std::string>{"sip.numeric_overflow", "sip.numeric_overflow", "sip.numeric_overflow"}));
    EXPECT_FALSE(m.cseq());
    EXPECT_FALSE(m.expires());
    EXPECT_FALSE(m.max_forwards());
}

TEST(Regression, Ast2017_014InviteWithoutContact) {
    Message m;
    std::string data = request("INVITE", "");
    data.replace(data.find("Contact: <sip:200@192.0.2.20>\r\n"), 31, "");
    ASSERT_TRUE(m.parse(data));
    ASSERT_TRUE(m.has(Anomaly::missing_header));
    EXPECT_EQ(m.anomalies()[0].detail, "Contact");
}

TEST(Regression, Ast2018_002FormatNumberOverflow) {
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse("v=0\r\nc=IN IP4 192.0.2.20\r\nm=audio 17000 RTP/AVP 4294967296\r\n"));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_bad_format));
    EXPECT_EQ(sdp.media()[0].format_count, 1U);
    EXPECT_FALSE(payload_type("4294967296"));
    EXPECT_FALSE(payload_type("18446744073709551616"));
}

TEST(Regression, Ast2018_003NulInsideAnSdpAttribute) {
    SessionDescription sdp;
    const std::string text = "v=0\r\nc=IN IP4 192.0.2.20\r\nm=audio 17000 RTP/AVP 101\r\na=fmtp" +
                             std::string(1, '\0') + ":101 0-16\r\na=rtpmap:101 telephone-event/8000\r\n";
    ASSERT_TRUE(sdp.parse(text));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_control_character));
    EXPECT_EQ(sdp.rtpmap(sdp.media()[0], 101)->encoding, "telephone-event");
    Message m;
    const std::string data = request("INVITE", "", text);
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(find_sdp(m), text);
}

TEST(Regression, Ast2018_004SubscribeWithManyAcceptHeaders) {
    std::string accepts;
    for (int i = 0; i < 1000; ++i) accepts += "Accept: application/pidf+xml\r\n";
    Message m;
    const std::string data = request("SUBSCRIBE", "Event: presence\r\n" + accepts);
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::too_many_headers));
    EXPECT_EQ(m.headers().size(), Limits{}.max_headers);
    EXPECT_EQ(m.count(HeaderId::accept), 1000U);
    EXPECT_EQ(m.content_length(), 0U);  // the header after the Accepts still frames the body
}

TEST(Regression, Cve2022_21723MalformedMultipart) {
    for (const std::string body : {"--b", "--b\r\n", "--b\r\nContent-Type: application/sdp", "--b\r\n\r\n--", "--b--",
                                   "\r\n--b\r\n\r\n\r\n--b", "x--b\r\n"}) {
        Message m;
        const std::string data = request("INVITE", "", body, "multipart/mixed;boundary=b");
        ASSERT_TRUE(m.parse(data));
        bool malformed = false;
        (void)find_sdp(m, {}, &malformed);
        EXPECT_EQ(m.has(Anomaly::bad_multipart), malformed) << body;
        parse_every_prefix(data);
    }
}

TEST(Regression, Ghsa7fw8BufferEndingMidToken) {
    // pjproject's scanner read past the end of a buffer with no trailing CR LF.
    parse_every_prefix(request("INVITE", "Authorization: Digest username=\"a\", realm=\"r\"\r\n", k_sdp));
    parse_every_prefix(test::read_file(test::data_dir() / "rfc4475/wsinv.dat"));
}

TEST(Regression, Pjproject4863HugeContentLength) {
    Message m;
    std::string data = request("INVITE", "", k_sdp);
    data.replace(data.find("Content-Length: "), 19, "Content-Length: 99999999999999999999");
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::numeric_overflow));
    EXPECT_FALSE(m.content_length());
    EXPECT_EQ(find_sdp(m), k_sdp);
}

TEST(Regression, GhsaX5pqMultipartOutOfBoundsRead) {
    const std::string body = "--b\r\nContent-Type: application/sdp\r\n\r\n" + k_sdp + "\r\n--b--\r\n";
    parse_every_prefix(request("INVITE", "", body, "multipart/mixed;boundary=b"));
}

TEST(Regression, Cve2018_8828MalformedBranchAndFromTag) {
    for (const char* via :
         {"Via: SIP/2.0/UDP 192.0.2.20;branch=\r\n", "Via: SIP/2.0/UDP 192.0.2.20;branch=\"z9hG4bK\r\n",
          "Via: SIP/2.0/UDP 192.0.2.20;branch==;=\r\n"}) {
        std::string data = request("REGISTER", "");
        data.replace(data.find("Via: "), data.find("\r\n", data.find("Via: ")) + 2 - data.find("Via: "), via);
        data.replace(data.find(";tag=f1"), 7, ";tag");
        Message m;
        ASSERT_TRUE(m.parse(data)) << via;
        EXPECT_EQ(m.from()->tag(), "");
    }
}

TEST(Regression, Cve2018_14767TwoToHeadersOneWithEmptyTag) {
    Message m;
    const std::string data = request("INVITE", "To: <sip:100@pbx.example.com>;tag=\r\n");
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::duplicate_header));
    EXPECT_FALSE(m.to()->tag());  // the first To is the one kept
}

TEST(Regression, Cve2018_16657InvalidVia) {
    for (const char* via : {"Via: SIP/2.0/UDP\r\n", "Via: SIP/2.0\r\n", "Via: /\r\n", "Via: SIP/2.0/UDP [\r\n",
                            "Via: SIP/2.0/UDP 192.0.2.20:\r\n", "Via: ,,,\r\n"}) {
        Message m;
        std::string data = request("OPTIONS", via);
        ASSERT_TRUE(m.parse(data)) << via;
        EXPECT_TRUE(m.has(Anomaly::malformed_header)) << via;
    }
}

TEST(Regression, Cve2020_27507DuplicateSingletonHeaders) {
    Message m;
    const std::string data = request("INVITE",
                                     "From: <sip:evil@example.com>;tag=2\r\nTo: <sip:x@example.com>\r\n"
                                     "CSeq: 9 INVITE\r\nCall-ID: other\r\n");
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(test::codes(m.anomalies()), (std::vector<std::string>(4, "sip.duplicate_header")));
    EXPECT_EQ(m.from()->uri.user, "200");
    EXPECT_EQ(m.call_id(), "reg-1@192.0.2.20");
    EXPECT_EQ(m.cseq()->number, 1U);
}

TEST(Regression, Kamailio4920And4886LongCallIdAndUserlessRequestUri) {
    Message m;
    std::string data = request("INVITE", "");
    data.replace(data.find("Call-ID: reg-1@192.0.2.20"), 25, "Call-ID: " + std::string(4096, 'A'));
    data.replace(data.find("sip:100@pbx.example.com SIP"), 27, "sip:host12chars SIP");
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.has(Anomaly::value_too_long));
    EXPECT_EQ(m.call_id().size(), 4096U);
    EXPECT_TRUE(parse_uri(m.request_uri())->user.empty());
    EXPECT_FALSE(m.has(Anomaly::malformed_request_uri));
}

TEST(Regression, Cve2023_28098MalformedDigestParameters) {
    for (const char* auth : {"Digest username=\"a", "Digest username=\"a\", realm", "Digest =\"x\"", "Digest ,,,,",
                             "Digest username=\"\\", "Digest nonce=\"a\"\"b\""}) {
        Message m;
        const std::string data = request("REGISTER", "Authorization: " + std::string(auth) + "\r\n");
        ASSERT_TRUE(m.parse(data));
        const auto digest = parse_digest(m.header(HeaderId::authorization));
        if (digest) {
            EXPECT_EQ(digest->scheme, "Digest") << auth;
        }
    }
    EXPECT_FALSE(parse_digest("Digest username=\"a"));
    EXPECT_FALSE(parse_digest("Digest username=\"\\"));
}

TEST(Regression, Cve2022_31001To31003ShortMethodEscapeAtEndShortSdpLine) {
    Message m;
    std::string data = request("I", "");
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(m.method_text(), "I");
    EXPECT_TRUE(m.has(Anomaly::cseq_method_mismatch) || m.cseq()->method_text == "I");
    for (const char* uri : {"sip:user%@example.com", "sip:user@example.com;p=%", "sip:user@example.com;p=%4"}) {
        const auto parsed = parse_uri(uri);
        ASSERT_TRUE(parsed) << uri;
        EXPECT_TRUE(parsed->bad_escape) << uri;
        EXPECT_FALSE(percent_decode(parsed->params.empty() ? parsed->user : parsed->params));
    }
    SessionDescription sdp;
    sdp.parse("v=0\r\nm\r\na\r\n=\r\n");
    EXPECT_TRUE(sdp.has(Anomaly::sdp_bad_line));
}

TEST(Regression, Sngrep512CallIdLongerThanAFixedBuffer) {
    Message m;
    std::string data = request("OPTIONS", "X-Call-ID: " + std::string(4096, 'A') + "\r\n");
    data.replace(data.find("Call-ID: reg-1@192.0.2.20"), 25, "Call-ID: " + std::string(4096, 'A'));
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(m.header("X-Call-ID").size(), 4096U);
    EXPECT_TRUE(m.has(Anomaly::value_too_long));
}

TEST(Regression, Sngrep550WarningWithoutNumericCode) {
    for (const char* warning : {"Warning: CLI Should be in E164 Format\r\n", "Warning:\r\n", "Warning: 3\r\n"}) {
        Message m;
        const std::string data = request("INVITE", warning);
        ASSERT_TRUE(m.parse(data));
        EXPECT_EQ(m.count(HeaderId::warning), 1U);
    }
}

TEST(Regression, Sngrep276And328MalformedSdpAndBodyWithoutCrlf) {
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse("v=0\r\nc=IN IP4 127.0.0.1" + std::string(512, '1') + "\r\nm=" + std::string(1024, 'A') +
                          " 9999 RTP/AVP 8 0 96 101"));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_bad_connection));
    EXPECT_TRUE(sdp.has(Anomaly::sdp_bad_media));
    EXPECT_EQ(sdp.media()[0].format_count, 4U);
    parse_every_prefix(request("INVITE", "", k_sdp.substr(0, k_sdp.size() - 2)));
}

TEST(Regression, Cve2017_7853BodyParsingVariants) {
    for (const char* body : {"\r\n", "v", "v=", "v=0", "\0\0\0", "--\r\n--"}) {
        Message m;
        const std::string data = request("MESSAGE", "", body, "text/plain");
        ASSERT_TRUE(m.parse(data));
        EXPECT_EQ(m.body(), body);
    }
}

TEST(Regression, BelleSip24QuotedStringOfLengthOne) {
    EXPECT_FALSE(parse_digest("Digest authz_server=\""));
    EXPECT_FALSE(parse_name_addr("\""));
    EXPECT_FALSE(parse_via("SIP/2.0/UDP h;x=\""));
    EXPECT_EQ(strip_quotes("\""), "\"");
    EXPECT_EQ(unquote("\\"), "\\");
}

}  // namespace
}  // namespace sipwarden::sip
