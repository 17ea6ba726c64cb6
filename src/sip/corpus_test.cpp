// Message sets from other projects (read from ../shared, skipped when absent):
// libosip2's malformed and regular messages, pjsip's sendto cases, Kamailio's
// test messages and SIPp scenario templates. All must parse without a crash;
// where the source states an outcome, it is asserted.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip/test_support.h"

namespace sipwarden::sip {
namespace {

std::filesystem::path corpus(const char* sub) { return test::shared_messages() / sub; }

#define SKIP_WITHOUT(dir) \
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "shared corpus not present: " << (dir)

// Parses a message and its SDP, touching every structured view.
void exercise(const Message& m) {
    for (auto v : m.values(HeaderId::via)) (void)parse_via(v);
    for (auto v : m.values(HeaderId::contact)) (void)parse_contact(v);
    for (auto v : m.values(HeaderId::route)) (void)parse_name_addr(v);
    SessionDescription sdp;
    const auto body = find_sdp(m);
    if (!body.empty()) (void)sdp.parse(body);
}

// libosip2 states the expected parse error on the first line of each
// sip-malformed file; "-5" is a rejection, "0" an acceptance. Both become
// anomalies here (the first line itself is junk before the start line).
TEST(Corpus, Libosip2MalformedMessages) {
    const auto dir = corpus("libosip2");
    SKIP_WITHOUT(dir);
    const std::map<std::string, Anomaly> expected = {
        {"sip-malformed0", Anomaly::no_content_length},            // 0: missing Content-Length, unknown body
        {"sip-malformed1", Anomaly::missing_header},               // 0: missing mandatory headers
        {"sip-malformed2", Anomaly::duplicate_header},             // -5: two Call-ID and From
        {"sip-malformed3", Anomaly::malformed_header},             // -5: bad Via and Contact
        {"sip-malformed4", Anomaly::content_length_exceeds_data},  // -5: Content-Length 9999
        {"sip-malformed5", Anomaly::bad_content_length},           // 0: Content-Length -999
        {"sip-malformed6", Anomaly::unterminated_quoted_string},   // -5: missing quote in To
        {"sip-malformed7", Anomaly::junk_before_start_line},       // 0: ';' in the user part is fine
        {"sip-malformed8", Anomaly::start_line_extra_space},       // -5: space after the request-URI
        {"sip-malformed9", Anomaly::malformed_header},             // -5: two quoted strings in From
        {"sip-malformed10", Anomaly::malformed_request_uri},       // -5: LWS in the request-URI
        {"sip-malformed11", Anomaly::malformed_header},            // -5: unquoted display name with ','
        {"sip-malformed12", Anomaly::malformed_request_uri},       // -5: <> around the request-URI
    };
    for (const auto& [file, anomaly] : expected) {
        const std::string data = test::read_file(dir / file);
        Message m;
        ASSERT_TRUE(m.parse(data)) << file;
        EXPECT_TRUE(m.has(Anomaly::junk_before_start_line)) << file;
        EXPECT_TRUE(m.has(anomaly)) << file << ": " << testing::PrintToString(test::codes(m.anomalies()));
        exercise(m);
    }
    Message m;
    const std::string seven = test::read_file(dir / "sip-malformed7");
    ASSERT_TRUE(m.parse(seven));
    EXPECT_FALSE(m.has(Anomaly::malformed_request_uri));
    EXPECT_EQ(parse_uri(m.request_uri())->user, "user;par=u%40h.com");
}

TEST(Corpus, Libosip2Messages) {
    const auto dir = corpus("libosip2");
    SKIP_WITHOUT(dir);
    std::size_t count = 0;
    for (const auto& path : test::files_in(dir)) {
        const std::string name = path.filename().string();
        if (!name.starts_with("sip") || name.starts_with("sip-malformed")) continue;
        const std::string data = test::read_file(path);
        Message m;
        ASSERT_TRUE(m.parse(data)) << name;
        exercise(m);
        ++count;
    }
    EXPECT_GE(count, 80U);
    for (const auto& path : test::files_in(dir)) {
        if (!path.filename().string().starts_with("sdp")) continue;
        SessionDescription sdp;
        EXPECT_TRUE(sdp.parse(test::read_file(path))) << path;
    }
}

std::string substitute(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [from, to] : values) {
        for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p + to.size())) {
            text.replace(p, from.size(), to);
        }
    }
    return text;
}

// pjsip sendto cases: a complete message or an SDP body sent in an INVITE,
// with the response code pjsua must give. The SDP error cases must carry
// the anomaly behind that response.
TEST(Corpus, PjsipSendtoCases) {
    const auto dir = corpus("pjsip-sendto");
    SKIP_WITHOUT(dir);
    const std::vector<std::pair<std::string, std::string>> values = {{"$LOCAL_IP", "127.0.0.1"},
                                                                     {"$LOCAL_PORT", "5060"},
                                                                     {"$TARGET_URI", "sip:target@127.0.0.1"},
                                                                     {"$FROM_TAG", ";tag=f1"},
                                                                     {"$BRANCH", "z9hG4bK-b1"}};
    const std::map<std::string, Anomaly> sdp_errors = {
        {"155_err_sdp_bad_syntax", Anomaly::sdp_bad_version},
        {"156_err_sdp_bad_net_type", Anomaly::sdp_bad_connection},
        {"157_err_sdp_bad_addr_type", Anomaly::sdp_bad_connection},
    };
    std::size_t messages = 0, bodies = 0;
    for (const auto& path : test::files_in(dir)) {
        if (path.extension() != ".txt") continue;
        const std::string text = test::read_file(path);
        const std::size_t marker = text.find("# ---- payload below");
        ASSERT_NE(marker, std::string::npos) << path;
        std::string payload = substitute(text.substr(text.find('\n', marker) + 1), values);
        payload = payload.substr(0, payload.find("# ---- non_sdp_body"));
        const std::string stem = path.stem().string();
        if (text.find("payload_kind: complete_msg") != std::string::npos) {
            Message m;
            ASSERT_TRUE(m.parse(payload)) << stem;
            exercise(m);
            ++messages;
        } else {
            SessionDescription sdp;
            const bool ok = sdp.parse(payload);
            if (stem.starts_with("25") || stem.starts_with("26")) continue;  // multipart bodies, below
            ASSERT_TRUE(ok) << stem;
            const auto it = sdp_errors.find(stem);
            if (it != sdp_errors.end()) {
                EXPECT_TRUE(sdp.has(it->second)) << stem;
            }
            ++bodies;
        }
    }
    EXPECT_GE(messages, 10U);
    EXPECT_GE(bodies, 60U);
    const std::string multipart = test::read_file(dir / "251_multipart_ok_simple.txt");
    const std::string body = multipart.substr(multipart.find("--12345"));
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse(find_sdp("multipart/mixed; boundary=12345", body)));
    EXPECT_EQ(sdp.media()[0].port, 4000);
}

