// Message parsing: start lines, header table, compact forms, folding, lists,
// body framing, each anomaly code, limits, and no allocation after warm-up.
#include "sip/message.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <string>

#include "sip/line_scanner.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip/test_support.h"

// Counts global allocations so a test can prove the hot path makes none.
namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

// The replacements pair malloc with free on purpose.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace sipwarden::sip {
namespace {

// Builds a message from lines joined by CR LF, then an empty line, then a body.
std::string msg(std::initializer_list<std::string_view> lines, std::string_view body = {}) {
    std::string out;
    for (auto l : lines) {
        out += l;
        out += "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

const std::string k_invite =
    msg({"INVITE sip:+15550100@pbx.example.com;user=phone SIP/2.0",
         "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-1;rport", "Max-Forwards: 70",
         "From: \"Alice\" <sip:alice@example.com>;tag=a1", "To: <sip:+15550100@pbx.example.com>",
         "Call-ID: call-1@192.0.2.10", "CSeq: 1 INVITE", "Contact: <sip:alice@192.0.2.10:5062>",
         "User-Agent: friendly-phone 1.0", "Content-Type: application/sdp", "Content-Length: 115"},
        "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n"
        "a=rtpmap:0 PCMU/8000\r\n");

TEST(Message, ParsesAFullInvite) {
    Message m;
    ASSERT_TRUE(m.parse(k_invite));
    EXPECT_TRUE(m.anomalies().empty()) << testing::PrintToString(test::codes(m.anomalies()));
    EXPECT_TRUE(m.is_request());
    EXPECT_EQ(m.method(), Method::invite);
    EXPECT_EQ(to_string(m.method()), "INVITE");
    EXPECT_EQ(m.request_uri(), "sip:+15550100@pbx.example.com;user=phone");
    EXPECT_EQ(m.call_id(), "call-1@192.0.2.10");
    EXPECT_EQ(m.cseq()->number, 1U);
    EXPECT_EQ(m.from()->tag(), "a1");
    EXPECT_EQ(m.from()->display_name, "\"Alice\"");
    EXPECT_FALSE(m.to()->tag());
    EXPECT_EQ(m.top_via()->port, 5062);
    EXPECT_TRUE(m.top_via()->rport);
    EXPECT_FALSE(m.top_via()->rport_value);
    EXPECT_EQ(m.header(HeaderId::user_agent), "friendly-phone 1.0");
    EXPECT_EQ(m.body().size(), 115U);
    EXPECT_EQ(m.size(), k_invite.size());
    EXPECT_EQ(m.headers().size(), 10U);
    EXPECT_EQ(m.headers()[0].id, HeaderId::via);
    EXPECT_EQ(m.headers()[0].name, "Via");
    EXPECT_EQ(find_sdp(m), m.body());
}

TEST(Message, ParsesAStatusLine) {
    Message m;
    const std::string data =
        msg({"SIP/2.0 401 Unauthorized", "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx",
             "From: <sip:a@example.com>;tag=1", "To: <sip:a@example.com>;tag=2", "Call-ID: x", "CSeq: 2 REGISTER",
             "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc\"", "Content-Length: 0"});
    ASSERT_TRUE(m.parse(data));
    EXPECT_FALSE(m.is_request());
    EXPECT_EQ(m.status_code(), 401);
    EXPECT_EQ(m.reason(), "Unauthorized");
    EXPECT_EQ(m.cseq()->method, Method::register_);
    EXPECT_EQ(m.to()->tag(), "2");
    EXPECT_TRUE(m.anomalies().empty()) << testing::PrintToString(test::codes(m.anomalies()));
}

TEST(Message, FailsOnlyWithoutAStartLine) {
    Message m;
    EXPECT_FALSE(m.parse(""));
    EXPECT_FALSE(m.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_FALSE(m.parse("\x16\x03\x01\x02\x00\x01\x00\x01\xfc"));
    EXPECT_FALSE(m.parse("INVITE"));
    EXPECT_TRUE(m.parse("OPTIONS sip:x SIP/2.0"));  // a start line alone is usable
    EXPECT_TRUE(m.has(Anomaly::truncated_headers));
}

TEST(Message, LooksLikeSip) {
    EXPECT_TRUE(looks_like_sip(k_invite));
    EXPECT_TRUE(looks_like_sip("\r\n\r\nSIP/2.0 200 OK\r\n"));
    EXPECT_TRUE(looks_like_sip("REGISTER sip:example.com SIP/2.0\r\n"));
    EXPECT_FALSE(looks_like_sip("GET / HTTP/1.1\r\n"));
    EXPECT_FALSE(looks_like_sip("SIP/ nothing"));
    EXPECT_FALSE(looks_like_sip(""));
    EXPECT_FALSE(looks_like_sip("\r\n"));
    EXPECT_FALSE(looks_like_sip(std::string(5000, 'A')));
    EXPECT_FALSE(looks_like_sip("\x80\x00\x01\x02 SIP/2.0\r\n"));  // RTP-like first byte
    EXPECT_FALSE(looks_like_sip(" INVITE sip:a@b SIP/2.0\r\n"));
}

TEST(Message, HeaderNamesAreCaseInsensitiveWithCompactForms) {
    Message m;
    const std::string data = msg({"MESSAGE sip:b@example.com SIP/2.0",
                                  "v: SIP/2.0/TCP h.example.com;branch=z9hG4bK1",
                                  "f: <sip:a@example.com>;tag=x",
                                  "t: <sip:b@example.com>",
                                  "i: abc",
                                  "CSEQ: 7 MESSAGE",
                                  "mAx-FoRwArDs: 10",
                                  "m: <sip:a@h.example.com>",
                                  "c: text/plain",
                                  "l: 2",
                                  "k: path",
                                  "o: presence",
                                  "u: talk",
                                  "r: <sip:c@example.com>",
                                  "b: <sip:d@example.com>",
                                  "x: 1800",
                                  "s: hi",
                                  "e: gzip",
                                  "y: sig",
                                  "n: <https://example.com/cert>",
                                  "a: *;audio",
                                  "j: *;video",
                                  "d: proxy"},
                                 "hi");
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.anomalies().empty()) << testing::PrintToString(test::codes(m.anomalies()));
    for (HeaderId id : {HeaderId::via,
                        HeaderId::from,
                        HeaderId::to,
                        HeaderId::call_id,
                        HeaderId::cseq,
                        HeaderId::max_forwards,
                        HeaderId::contact,
                        HeaderId::content_type,
                        HeaderId::content_length,
                        HeaderId::supported,
                        HeaderId::event,
                        HeaderId::allow_events,
                        HeaderId::refer_to,
                        HeaderId::referred_by,
                        HeaderId::session_expires,
                        HeaderId::subject,
                        HeaderId::content_encoding,
                        HeaderId::identity,
                        HeaderId::identity_info,
                        HeaderId::accept_contact,
                        HeaderId::reject_contact,
                        HeaderId::request_disposition}) {
        EXPECT_EQ(m.count(id), 1U) << header_name(id);
    }
    EXPECT_EQ(m.body(), "hi");
    EXPECT_EQ(header_id("WWW-AUTHENTICATE"), HeaderId::www_authenticate);
    EXPECT_EQ(header_id("p-asserted-identity"), HeaderId::p_asserted_identity);
    EXPECT_EQ(header_id("X-Unknown"), HeaderId::other);
    EXPECT_EQ(header_id("q"), HeaderId::other);
    EXPECT_EQ(header_id(""), HeaderId::other);
    for (std::size_t i = 1; i < k_header_id_count; ++i) {
        const auto id = static_cast<HeaderId>(i);
        EXPECT_EQ(header_id(header_name(id)), id) << header_name(id);
    }
}

// The header-name lookup against its definition: a name is known when it
// equals a long or compact name with ASCII letters compared without case.
// Names are mutated a byte at a time, including into bytes that differ from
// a name's only in the case bit (CR for '-', '@' for '`'), and are followed
// by random bytes, which the lookup must not read as part of the name.
TEST(HeaderIdTest, AgreesWithTheDefinition) {
    const std::vector<std::pair<char, HeaderId>> compact = {{'i', HeaderId::call_id},
                                                            {'m', HeaderId::contact},
                                                            {'e', HeaderId::content_encoding},
                                                            {'l', HeaderId::content_length},
                                                            {'c', HeaderId::content_type},
                                                            {'f', HeaderId::from},
                                                            {'s', HeaderId::subject},
                                                            {'k', HeaderId::supported},
                                                            {'t', HeaderId::to},
                                                            {'v', HeaderId::via},
                                                            {'o', HeaderId::event},
                                                            {'u', HeaderId::allow_events},
                                                            {'r', HeaderId::refer_to},
                                                            {'b', HeaderId::referred_by},
                                                            {'x', HeaderId::session_expires},
                                                            {'y', HeaderId::identity},
                                                            {'n', HeaderId::identity_info},
                                                            {'a', HeaderId::accept_contact},
                                                            {'j', HeaderId::reject_contact},
                                                            {'d', HeaderId::request_disposition}};
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    const auto same = [&](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (lower(a[i]) != lower(b[i])) return false;
        }
        return true;
    };
    const auto reference = [&](std::string_view name) {
        for (std::size_t i = 1; i < k_header_id_count; ++i) {
            if (same(name, header_name(static_cast<HeaderId>(i)))) return static_cast<HeaderId>(i);
        }
        for (const auto& [c, id] : compact) {
            if (name.size() == 1 && lower(name[0]) == c) return id;
        }
        return HeaderId::other;
    };
    std::vector<std::string> names;
    for (std::size_t i = 1; i < k_header_id_count; ++i) names.emplace_back(header_name(static_cast<HeaderId>(i)));
    for (const auto& [c, id] : compact) names.emplace_back(1, c);
    std::mt19937 random(5);
    const std::string odd = std::string("\r\n@`:-_ \t\x7f") + "\xc1" + "\xe1" + "Aa";
    for (int round = 0; round < 300000; ++round) {
        std::string name = names[random() % names.size()];
        for (char& c : name) {
            if (random() % 2 == 0) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : lower(c));
        }
        if (random() % 2 == 0) {
            const std::size_t at = random() % name.size();
            name[at] = random() % 2 == 0 ? odd[random() % odd.size()] : static_cast<char>(name[at] ^ 0x20);
        }
        if (random() % 8 == 0) name.resize(random() % (name.size() + 1));
        std::string text = name;
        for (std::size_t extra = random() % 12; extra > 0; --extra) text += static_cast<char>(random());
        EXPECT_EQ(header_id_prefix(text, name.size()), reference(name)) << testing::PrintToString(name);
    }
}

TEST(Message, RepeatedAndCommaSeparatedValuesKeepOrder) {
    Message m;
    const std::string data = msg(
        {"SIP/2.0 200 OK", "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2",
         "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3", "From: <sip:a@example.com>;tag=1",
         "To: <sip:a@example.com>;tag=2", "Call-ID: x", "CSeq: 1 INVITE",
         "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>",
         "Record-Route: \"Proxy, three\" <sip:p3.example.com;lr>",
         "Contact: <sip:a@h1.example.com>;expires=60, \"B, C\" <sip:b@h2.example.com>;q=0.5", "Allow: INVITE, ACK, BYE",
         "Content-Length: 0"});
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(m.via_count(), 3U);
    EXPECT_EQ(m.count(HeaderId::via), 2U);
    std::vector<std::string_view> hosts;
    for (auto v : m.values(HeaderId::record_route)) hosts.push_back(parse_name_addr(v)->uri.host);
    EXPECT_EQ(hosts, (std::vector<std::string_view>{"p1.example.com", "p2.example.com", "p3.example.com"}));
    std::vector<std::string_view> contacts;
    for (auto v : m.values(HeaderId::contact)) contacts.push_back(parse_contact(v)->address.uri.user);
    EXPECT_EQ(contacts, (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(parse_contact(*m.values(HeaderId::contact).begin())->expires, 60U);
    std::vector<std::string_view> allow(m.values(HeaderId::allow).begin(), m.values(HeaderId::allow).end());
    EXPECT_EQ(allow, (std::vector<std::string_view>{"INVITE", "ACK", "BYE"}));
    EXPECT_EQ(m.values(HeaderId::route).begin(), m.values(HeaderId::route).end());
}

TEST(Message, FoldedLinesJoinTheHeaderValue) {
    Message m;
    const std::string data =
        msg({"OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/UDP h.example.com", " ;branch=z9hG4bK7",
             "From:", "\t<sip:b@example.com>;tag=9", "To: <sip:a@example.com>", "Call-ID: f", "CSeq: 1", "  OPTIONS",
             "Max-Forwards: 70", "Content-Length: 0"});
    ASSERT_TRUE(m.parse(data));
    EXPECT_TRUE(m.anomalies().empty()) << testing::PrintToString(test::codes(m.anomalies()));
    EXPECT_EQ(m.top_via()->branch, "z9hG4bK7");
    EXPECT_EQ(m.from()->tag(), "9");
    EXPECT_EQ(m.cseq()->method, Method::options);
}

TEST(Message, BodyRunsToTheEndWithoutContentLength) {
    Message m;
    const std::string data = msg(
        {"MESSAGE sip:b@example.com SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:a@example.com>;tag=1",
         "To: <sip:b@example.com>", "Call-ID: 1", "CSeq: 1 MESSAGE", "Max-Forwards: 70", "Content-Type: text/plain"},
        "hello there");
    ASSERT_TRUE(m.parse(data));
    EXPECT_EQ(m.body(), "hello there");
    EXPECT_EQ(test::codes(m.anomalies()), (std::vector<std::string>{"sip.no_content_length"}));
}

TEST(Message, TrailingBlankLinesAreNotTrailingBytes) {
    Message m;
    ASSERT_TRUE(m.parse(k_invite + "\r\n\r\n"));
    EXPECT_TRUE(m.anomalies().empty());
    EXPECT_EQ(m.size(), k_invite.size());
}

TEST(Message, BareLineFeedsAreTolerated) {
    std::string data = k_invite;
    std::string lf;
    for (char c : data) {
        if (c != '\r') lf += c;
    }
    Message m;
    ASSERT_TRUE(m.parse(lf));
    EXPECT_EQ(m.call_id(), "call-1@192.0.2.10");
    EXPECT_TRUE(m.has(Anomaly::bare_lf));
}

// One positive case per message anomaly code (the negative is ParsesAFullInvite).
struct Shape {
    const char* name;
    std::string data;
    Anomaly expected;
};

std::string replace(std::string s, std::string_view from, std::string_view to) {
    const auto p = s.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) s.replace(p, from.size(), to);
    return s;
}

TEST(Message, EachShapeRaisesItsAnomaly) {
    const std::vector<Shape> shapes = {
        {"junk", "garbage line\r\n" + k_invite, Anomaly::junk_before_start_line},
        {"extra space", replace(k_invite, "INVITE sip", "INVITE  sip"), Anomaly::start_line_extra_space},
        {"version", replace(k_invite, "user=phone SIP/2.0", "user=phone SIP/3.0"), Anomaly::unknown_version},
        {"method", replace(replace(k_invite, "INVITE sip", "INV(TE sip"), "1 INVITE", "1 INV(TE"), Anomaly::bad_method},
        {"uri <>", replace(k_invite, "sip:+15550100@pbx.example.com;user=phone SIP", "<sip:x@y> SIP"),
         Anomaly::malformed_request_uri},
        {"uri lws", replace(k_invite, ";user=phone SIP", "; user=phone SIP"), Anomaly::malformed_request_uri},
        {"uri escape", replace(k_invite, "+15550100@pbx", "%4@pbx"), Anomaly::bad_escape},
        {"status", msg({"SIP/2.0 20 OK"}), Anomaly::bad_status_code},
        {"status 700", msg({"SIP/2.0 700 OK"}), Anomaly::bad_status_code},
        {"no colon", replace(k_invite, "Max-Forwards: 70", "Max-Forwards 70"), Anomaly::header_without_colon},
        {"name ctl", replace(k_invite, "Call-ID:", "Call\x01ID:"), Anomaly::bad_header_name},
        {"value ctl", replace(k_invite, "friendly-phone", "friendly\x07phone"), Anomaly::control_character},
        {"value nul", replace(k_invite, "friendly-phone", std::string("friendly\0phone", 14)), Anomaly::nul_byte},
        {"line", replace(k_invite, "friendly-phone", std::string(5000, 'p')), Anomaly::line_too_long},
        {"missing", replace(k_invite, "Call-ID: call-1@192.0.2.10\r\n", ""), Anomaly::missing_header},
        {"duplicate", replace(k_invite, "CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\r\nCSeq: 2 INVITE\r\n"),
         Anomaly::duplicate_header},
        {"malformed", replace(k_invite, "To: <sip:", "To: sip:<"), Anomaly::malformed_header},
        {"quote", replace(k_invite, "\"Alice\"", "\"Alice"), Anomaly::unterminated_quoted_string},
        {"overflow", replace(k_invite, "CSeq: 1 INVITE", "CSeq: 2147483648 INVITE"), Anomaly::numeric_overflow},
        {"number", replace(k_invite, "Max-Forwards: 70", "Max-Forwards: seventy"), Anomaly::bad_number},
        {"mismatch", replace(k_invite, "CSeq: 1 INVITE", "CSeq: 1 BYE"), Anomaly::cseq_method_mismatch},
        {"branch", replace(k_invite, ";branch=z9hG4bK-1", ""), Anomaly::via_missing_branch},
        {"two lengths", replace(k_invite, "Content-Length: 115", "Content-Length: 115\r\nl: 115"),
         Anomaly::multiple_content_length},
        {"bad length", replace(k_invite, "Content-Length: 115", "Content-Length: 12x"), Anomaly::bad_content_length},
        {"long length", replace(k_invite, "Content-Length: 115", "Content-Length: 500"),
         Anomaly::content_length_exceeds_data},
        {"short length", replace(k_invite, "Content-Length: 115", "Content-Length: 100"), Anomaly::trailing_bytes},
        {"no type", replace(k_invite, "Content-Type: application/sdp\r\n", ""), Anomaly::body_without_content_type},
        {"truncated", k_invite.substr(0, 200), Anomaly::truncated_headers},
        {"multipart", replace(k_invite, "application/sdp", "multipart/mixed;boundary=nowhere"), Anomaly::bad_multipart},
    };
    for (const Shape& s : shapes) {
        Message m;
        ASSERT_TRUE(m.parse(s.data)) << s.name;
        EXPECT_TRUE(m.has(s.expected)) << s.name << ": " << testing::PrintToString(test::codes(m.anomalies()));
    }
}

// The request-URI's verdict is remembered by its bytes: a repeated URI is
// noted as on its first sight, and one differing in a single byte of the
// same length is judged afresh.
TEST(Message, RepeatedRequestUrisAreJudgedAsTheFirstTime) {
    struct Case {
        std::string_view uri;
        bool malformed, bad_escape;
    };
    const std::vector<Case> cases = {
        {"sip:a%41@pbx.example.com", false, false},      {"sip:a%4x@pbx.example.com", false, true},
        {"sip:a%41@pbx.example.com?h=1", true, false},   {"sip:a%4x@pbx.example.com?h=1", true, true},
        {"sip:a%41@pbx.example.com:99999", true, false}, {"tel:+15550100?x=1", false, false},
    };
    for (int round = 0; round < 3; ++round) {
        for (const Case& c : cases) {
            Message m;
            ASSERT_TRUE(m.parse(replace(k_invite, "sip:+15550100@pbx.example.com;user=phone", c.uri))) << c.uri;
            EXPECT_EQ(m.has(Anomaly::malformed_request_uri), c.malformed) << c.uri << " round " << round;
            EXPECT_EQ(m.has(Anomaly::bad_escape), c.bad_escape) << c.uri << " round " << round;
        }
    }
}

// The first Contact value keeps its parse; only that very view gets it.
TEST(Message, KeepsTheParseOfTheFirstContact) {
    Message m;
    const std::string data = replace(k_invite, "Contact: <sip:alice@192.0.2.10:5062>",
                                     "Contact: <sip:alice@192.0.2.10:5062>;expires=60, <sip:a@b>\r\nContact: *");
    ASSERT_TRUE(m.parse(data));
    std::vector<std::string_view> values;
    for (auto v : m.values(HeaderId::contact)) values.push_back(v);
    ASSERT_EQ(values.size(), 3U);
    const auto first = m.first_contact_parse(values[0]);
    ASSERT_TRUE(first.has_value());
    ASSERT_NE(*first, nullptr);
    EXPECT_EQ((*first)->address.uri_text, "sip:alice@192.0.2.10:5062");
    EXPECT_EQ((*first)->expires, 60U);
    EXPECT_FALSE(m.first_contact_parse(values[1]).has_value());
    EXPECT_FALSE(m.first_contact_parse(values[2]).has_value());
    const std::string copy(values[0]);  // the same bytes elsewhere
    EXPECT_FALSE(m.first_contact_parse(copy).has_value());

    const std::string unterminated =
        replace(k_invite, "Contact: <sip:alice@192.0.2.10:5062>", "Contact: <sip:alice@192.0.2.10");
    ASSERT_TRUE(m.parse(unterminated));
    const auto broken = m.first_contact_parse(*m.values(HeaderId::contact).begin());
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(*broken, nullptr);

    const std::string none = replace(k_invite, "Contact: <sip:alice@192.0.2.10:5062>\r\n", "");
    ASSERT_TRUE(m.parse(none));
    EXPECT_FALSE(m.first_contact_parse(values[0]).has_value());
}

TEST(Message, LimitsAreAnomalies) {
    Limits limits;
    limits.max_headers = 4;
    limits.max_via = 1;
    limits.max_anomalies = 2;
    limits.max_call_id_bytes = 5;
    limits.max_uri_bytes = 10;
    limits.max_header_bytes = 10;
    Message m;
    ASSERT_TRUE(m.parse(replace(k_invite, "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-1;rport",
                                "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2"),
                        limits));
    EXPECT_TRUE(m.has(Anomaly::too_many_headers));
    EXPECT_TRUE(m.has(Anomaly::too_many_via));
    EXPECT_TRUE(m.has(Anomaly::value_too_long));
    EXPECT_EQ(m.headers().size(), 4U);
    EXPECT_EQ(m.anomalies().size(), 2U);
    EXPECT_GT(m.anomalies_dropped(), 0U);
    EXPECT_EQ(m.cseq()->number, 1U);   // headers past the table bound are still checked
    EXPECT_EQ(m.body().size(), 115U);  // and Content-Length still frames the body

    Limits small;
    small.max_message_bytes = 100;
    EXPECT_TRUE(m.parse(k_invite, small));
    EXPECT_TRUE(m.has(Anomaly::message_too_large));
    EXPECT_LE(m.size(), 100U);
}

// Every header name is looked up alike whichever way its line was found:
// the one-pass table of a clean block, or line by line when a control byte
// (here a NUL in the Subject) makes each line need checking. Names longer
// than sixteen bytes and names before a space and the colon included.
TEST(Message, LongAndSpacedHeaderNamesAreKnownOnEveryPath) {
    for (const std::string_view subject : {std::string_view("Subject: hi"), std::string_view("Subject: h\0i", 12)}) {
        Message m;
        const std::string data = msg(
            {"INVITE sip:b@example.com SIP/2.0", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
             "From: <sip:a@example.com>;tag=x", "To : <sip:b@example.com>", "Call-ID: abc", "CSeq: 7 INVITE",
             "Max-Forwards: 10", "Contact: <sip:a@h.example.com>", "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"",
             "Proxy-Authorization: Digest username=\"a\"", "X-Asterisk-HangupCause: Normal Clearing", subject});
        ASSERT_TRUE(m.parse(data)) << subject.size();
        EXPECT_EQ(m.has(Anomaly::nul_byte), subject.size() == 12);
        EXPECT_EQ(m.count(HeaderId::www_authenticate), 1U) << subject.size();
        EXPECT_EQ(m.count(HeaderId::proxy_authorization), 1U) << subject.size();
        EXPECT_EQ(m.count(HeaderId::x_asterisk_hangupcause), 1U) << subject.size();
        EXPECT_EQ(m.count(HeaderId::to), 1U) << subject.size();
        EXPECT_EQ(m.count(HeaderId::other), 0U) << subject.size();
        EXPECT_FALSE(m.has(Anomaly::missing_header)) << testing::PrintToString(test::codes(m.anomalies()));
    }
}

// A Message keeps its From, To and top Via storage from one parse to the
// next; whatever the previous message left in it, the accessors must say
// what a fresh Message would. Every ordered pair of these messages is
// parsed into one object and compared field by field with a fresh parse.
// A CR inside the request-URI is a control byte, not white space: the URI
// is bad, whatever its length. (The white-space scan once tested SP and HT
// sixteen bytes at a time but SP, HT, CR and LF in a URI under sixteen
// bytes, which then read as "white space in request-URI".)
TEST(Message, ControlByteInRequestUriIsABadUriWhateverItsLength) {
    for (const std::string uri : {"sip:bob@pbx.com", "sip:alice-and-bob-and-carol@pbx.example.com"}) {
        // Not the last byte: white space there only doubles the space before the version.
        for (std::size_t at = 4; at + 1 < uri.size(); ++at) {
            for (const char odd : {'\r', ' ', '\t'}) {
                std::string u = uri;
                u[at] = odd;
                const std::string data = "OPTIONS " + u +
                                         " SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@example.com>\r\n"
                                         "From: <sip:a@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
                                         "Max-Forwards: 70\r\n\r\n";
                Message m;
                ASSERT_TRUE(m.parse(data)) << at;
                std::string_view detail;
                for (const auto& record : m.anomalies())
                    if (record.anomaly == Anomaly::malformed_request_uri) detail = record.detail;
                EXPECT_EQ(detail, odd == '\r' ? "bad request-URI" : "white space in request-URI")
                    << "byte " << static_cast<int>(odd) << " at " << at << " of " << uri;
            }
        }
    }
}

// A first line starting with "SIP/" is a status line or no start line at
// all, even in the shape of a request line: the usual-request shortcut once
// took "SIP/REGISTER sip:x SIP/2.0" for a request line.
TEST(Message, SipSlashLineIsNeverARequestLine) {
    const std::string data =
        "SIP/REGISTER sip:pbx.example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@example.com>\r\n"
        "From: <sip:a@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\n\r\n";
    EXPECT_FALSE(looks_like_sip(data));
    Message m;
    EXPECT_FALSE(m.parse(data));
    // The same request line without the prefix is one.
    EXPECT_TRUE(looks_like_sip(data.substr(4)));
    EXPECT_TRUE(m.parse(data.substr(4)));
    EXPECT_TRUE(m.is_request());
}

TEST(Message, ReusedObjectParsesLikeAFreshOne) {
    const std::vector<std::string> messages = {
        msg({"INVITE sip:bob@example.com SIP/2.0",
             "Via: SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bK-a;received=192.0.2.7;rport=5071;maddr=192.0.2.8;ttl=3",
             "From: \"Al\" <sips:alice:secret@example.com:5061;transport=tls?subject=x>;tag=a1",
             "To: <tel:+15550100;phone-context=example.com>", "Call-ID: c1", "CSeq: 1 INVITE", "Max-Forwards: 70",
             "Content-Length: 0"}),
        msg({"SIP/2.0 200 OK", "Via: SIP/2.0/UDP 192.0.2.10", "From: sip:a@h", "To: sip:b@h", "Call-ID: c2",
             "CSeq: 2 BYE", "Content-Length: 0"}),
        msg({"OPTIONS sip:h SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bKx, SIP/2.0/UDP g;branch=z9hG4bKy",
             "From: <sip:%zz@h>;tag=1", "To: broken <sip:", "Call-ID: c3", "CSeq: 3 OPTIONS", "Content-Length: 0"}),
        msg({"REGISTER sip:h SIP/2.0", "Via: bad via", "From: <sip:u@h>;tag=2", "Call-ID: c4", "CSeq: 4 REGISTER",
             "Contact: *", "Content-Length: 0"}),
    };
    const auto name_addr = [](const NameAddr* a) {
        if (a == nullptr) return std::string("none");
        const Uri& u = a->uri;
        return std::string(a->display_name) + "|" + std::string(a->uri_text) + "|" + std::string(a->params) + "|" +
               std::to_string(a->angle_brackets) + "|" + std::to_string(static_cast<int>(u.scheme)) + "|" +
               std::string(u.scheme_text) + "|" + std::string(u.user) + "|" + std::string(u.password) + "|" +
               std::string(u.host) + "|" + std::to_string(static_cast<int>(u.host_kind)) + "|" +
               std::to_string(u.port.value_or(0)) + std::to_string(u.port.has_value()) + "|" + std::string(u.params) +
               "|" + std::string(u.headers) + "|" + std::string(u.opaque) + "|" + std::to_string(u.bad_escape);
    };
    const auto via = [](const Via* v) {
        if (v == nullptr) return std::string("none");
        return std::string(v->protocol) + "|" + std::string(v->version) + "|" + std::string(v->transport) + "|" +
               std::string(v->host) + "|" + std::to_string(static_cast<int>(v->host_kind)) + "|" +
               std::to_string(v->port.value_or(0)) + std::to_string(v->port.has_value()) + "|" +
               std::string(v->params) + "|" + std::string(v->branch.value_or("-")) + "|" +
               std::string(v->received.value_or("-")) + "|" + std::string(v->maddr.value_or("-")) + "|" +
               std::to_string(v->ttl.value_or(0)) + std::to_string(v->ttl.has_value()) + "|" +
               std::to_string(v->rport) + std::to_string(v->rport_value.value_or(0));
    };
    for (const std::string& first : messages) {
        for (const std::string& second : messages) {
            Message reused, fresh;
            ASSERT_TRUE(reused.parse(first));
            ASSERT_TRUE(reused.parse(second));
            ASSERT_TRUE(fresh.parse(second));
            EXPECT_EQ(name_addr(reused.from()), name_addr(fresh.from())) << second;
            EXPECT_EQ(name_addr(reused.to()), name_addr(fresh.to())) << second;
            EXPECT_EQ(via(reused.top_via()), via(fresh.top_via())) << second;
            EXPECT_EQ(reused.anomalies().size(), fresh.anomalies().size()) << second;
        }
    }
    // The messages cover what the comparison needs: present, absent and
    // malformed values.
    Message m;
    ASSERT_TRUE(m.parse(messages[2]));
    EXPECT_EQ(m.to(), nullptr);
    ASSERT_TRUE(m.parse(messages[3]));
    EXPECT_EQ(m.top_via(), nullptr);
    EXPECT_EQ(m.to(), nullptr);
}

TEST(Message, ParsesWithoutAllocatingAfterWarmUp) {
    const std::vector<std::string> batch = {
        k_invite,
        msg({"SIP/2.0 200 OK", "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-1;received=192.0.2.99;rport=5062",
             "From: \"Alice\" <sip:alice@example.com>;tag=a1", "To: <sip:+15550100@pbx.example.com>;tag=b2",
             "Call-ID: call-1@192.0.2.10", "CSeq: 1 INVITE", "Contact: <sip:pbx.example.com>", "Content-Length: 0"}),
        test::read_file(test::data_dir() / "rfc4475/wsinv.dat"),
        test::read_file(test::data_dir() / "rfc4475/longreq.dat"),
        test::read_file(test::data_dir() / "rfc4475/multi01.dat"),
        test::read_file(test::data_dir() / "rfc4475/intmeth.dat"),
    };
    Message m;
    SessionDescription sdp;
    std::size_t fields = 0;
    auto run = [&] {
        for (const std::string& data : batch) {
            ASSERT_TRUE(m.parse(data));
            fields += m.call_id().size() + m.via_count() + m.anomalies().size();
            for (auto v : m.values(HeaderId::contact)) fields += parse_contact(v) ? 1U : 0U;
            const auto body = find_sdp(m);
            if (!body.empty() && sdp.parse(body)) fields += sdp.media().size();
        }
    };
    run();  // warm-up: the arrays reach their capacity
    const std::size_t before = g_allocations.load();
    for (int i = 0; i < 100; ++i) run();
    EXPECT_EQ(g_allocations.load() - before, 0U);
    EXPECT_GT(fields, 0U);
}

}  // namespace
}  // namespace sipwarden::sip

