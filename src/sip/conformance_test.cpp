// RFC 4475 and RFC 5118 torture messages: the expected outcome of every
// message (anomaly codes, exactly) and the fields a monitor relies on.
#include <gtest/gtest.h>

#include <functional>

#include "sip/digest.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip/test_support.h"

namespace sipwarden::sip {
namespace {

using Check = std::function<void(const Message&)>;

struct Expected {
    const char* file;                    // under tests/data/sip-messages
    std::vector<std::string> anomalies;  // exact multiset of codes
    const char* why;                     // the RFC verdict and how the anomalies follow from it
    Check check;
};

std::string_view first_tag(const NameAddr* a) { return a && a->tag() ? *a->tag() : "(none)"; }

void expect_sdp(const Message& m, std::size_t media, std::string_view address) {
    SessionDescription sdp;
    ASSERT_TRUE(sdp.parse(find_sdp(m)));
    ASSERT_EQ(sdp.media().size(), media);
    EXPECT_EQ(sdp.connection_for(sdp.media()[0]).address, address);
    EXPECT_TRUE(sdp.anomalies().empty()) << testing::PrintToString(test::codes(sdp.anomalies()));
}

// Request basics shared by many rows.
void expect_request(const Message& m, Method method, std::string_view uri, std::string_view call_id) {
    EXPECT_TRUE(m.is_request());
    EXPECT_EQ(m.method(), method);
    EXPECT_EQ(m.request_uri(), uri);
    EXPECT_EQ(m.call_id(), call_id);
}

const std::vector<Expected>& rfc4475() {
    static const std::vector<Expected> rows = {
        {"rfc4475/wsinv.dat",
         {},
         "3.1.1.1 valid: folding, compact and odd-case names, comma-joined Vias",
         [](const Message& m) {
             expect_request(m, Method::invite, "sip:vivekg@chair-dnrc.example.com;unknownparam",
                            "wsinv.ndaksdj@192.0.2.1");
             EXPECT_EQ(m.cseq()->number, 9U);
             EXPECT_EQ(m.cseq()->method, Method::invite);
             EXPECT_EQ(m.max_forwards(), 68U);
             EXPECT_EQ(first_tag(m.to()), "1918181833n");
             EXPECT_EQ(first_tag(m.from()), "98asjd8");
             EXPECT_EQ(m.from()->display_name, R"("J Rosenberg \\\"")");
             EXPECT_EQ(m.via_count(), 3U);
             EXPECT_EQ(m.top_via()->host, "192.0.2.2");
             EXPECT_EQ(m.top_via()->branch, "390skdjuw");
             EXPECT_EQ(m.top_via()->transport, "UDP");
             std::vector<std::string_view> branches;
             for (auto v : m.values(HeaderId::via)) branches.push_back(*parse_via(v)->branch);
             EXPECT_EQ(branches, (std::vector<std::string_view>{"390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"}));
             EXPECT_EQ(m.count(HeaderId::subject), 1U);
             EXPECT_EQ(m.header(HeaderId::subject), "");
             EXPECT_EQ(m.header("NewFangledHeader"), "newfangled value\r\n continued newfangled value");
             const auto contact = parse_contact(m.header(HeaderId::contact));
             ASSERT_TRUE(contact);
             EXPECT_EQ(contact->address.param("q"), "0.33");
             EXPECT_EQ(contact->address.uri.user, "jdrosen");
             EXPECT_EQ(m.content_length(), 150U);
             expect_sdp(m, 2, "192.0.2.4");
         }},
        {"rfc4475/intmeth.dat",
         {},
         "3.1.1.2 valid: unusual token characters, quoted-pairs escaping BEL/NUL/DEL",
         [](const Message& m) {
             EXPECT_EQ(m.method(), Method::other);
             EXPECT_EQ(m.method_text(), "!interesting-Method0123456789_*+`.%indeed'~");
             EXPECT_EQ(m.cseq()->method_text, m.method_text());
             EXPECT_EQ(m.to()->uri.host, "example.com");
             EXPECT_EQ(first_tag(m.from()), "_token~1'+`*%!-.");
             EXPECT_EQ(m.call_id(), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
             EXPECT_EQ(m.top_via()->branch, "z9hG4bK-.!%66*_+`'~");
             const auto uri = parse_uri(m.request_uri());
             ASSERT_TRUE(uri);
             EXPECT_EQ(uri->host, "example.com");
             EXPECT_EQ(uri->password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
         }},
        {"rfc4475/esc01.dat",
         {},
         "3.1.1.3 valid %-escapes",
         [](const Message& m) {
             const auto uri = parse_uri(m.request_uri());
             ASSERT_TRUE(uri);
             EXPECT_EQ(percent_decode(uri->user), "sips:user@example.com");
             EXPECT_EQ(percent_decode(m.to()->uri.user), "user");
             EXPECT_EQ(percent_decode(m.from()->uri.user), "I have spaces");
             const auto contact = parse_contact(m.header(HeaderId::contact));
             EXPECT_EQ(percent_decode(contact->address.uri.user), "caller");
             EXPECT_EQ(m.content_type(), "application/sdp");
             expect_sdp(m, 2, "192.0.2.1");
         }},
        {"rfc4475/escnull.dat",
         {},
         "3.1.1.4 valid: escaped NULs decode to NUL bytes",
         [](const Message& m) {
             EXPECT_EQ(percent_decode(m.to()->uri.user), std::string("null-\0-null", 11));
             EXPECT_EQ(m.count(HeaderId::contact), 2U);
             EXPECT_EQ(m.content_length(), 0U);
         }},
        {"rfc4475/esc02.dat",
         {},
         "3.1.1.5 valid: % that is no escape (method, header name, branch)",
         [](const Message& m) {
             EXPECT_EQ(m.method(), Method::other);
             EXPECT_EQ(m.method_text(), "RE%47IST%45R");
             EXPECT_EQ(m.count(HeaderId::contact), 2U);  // "C%6Fntact" is another header
             EXPECT_EQ(m.header("C%6Fntact"), "<sip:alias2@host2.example.com>");
             EXPECT_EQ(m.top_via()->branch, "z9hG4bK209%fzsnel234");
         }},
        {"rfc4475/lwsdisp.dat",
         {},
         "3.1.1.6 valid: no LWS between display name and <",
         [](const Message& m) {
             EXPECT_EQ(m.from()->display_name, "caller");
             EXPECT_EQ(m.from()->uri.user, "caller");
         }},
        {"rfc4475/longreq.dat",
         {"sip.via_missing_branch"},
         "3.1.1.7 valid; its Vias are RFC 2543 style (no branch)",
         [](const Message& m) {
             EXPECT_EQ(m.via_count(), 34U);
             EXPECT_EQ(m.top_via()->host, "sip33.example.com");
             EXPECT_GT(m.call_id().size(), 100U);
             EXPECT_EQ(m.to()->uri.port, 6000);
             expect_sdp(m, 2, "192.0.2.1");
         }},
        {"rfc4475/dblreq.dat",
         {"sip.trailing_bytes"},
         "3.1.1.8 valid: only the first message counts over UDP",
         [](const Message& m) {
             expect_request(m, Method::register_, "sip:example.com", "dblreq.0ha0isndaksdj99sdfafnl3lk233412");
             EXPECT_EQ(m.size(), m.data().find("INVITE sip:joe") - 2);
             EXPECT_TRUE(m.body().empty());
         }},
        {"rfc4475/semiuri.dat",
         {},
         "3.1.1.9 valid: ';' in the user part",
         [](const Message& m) {
             const auto uri = parse_uri(m.request_uri());
             EXPECT_EQ(uri->user, "user;par=u%40example.net");
             EXPECT_EQ(uri->host, "example.com");
             EXPECT_EQ(std::distance(m.values(HeaderId::accept).begin(), m.values(HeaderId::accept).end()), 6);
         }},
        {"rfc4475/transports.dat",
         {},
         "3.1.1.10 valid: unknown transports",
         [](const Message& m) {
             std::vector<std::string_view> transports;
             for (auto v : m.values(HeaderId::via)) transports.push_back(parse_via(v)->transport);
             EXPECT_EQ(transports, (std::vector<std::string_view>{"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"}));
         }},
        {"rfc4475/mpart01.dat",
         {},
         "3.1.1.11 valid multipart (no SDP part)",
         [](const Message& m) {
             EXPECT_EQ(m.body().size(), 553U);
             EXPECT_EQ(multipart_boundary(m.content_type()), "7a9cbec02ceef655");
             bool malformed = false;
             EXPECT_TRUE(find_sdp(m, {}, &malformed).empty());
             EXPECT_FALSE(malformed);
             MultipartReader reader(m.body(), "7a9cbec02ceef655");
             BodyPart part;
             ASSERT_TRUE(reader.next(part));
             EXPECT_EQ(part.content_type, "text/plain");
             EXPECT_EQ(part.body, "Hello");
             ASSERT_TRUE(reader.next(part));
             EXPECT_EQ(part.content_type, "application/octet-stream");
             EXPECT_FALSE(reader.next(part));
         }},
        {"rfc4475/unreason.dat",
         {},
         "3.1.1.12 valid: UTF-8 reason phrase",
         [](const Message& m) {
             EXPECT_FALSE(m.is_request());
             EXPECT_EQ(m.status_code(), 200);
             EXPECT_TRUE(m.reason().starts_with("= 2**3 * 5**2"));
             expect_sdp(m, 2, "192.0.2.198");
         }},
        {"rfc4475/noreason.dat",
         {},
         "3.1.1.13 valid: empty reason phrase",
         [](const Message& m) {
             EXPECT_EQ(m.status_code(), 100);
             EXPECT_EQ(m.reason(), "");
             EXPECT_EQ(first_tag(m.to()), "902jndnke3");
         }},
        {"rfc4475/badinv01.dat",
         {"sip.malformed_header", "sip.malformed_header"},
         "3.1.2.1 invalid: empty Via and Contact parameters",
         [](const Message& m) { EXPECT_EQ(m.anomalies()[0].detail, "Via"); }},
        {"rfc4475/clerr.dat",
         {"sip.content_length_exceeds_data"},
         "3.1.2.2 invalid over UDP: Content-Length 9999",
         [](const Message& m) { EXPECT_EQ(m.content_length(), 9999U); }},
        {"rfc4475/ncl.dat",
         {"sip.bad_content_length"},
         "3.1.2.3 invalid: negative Content-Length",
         [](const Message& m) { EXPECT_FALSE(m.content_length()); }},
        {"rfc4475/scalar02.dat",
         {"sip.numeric_overflow", "sip.numeric_overflow", "sip.numeric_overflow", "sip.numeric_overflow"},
         "3.1.2.4 invalid: overlarge CSeq, Max-Forwards, Expires, Contact expires",
         [](const Message& m) {
             EXPECT_FALSE(m.cseq());
             EXPECT_FALSE(m.max_forwards());
             EXPECT_FALSE(m.expires());
         }},
        {"rfc4475/scalarlg.dat",
         {"sip.numeric_overflow"},
         "3.1.2.5 invalid: overlarge CSeq in a response",
         [](const Message& m) { EXPECT_EQ(m.status_code(), 503); }},
        {"rfc4475/quotbal.dat",
         {"sip.unterminated_quoted_string"},
         "3.1.2.6 invalid: unterminated quote in To",
         [](const Message& m) { EXPECT_FALSE(m.to()); }},
        {"rfc4475/ltgtruri.dat",
         {"sip.malformed_request_uri", "sip.via_missing_branch"},
         "3.1.2.7 invalid: <> around the request-URI",
         nullptr},
        {"rfc4475/lwsruri.dat",
         {"sip.malformed_request_uri"},
         "3.1.2.8 invalid: LWS inside the request-URI",
         [](const Message& m) { EXPECT_EQ(m.request_uri(), "sip:user@example.com; lr"); }},
        {"rfc4475/lwsstart.dat",
         {"sip.start_line_extra_space"},
         "3.1.2.9 invalid: several SP between elements",
         [](const Message& m) { EXPECT_EQ(m.request_uri(), "sip:user@example.com"); }},
        {"rfc4475/trws.dat",
         {"sip.start_line_extra_space"},
         "3.1.2.10 invalid (may be tolerated): trailing SP",
         [](const Message& m) { EXPECT_EQ(m.version(), "SIP/2.0"); }},
        {"rfc4475/escruri.dat",
         {"sip.malformed_request_uri"},
         "3.1.2.11 invalid: escaped headers in the request-URI",
         nullptr},
        {"rfc4475/baddate.dat",
         {"sip.malformed_header"},
         "3.1.2.12 invalid: Date not in GMT",
         [](const Message& m) { EXPECT_EQ(m.anomalies()[0].detail, "Date"); }},
        {"rfc4475/regbadct.dat",
         {"sip.malformed_header"},
         "3.1.2.13 invalid: Contact URI with '?' outside <>",
         [](const Message& m) { EXPECT_EQ(m.anomalies()[0].detail, "Contact"); }},
        {"rfc4475/badaspec.dat",
         {"sip.malformed_header"},
         "3.1.2.14 invalid: spaces inside <addr-spec>",
         [](const Message& m) { EXPECT_EQ(m.anomalies()[0].detail, "To"); }},
        {"rfc4475/baddn.dat",
         {"sip.malformed_header", "sip.malformed_header"},
         "3.1.2.15 invalid: non-token display names",
         nullptr},
        {"rfc4475/badvers.dat",
         {"sip.unknown_version"},
         "3.1.2.16 invalid: SIP/7.0",
         [](const Message& m) { EXPECT_EQ(m.version(), "SIP/7.0"); }},
        {"rfc4475/mismatch01.dat", {"sip.cseq_method_mismatch"}, "3.1.2.17 invalid: OPTIONS with CSeq INVITE", nullptr},
        {"rfc4475/mismatch02.dat",
         {"sip.cseq_method_mismatch"},
         "3.1.2.18 invalid: NEWMETHOD with CSeq INVITE",
         nullptr},
        {"rfc4475/bigcode.dat",
         {"sip.numeric_overflow"},
         "3.1.2.19 invalid: status code 4294967301",
         [](const Message& m) {
             EXPECT_FALSE(m.is_request());
             EXPECT_EQ(m.status_code(), 0);
         }},
        {"rfc4475/badbranch.dat",
         {},
         "3.2.1 parses; a branch of only the magic cookie is a transaction-layer matter",
         [](const Message& m) { EXPECT_EQ(m.top_via()->branch, "z9hG4bK"); }},
        {"rfc4475/insuf.dat",
         {"sip.missing_header", "sip.missing_header", "sip.missing_header", "sip.missing_header", "sip.missing_header"},
         "3.3.1 parses; From, To, Call-ID, Max-Forwards and an INVITE's Contact are missing",
         [](const Message& m) { EXPECT_EQ(m.call_id(), ""); }},
        {"rfc4475/unkscm.dat",
         {},
         "3.3.2 parses: unknown request-URI scheme",
         [](const Message& m) { EXPECT_EQ(parse_uri(m.request_uri())->opaque, "totallyopaquecontent"); }},
        {"rfc4475/novelsc.dat",
         {},
         "3.3.3 parses: known but atypical scheme",
         [](const Message& m) { EXPECT_EQ(parse_uri(m.request_uri())->scheme_text, "soap.beep"); }},
        {"rfc4475/unksm2.dat",
         {},
         "3.3.4 parses: unknown schemes in To/From/Contact",
         [](const Message& m) { EXPECT_EQ(m.to()->uri.scheme_text, "isbn"); }},
        {"rfc4475/bext01.dat",
         {},
         "3.3.5 parses (a UA answers 420)",
         [](const Message& m) { EXPECT_EQ(m.count(HeaderId::proxy_require), 1U); }},
        {"rfc4475/invut.dat",
         {},
         "3.3.6 parses (a UA answers 415)",
         [](const Message& m) {
             EXPECT_EQ(m.content_type(), "application/unknownformat");
             EXPECT_TRUE(find_sdp(m).empty());
         }},
        {"rfc4475/regaut01.dat",
         {},
         "3.3.7 parses: unknown authorization scheme",
         [](const Message& m) {
             const auto auth = parse_digest(m.header(HeaderId::authorization));
             ASSERT_TRUE(auth);
             EXPECT_EQ(auth->scheme, "NoOneKnowsThisScheme");
             EXPECT_EQ(auth->params, "opaque-data=here");
         }},
        {"rfc4475/multi01.dat",
         {"sip.duplicate_header", "sip.duplicate_header", "sip.duplicate_header", "sip.duplicate_header",
          "sip.duplicate_header"},
         "3.3.8 reject: several values in CSeq, Call-ID, To, From, Max-Forwards; the first ones are kept",
         [](const Message& m) {
             EXPECT_EQ(m.cseq()->number, 5U);
             EXPECT_EQ(m.call_id(), "multi01.98asdh@192.0.2.1");
         }},
        {"rfc4475/mcl01.dat",
         {"sip.multiple_content_length", "sip.trailing_bytes"},
         "3.3.9 reject: two Content-Length values; the first frames the body",
         [](const Message& m) { EXPECT_EQ(m.body().size(), 13U); }},
        {"rfc4475/bcast.dat",
         {},
         "3.3.10 parses: broadcast Via in a response",
         [](const Message& m) {
             auto it = m.values(HeaderId::via).begin();
             ++it;
             EXPECT_EQ(parse_via(*it)->host, "255.255.255.255");
         }},
        {"rfc4475/zeromf.dat",
         {},
         "3.3.11 parses: Max-Forwards 0",
         [](const Message& m) { EXPECT_EQ(m.max_forwards(), 0U); }},
        {"rfc4475/cparam01.dat",
         {},
         "3.3.12 valid: addr-spec Contact, the parameter belongs to the header",
         [](const Message& m) {
             const auto c = parse_contact(m.header(HeaderId::contact));
             EXPECT_EQ(c->address.params, "unknownparam");
             EXPECT_EQ(c->address.uri.params, "");
         }},
        {"rfc4475/cparam02.dat",
         {},
         "3.3.13 valid: the parameter belongs to the URI",
         [](const Message& m) {
             const auto c = parse_contact(m.header(HeaderId::contact));
             EXPECT_EQ(c->address.uri.params, "unknownparam");
         }},
        {"rfc4475/regescrt.dat",
         {},
         "3.3.14 valid: escaped header in a Contact URI inside <>",
         [](const Message& m) {
             const auto c = parse_contact(m.header(HeaderId::contact));
             EXPECT_EQ(percent_decode(c->address.uri.headers), "Route=<sip:sip.example.com>");
         }},
        {"rfc4475/sdp01.dat",
         {},
         "3.3.15 parses (a UA answers 406/415)",
         [](const Message& m) { expect_sdp(m, 2, "192.0.2.5"); }},
        {"rfc4475/inv2543.dat",
         {"sip.missing_header", "sip.missing_header", "sip.no_content_length", "sip.via_missing_branch"},
         "3.4.1 RFC 2543 syntax: no Max-Forwards, Contact, branch or Content-Length",
         [](const Message& m) {
             EXPECT_EQ(m.to()->param("user"), "phone");  // addr-spec: a header parameter
             expect_sdp(m, 1, "192.0.2.5");
         }},
    };
    return rows;
}

// RFC 5118's SDP messages count their Content-Length with LF line ends, so
// with CR LF the body is one byte per line longer: trailing bytes, truly.
const std::vector<Expected>& rfc5118() {
    static const std::vector<Expected> rows = {
        {"rfc5118/ipv6-good.dat",
         {},
         "4.1 valid",
         [](const Message& m) {
             EXPECT_EQ(parse_uri(m.request_uri())->host_kind, HostKind::ipv6);
             EXPECT_EQ(m.top_via()->host, "[2001:db8::9:1]");
             EXPECT_EQ(m.top_via()->host_kind, HostKind::ipv6);
         }},
        {"rfc5118/ipv6-bad.dat", {"sip.malformed_request_uri"}, "4.2 invalid: IPv6 without []", nullptr},
        {"rfc5118/port-ambiguous.dat",
         {},
         "4.3 well-formed: the whole bracket is the address",
         [](const Message& m) {
             const auto uri = parse_uri(m.request_uri());
             EXPECT_EQ(uri->host_address(), "2001:db8::10:5070");
             EXPECT_FALSE(uri->port);
         }},
        {"rfc5118/port-unambiguous.dat",
         {},
         "4.4 valid",
         [](const Message& m) { EXPECT_EQ(parse_uri(m.request_uri())->port, 5070); }},
        {"rfc5118/via-received-param-with-delim.dat",
         {},
         "4.5 valid",
         [](const Message& m) { EXPECT_EQ(m.top_via()->received, "[2001:db8::9:255]"); }},
        {"rfc5118/via-received-param-no-delim.dat",
         {},
         "4.5 valid",
         [](const Message& m) { EXPECT_EQ(m.top_via()->received, "2001:db8::9:255"); }},
        {"rfc5118/ipv6-in-sdp.dat",
         {"sip.trailing_bytes"},
         "4.6 valid",
         [](const Message& m) {
             SessionDescription sdp;
             ASSERT_TRUE(sdp.parse(find_sdp(m)));
             EXPECT_EQ(sdp.connection().address_type, AddressType::ip6);
             EXPECT_EQ(sdp.connection().address, "2001:db8::20");
             EXPECT_EQ(sdp.media()[0].port, 6000);
         }},
        {"rfc5118/mult-ip-in-header.dat",
         {},
         "4.7 valid",
         [](const Message& m) {
             EXPECT_EQ(m.via_count(), 3U);
             EXPECT_EQ(m.top_via()->port, 6050);
         }},
        {"rfc5118/mult-ip-in-sdp.dat",
         {"sip.trailing_bytes"},
         "4.8 valid",
         [](const Message& m) {
             SessionDescription sdp;
             ASSERT_TRUE(sdp.parse(find_sdp(m)));
             EXPECT_FALSE(sdp.connection().present);
             ASSERT_EQ(sdp.media().size(), 2U);
             EXPECT_EQ(sdp.connection_for(sdp.media()[0]).address_type, AddressType::ip4);
             EXPECT_EQ(sdp.connection_for(sdp.media()[1]).address_type, AddressType::ip6);
         }},
        {"rfc5118/ipv4-mapped-ipv6.dat",
         {"sip.trailing_bytes"},
         "4.9 valid",
         [](const Message& m) {
             EXPECT_EQ(m.top_via()->host, "[::ffff:192.0.2.10]");
             EXPECT_EQ(m.top_via()->port, 19823);
         }},
        {"rfc5118/ipv6-bug-abnf-3-colons.dat",
         {"sip.malformed_request_uri", "sip.malformed_header"},
         "4.10 invalid: three colons (the RFC allows tolerating it)",
         nullptr},
        {"rfc5118/ipv6-correct-abnf-2-colons.dat",
         {},
         "4.10 valid",
         [](const Message& m) { EXPECT_EQ(m.to()->uri.host_kind, HostKind::ipv6); }},
    };
    return rows;
}

void run(const std::vector<Expected>& rows) {
    for (const Expected& row : rows) {
        SCOPED_TRACE(std::string(row.file) + ": " + row.why);
        const std::string data = test::read_file(test::data_dir() / row.file);
        ASSERT_FALSE(data.empty());
        Message m;
        ASSERT_TRUE(m.parse(data));
        EXPECT_EQ(test::codes(m.anomalies()), test::sorted(row.anomalies));
        EXPECT_EQ(m.anomalies_dropped(), 0U);
        if (row.check) row.check(m);
    }
}

TEST(Rfc4475, EveryMessageHasItsExpectedOutcome) {
    EXPECT_EQ(rfc4475().size(), 49U);
    run(rfc4475());
}

TEST(Rfc5118, EveryMessageHasItsExpectedOutcome) {
    EXPECT_EQ(rfc5118().size(), 12U);
    run(rfc5118());
}

TEST(Rfc4475, TableCoversTheSharedIndex) {
    const auto index = test::shared_messages() / "rfc4475/EXPECTED.tsv";
    if (!std::filesystem::exists(index)) GTEST_SKIP() << "shared corpus not present: " << index;
    std::ifstream in(index);
    std::string line;
    std::size_t listed = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto file = line.substr(line.find('\t') + 1, line.find('\t', line.find('\t') + 1) - line.find('\t') - 1);
        ++listed;
        const bool found = std::any_of(rfc4475().begin(), rfc4475().end(),
                                       [&](const Expected& e) { return std::string(e.file) == "rfc4475/" + file; });
        EXPECT_TRUE(found) << file;
    }
    EXPECT_EQ(listed, 49U);
}

}  // namespace
}  // namespace sipwarden::sip