TEST(Corpus, KamailioMessages) {
    const auto dir = corpus("kamailio");
    SKIP_WITHOUT(dir);
    std::size_t count = 0;
    for (const auto& path : test::files_in(dir)) {
        const std::string data = test::read_file(path);
        Message m;
        ASSERT_TRUE(m.parse(data)) << path;
        exercise(m);
        ++count;
    }
    EXPECT_GE(count, 40U);
    Message m;
    const std::string bad_via = test::read_file(dir / "bad_via1.sip");
    ASSERT_TRUE(m.parse(bad_via));
    EXPECT_EQ(m.top_via()->host, "193.175.133.193");  // folded "SIP / 2.0 / UDP" is valid
    EXPECT_TRUE(m.has(Anomaly::bare_lf));
}

// SIPp scenario XML: every <send> CDATA is a message template. Lines are
// trimmed as SIPp does, keywords get plausible values, [len] the body size.
std::vector<std::string> sipp_messages(const std::string& xml) {
    static const std::vector<std::pair<std::string, std::string>> values = {
        {"[last_Via:]", "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-v1"},
        {"[last_From:]", "From: <sip:a@192.0.2.1>;tag=f1"},
        {"[last_To:]", "To: <sip:b@192.0.2.2>;tag=t1"},
        {"[last_Call-ID:]", "Call-ID: c1@192.0.2.1"},
        {"[last_CSeq:]", "CSeq: 1 INVITE"},
        {"[authentication]",
         "Authorization: Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:b@192.0.2.2\", response=\"00\""},
        {"[local_ip]", "192.0.2.1"},
        {"[remote_ip]", "192.0.2.2"},
        {"[media_ip]", "192.0.2.1"},
        {"[local_port]", "5060"},
        {"[remote_port]", "5060"},
        {"[media_port]", "6000"},
        {"[auto_media_port]", "6000"},
        {"[local_ip_type]", "4"},
        {"[media_ip_type]", "4"},
        {"[transport]", "UDP"},
        {"[service]", "service"},
        {"[call_number]", "1"},
        {"[call_id]", "1-1@192.0.2.1"},
        {"[branch]", "z9hG4bK-1"},
        {"[pid]", "1"},
        {"[peer_tag_param]", ";tag=t1"},
        {"[cseq]", "1"}};
    std::vector<std::string> out;
    for (std::size_t at = xml.find("<send"); at != std::string::npos; at = xml.find("<send", at + 1)) {
        const std::size_t open = xml.find("<![CDATA[", at);
        const std::size_t close = xml.find("]]>", open);
        if (open == std::string::npos || close == std::string::npos) break;
        if (xml.find('<', xml.find('>', at) + 1) != open) continue;  // a <send> without CDATA
        std::string text = substitute(xml.substr(open + 9, close - open - 9), values);
        std::string message, line;
        std::istringstream in(text);
        bool started = false;
        while (std::getline(in, line)) {
            const auto first = line.find_first_not_of(" \t\r");
            const std::string trimmed =
                first == std::string::npos ? "" : line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
            if (!started && trimmed.empty()) continue;
            started = true;
            message += trimmed + "\r\n";
        }
        while (message.ends_with("\r\n")) message.resize(message.size() - 2);
        message += message.find("\r\n\r\n") == std::string::npos ? "\r\n\r\n" : "\r\n";
        const auto split = message.find("\r\n\r\n");
        const std::size_t body = split == std::string::npos ? 0 : message.size() - split - 4;
        out.push_back(substitute(message, {{"[len]", std::to_string(body)}}));
    }
    return out;
}

TEST(Corpus, SippScenarioTemplates) {
    std::size_t count = 0;
    for (const char* sub : {"sipp-scenarios", "freeswitch-sipp-scenarios"}) {
        const auto dir = corpus(sub);
        SKIP_WITHOUT(dir);
        for (const auto& path : test::files_in(dir)) {
            for (const std::string& data : sipp_messages(test::read_file(path))) {
                Message m;
                ASSERT_TRUE(m.parse(data)) << path << "\n" << data;
                exercise(m);
                for (Anomaly bad :
                     {Anomaly::content_length_exceeds_data, Anomaly::trailing_bytes, Anomaly::truncated_headers,
                      Anomaly::malformed_header, Anomaly::malformed_request_uri, Anomaly::control_character}) {
                    EXPECT_FALSE(m.has(bad)) << path << ": " << code(bad) << "\n" << data;
                }
                ++count;
            }
        }
    }
    EXPECT_GE(count, 30U);
}

}  // namespace
}  // namespace sipwarden::sip