namespace sipwarden::sip {
namespace {

// What LineTable::build must find, from the definition: the lines from the
// start up to the first empty one (or the end), each with its LF and first
// ':'; usable only when no byte but HT, and CR right before LF, is a control
// byte, the data has at least 64 bytes and the lines fit the table.
struct ReferenceTable {
    bool usable = true;
    std::vector<std::pair<std::size_t, std::size_t>> lines;  // LF, first ':' (npos: none)
};

ReferenceTable reference_table(std::string_view data) {
    ReferenceTable out;
    out.usable = data.size() >= 64;
    for (std::size_t start = 0; start < data.size();) {
        const std::size_t lf = data.find('\n', start);
        const std::size_t end = lf == std::string_view::npos ? data.size() : lf;
        for (std::size_t i = start; i < end; ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            const bool cr_before_lf = c == '\r' && i + 1 == lf;
            if ((c < 0x20 || c == 0x7f) && c != '\t' && !cr_before_lf) out.usable = false;
        }
        if (lf == std::string_view::npos) break;
        if (out.lines.size() == scan::LineTable::k_capacity) {
            out.usable = false;
            break;
        }
        const std::size_t colon = data.substr(start, lf - start).find(':');
        out.lines.emplace_back(lf, colon == std::string_view::npos ? scan::npos : start + colon);
        if (lf == start || (lf == start + 1 && data[start] == '\r')) break;
        start = lf + 1;
    }
    return out;
}

// Random blocks made of the bytes that matter to the scan, at every length
// over several 64-byte steps, so that CR LF pairs, colons and control bytes
// fall on and across every step boundary.
TEST(LineTable, AgreesWithTheDefinition) {
    // Both instruction sets where the processor has AVX2; SSE2 alone otherwise.
    std::vector<scan::LineTable::Isa> isas{scan::LineTable::Isa::sse2};
    if (scan::LineTable::has(scan::LineTable::Isa::avx2)) isas.push_back(scan::LineTable::Isa::avx2);
    std::mt19937 random(77);
    const std::string alphabet = "ab:  \t\r\n\r\n\x01\x7f";
    for (int round = 0; round < 200000; ++round) {
        std::string data(random() % 260, 'a');
        const bool mostly_clean = random() % 2 == 0;
        for (char& c : data) {
            c = alphabet[random() % alphabet.size()];
            if (mostly_clean && (c == '\x01' || c == '\x7f' || c == '\r')) c = 'a';
        }
        if (mostly_clean) {
            for (std::size_t i = 0; i + 1 < data.size(); ++i) {
                if (data[i + 1] == '\n' && random() % 4 != 0) {
                    data.insert(i + 1, "\r");
                    i += 2;
                }
            }
        }
        const ReferenceTable want = reference_table(data);
        for (const auto isa : isas) {
            scan::LineTable table;
            const bool built = table.build_with(isa, data, 0);
            if (!built) {
                EXPECT_FALSE(want.usable) << testing::PrintToString(data);
                continue;
            }
            ASSERT_TRUE(want.usable) << testing::PrintToString(data);
            ASSERT_EQ(table.size(), want.lines.size()) << testing::PrintToString(data);
            for (std::size_t k = 0; k < want.lines.size(); ++k) {
                EXPECT_EQ(table.lf(k), want.lines[k].first);
                EXPECT_EQ(table.colon(k), want.lines[k].second) << k << " in " << testing::PrintToString(data);
            }
        }
    }
}

// The default build() is one of the two, and agrees with SSE2 on a message.
TEST(LineTable, DefaultAgreesWithSse2) {
    const std::string data =
        "INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@example.com>\r\n"
        "From: <sip:a@example.com>;tag=1\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n\r\n";
    scan::LineTable usual, sse2;
    ASSERT_TRUE(usual.build(data, 0));
    ASSERT_TRUE(sse2.build_with(scan::LineTable::Isa::sse2, data, 0));
    ASSERT_EQ(usual.size(), 8U);
    ASSERT_EQ(usual.size(), sse2.size());
    for (std::size_t k = 0; k < usual.size(); ++k) {
        EXPECT_EQ(usual.lf(k), sse2.lf(k));
        EXPECT_EQ(usual.colon(k), sse2.colon(k));
    }
}

}  // namespace
}  // namespace sipwarden::sip
