// URI, name-addr, Contact, Via, CSeq and digest parsers; %-decoding and
// quoted-string unescaping; the libosip2 header-value lists when present.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <random>

#include "sip/digest.h"
#include "sip/header_values.h"
#include "sip/host_kind.h"
#include "sip/scan.h"
#include "sip/test_support.h"

namespace sipwarden::sip {
namespace {

TEST(Uri, SipUriParts) {
    const auto uri = parse_uri("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?subject=hi&x=%20");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->scheme, UriScheme::sips);
    EXPECT_EQ(uri->user, "alice");
    EXPECT_EQ(uri->password, "secret");
    EXPECT_EQ(uri->host, "[2001:db8::1]");
    EXPECT_EQ(uri->host_address(), "2001:db8::1");
    EXPECT_EQ(uri->host_kind, HostKind::ipv6);
    EXPECT_EQ(uri->port, 5061);
    EXPECT_EQ(uri->param("transport"), "tcp");
    EXPECT_EQ(uri->param("lr"), "");
    EXPECT_FALSE(uri->param("maddr"));
    EXPECT_EQ(uri->headers, "subject=hi&x=%20");
    EXPECT_FALSE(uri->bad_escape);
}

TEST(Uri, HostsAndPorts) {
    EXPECT_EQ(parse_uri("sip:192.0.2.1")->host_kind, HostKind::ipv4);
    EXPECT_EQ(parse_uri("SIP:Example.COM:5060")->port, 5060);
    EXPECT_EQ(parse_uri("sip:[::ffff:192.0.2.1]")->host_kind, HostKind::ipv6);
    EXPECT_FALSE(parse_uri("sip:192.0.2.256"));
    EXPECT_FALSE(parse_uri("sip:host:65536"));
    EXPECT_FALSE(parse_uri("sip:host:"));
    EXPECT_FALSE(parse_uri("sip:user@"));
    EXPECT_FALSE(parse_uri("sip:[2001:db8:::1]"));
    EXPECT_FALSE(parse_uri("sip:[::1"));
    EXPECT_FALSE(parse_uri("sip:a b@host"));
    EXPECT_FALSE(parse_uri("sip:<host>"));
    EXPECT_FALSE(parse_uri("nocolon"));
    EXPECT_FALSE(parse_uri("1sip:host"));
    EXPECT_FALSE(parse_uri(""));
    EXPECT_TRUE(is_ipv6_address("::"));
    EXPECT_TRUE(is_ipv6_address("1:2:3:4:5:6:7:8"));
    EXPECT_FALSE(is_ipv6_address("1:2:3:4:5:6:7:8:9"));
    EXPECT_FALSE(is_ipv6_address("1::2::3"));
    EXPECT_FALSE(is_ipv6_address("12345::"));
}

// URIs whose part after "sip:" has 8 to 15 bytes are checked in a padded
// copy; with parameters appended, the same bytes take the paths for longer
// URIs. Both must agree on validity and on every part before the parameters.
TEST(Uri, ShortUrisAgreeWithTheirLongerForms) {
    std::mt19937 random(11);
    const std::string alphabet = "ab19.-@%:<> \t\x01\x7f\x80[]";
    std::size_t parsed = 0;
    for (int round = 0; round < 200000; ++round) {
        std::string rest(8 + random() % 8, 'a');
        for (char& c : rest) c = random() % 3 == 0 ? alphabet[random() % alphabet.size()] : "abc123.@"[random() % 8];
        const std::string short_uri = "sip:" + rest;
        const std::string long_uri = short_uri + ";x=long-enough-parameter";
        Uri a, b;
        const bool short_ok = parse_uri(short_uri, a);
        ASSERT_EQ(short_ok, parse_uri(long_uri, b)) << testing::PrintToString(short_uri);
        if (!short_ok) continue;
        ++parsed;
        EXPECT_EQ(a.user, b.user) << testing::PrintToString(short_uri);
        EXPECT_EQ(a.password, b.password);
        EXPECT_EQ(a.host, b.host);
        EXPECT_EQ(a.host_kind, b.host_kind);
        EXPECT_EQ(a.port, b.port);
        EXPECT_EQ(a.bad_escape, b.bad_escape) << testing::PrintToString(short_uri);
    }
    EXPECT_GT(parsed, 10000U);
}

TEST(Uri, TelAndOtherSchemes) {
    const auto tel = parse_uri("tel:+1-201-555-0123;phone-context=example.com");
    ASSERT_TRUE(tel);
    EXPECT_EQ(tel->scheme, UriScheme::tel);
    EXPECT_EQ(tel->user, "+1-201-555-0123");
    EXPECT_EQ(tel->param("phone-context"), "example.com");
    const auto other = parse_uri("mailto:someone@example.com");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->scheme, UriScheme::other);
    EXPECT_EQ(other->opaque, "someone@example.com");
    EXPECT_FALSE(parse_uri("tel:"));
}

TEST(Uri, EscapesDecodeOnDemand) {
    const auto uri = parse_uri("sip:I%20have%20spaces@example.net");
    ASSERT_TRUE(uri);
    std::array<char, 32> buffer{};
    const auto n = percent_decode(uri->user, buffer);
    ASSERT_TRUE(n);
    EXPECT_EQ(std::string_view(buffer.data(), *n), "I have spaces");
    EXPECT_FALSE(percent_decode(uri->user, std::span<char>(buffer).first(4)));  // too small
    EXPECT_TRUE(parse_uri("sip:a%4@host")->bad_escape);
    EXPECT_TRUE(parse_uri("sip:a%@host")->bad_escape);
    EXPECT_TRUE(parse_uri("sip:a@host;p=%zz")->bad_escape);
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("ab%4"));
    EXPECT_EQ(percent_decode("%41%62c"), "Abc");
}

// Parsing the same bytes again is answered from the thread's memo
// (sip/parse_memo.h): the result must be the fresh parse's, with every view
// inside the new value, and failures and empty values are never answered
// from it.
TEST(ParseMemo, RepeatedValuesGiveFreshResultsInTheirOwnBytes) {
    const std::string text = "\"Alice\" <sip:alice:pw@192.0.2.1:5060;transport=udp?x=1>;tag=9f3c";
    std::string first = text, second = text;
    NameAddr a, b;
    ValueError why = ValueError::bad_uri;
    ASSERT_TRUE(parse_name_addr(first, a, why));
    ASSERT_TRUE(parse_name_addr(second, b, why));
    EXPECT_EQ(why, ValueError::none);
    const auto inside = [](std::string_view view, const std::string& owner) {
        return view.data() >= owner.data() && view.data() + view.size() <= owner.data() + owner.size();
    };
    for (const auto& [view, fresh] : {std::pair{b.display_name, a.display_name},
                                      {b.uri_text, a.uri_text},
                                      {b.params, a.params},
                                      {b.uri.scheme_text, a.uri.scheme_text},
                                      {b.uri.user, a.uri.user},
                                      {b.uri.password, a.uri.password},
                                      {b.uri.host, a.uri.host},
                                      {b.uri.params, a.uri.params},
                                      {b.uri.headers, a.uri.headers}}) {
        EXPECT_EQ(view, fresh);
        EXPECT_TRUE(inside(view, second)) << view;
        EXPECT_EQ(view.data() - second.data(), fresh.data() - first.data());
    }
    EXPECT_EQ(b.uri.port, 5060);
    EXPECT_EQ(b.uri.host_kind, HostKind::ipv4);
    // The empty value matches no empty slot of the memo (regression).
    EXPECT_FALSE(parse_name_addr("", b, why));
    EXPECT_EQ(why, ValueError::empty);
    // A failure is not remembered: the second attempt fails the same way.
    for (int i = 0; i < 2; ++i) {
        EXPECT_FALSE(parse_name_addr("<sip:alice@example.com", b, why));
        EXPECT_EQ(why, ValueError::unterminated_angle);
    }
}

// A quote inside a parameter value, not right after "name=", is not a
// quoted value: the one-pass path once took `qop="auth"` for one.
TEST(NameAddr, QuoteInsideAParameterValueIsMalformed) {
    ValueError why = ValueError::none;
    EXPECT_FALSE(parse_name_addr("<sip:a@example.com>;2t=qop=\"auth\"", &why));
    EXPECT_FALSE(parse_name_addr("\"A\" <sip:a@example.com>;tag=1;x=a\"b\"", &why));
    const auto quoted = parse_name_addr("<sip:a@example.com>;x=\"a;b\";tag=1");
    ASSERT_TRUE(quoted);
    EXPECT_EQ(quoted->params, "x=\"a;b\";tag=1");
}

TEST(NameAddr, Forms) {
    auto a = parse_name_addr("\"Bob \\\"B\\\"\" <sip:bob@example.com;transport=udp>;tag=xyz;lr");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->display_name, "\"Bob \\\"B\\\"\"");
    EXPECT_EQ(a->uri.param("transport"), "udp");
    EXPECT_EQ(a->tag(), "xyz");
    EXPECT_TRUE(a->angle_brackets);
    a = parse_name_addr("Bob Smith <sip:bob@example.com>");
    EXPECT_EQ(a->display_name, "Bob Smith");
    a = parse_name_addr("sip:bob@example.com;tag=1");
    EXPECT_FALSE(a->angle_brackets);
    EXPECT_EQ(a->tag(), "1");
    EXPECT_EQ(a->uri.params, "");
    a = parse_name_addr("<tel:+15550100>");
    EXPECT_EQ(a->uri.user, "+15550100");
}

TEST(NameAddr, ErrorsSayWhy) {
    const std::vector<std::pair<std::string_view, ValueError>> cases = {
        {"", ValueError::empty},
        {"\"unterminated <sip:a@b>", ValueError::unterminated_quote},
        {"Bell, Alexander <sip:a@b>", ValueError::bad_display_name},
        {"\"a\" \"b\" <sip:a@b>", ValueError::bad_display_name},
        {"<sip:a@b", ValueError::unterminated_angle},
        {"< sip:a@b >", ValueError::spaces_in_uri},
        {"sip:a@b?Route=x", ValueError::needs_angle_brackets},
        {"<sip:a@>", ValueError::bad_uri},
        {"<sip:a@b>;;tag=1", ValueError::bad_params},
        {"<sip:a@b> junk", ValueError::trailing_garbage},
    };
    for (const auto& [text, why] : cases) {
        ValueError got = ValueError::none;
        EXPECT_FALSE(parse_name_addr(text, &got)) << text;
        EXPECT_EQ(got, why) << text << " gave " << to_string(got);
    }
}

TEST(Contact, StarExpiresAndOverflow) {
    EXPECT_TRUE(parse_contact(" * ")->star);
    auto c = parse_contact("<sip:a@b>;expires=3600;q=0.7");
    EXPECT_EQ(c->expires, 3600U);
    c = parse_contact("<sip:a@b>;expires=280297596632815");
    EXPECT_FALSE(c->expires);
    EXPECT_TRUE(c->expires_overflow);
}

TEST(Via, Fields) {
    auto via = parse_via(
        "SIP / 2.0 / UDP  [2001:db8::9:1]:5060 ;branch=z9hG4bK1;received=192.0.2.7;rport=6000;maddr=224.2.0.1;ttl=16");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->protocol, "SIP");
    EXPECT_EQ(via->version, "2.0");
    EXPECT_EQ(via->transport, "UDP");
    EXPECT_EQ(via->host, "[2001:db8::9:1]");
    EXPECT_EQ(via->port, 5060);
    EXPECT_EQ(via->branch, "z9hG4bK1");
    EXPECT_EQ(via->received, "192.0.2.7");
    EXPECT_TRUE(via->rport);
    EXPECT_EQ(via->rport_value, 6000);
    EXPECT_EQ(via->maddr, "224.2.0.1");
    EXPECT_EQ(via->ttl, 16);
    via = parse_via("SIP/2.0/TLS host.example.com;rport");
    EXPECT_TRUE(via->rport);
    EXPECT_FALSE(via->rport_value);
    EXPECT_FALSE(via->branch);
    via = parse_via("SIP/2.0/UDP host : 5070");
    EXPECT_EQ(via->port, 5070);
    for (std::string_view bad : {"", "SIP/2.0", "SIP/2.0/UDP", "SIP/2.0/UDP host;;", "SIP/2.0/UDP host:99999",
                                 "SIP/2.0/UDP ho st", "SIP 2.0 UDP host", "SIP/2.0/UDP [::1"}) {
        EXPECT_FALSE(parse_via(bad)) << bad;
    }
}

TEST(CSeq, NumberAndMethod) {
    auto c = parse_cseq("0009\r\n  INVITE");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->number, 9U);
    EXPECT_EQ(c->method, Method::invite);
    EXPECT_EQ(parse_cseq("2147483647 ACK")->number, k_max_cseq);
    ValueError why = ValueError::none;
    EXPECT_FALSE(parse_cseq("2147483648 ACK", &why));
    EXPECT_EQ(why, ValueError::overflow);
    EXPECT_FALSE(parse_cseq("36893488147419103232 REGISTER", &why));
    EXPECT_EQ(why, ValueError::overflow);
    EXPECT_FALSE(parse_cseq("1", &why));
    EXPECT_FALSE(parse_cseq("INVITE", &why));
    EXPECT_FALSE(parse_cseq("1INVITE", &why));
    EXPECT_FALSE(parse_cseq("1 INV ITE", &why));
}

TEST(Method, NamesRoundTrip) {
    for (int i = 1; i <= static_cast<int>(Method::publish); ++i) {
        const auto m = static_cast<Method>(i);
        EXPECT_EQ(method_from(to_string(m)), m);
    }
    EXPECT_EQ(method_from("invite"), Method::other);
    EXPECT_EQ(method_from(""), Method::other);
}

TEST(Digest, CredentialsAndChallenges) {
    const auto d = parse_digest(
        "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\\\"1\", uri=\"sip:example.com\", "
        "response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, cnonce=\"c\", opaque=\"o\", qop=auth, "
        "nc=00000001");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->scheme, "Digest");
    EXPECT_EQ(d->username, "alice");
    EXPECT_EQ(d->realm, "example.com");
    EXPECT_EQ(d->nonce, "n\\\"1");
    EXPECT_TRUE(d->has_quoted_pairs);
    EXPECT_EQ(unquote(d->nonce), "n\"1");
    std::array<char, 2> small{};
    EXPECT_FALSE(unquote(d->nonce, small));
    EXPECT_EQ(d->uri, "sip:example.com");
    EXPECT_EQ(d->algorithm, "MD5");
    EXPECT_EQ(d->qop, "auth");
    EXPECT_EQ(d->nc, "00000001");
    EXPECT_EQ(d->cnonce, "c");
    EXPECT_EQ(d->opaque, "o");
    const auto basic = parse_digest("Basic realm=\"jobs\"");
    EXPECT_EQ(basic->scheme, "Basic");
    EXPECT_TRUE(basic->realm.empty());
}

TEST(Digest, MalformedParametersFail) {
    ValueError why = ValueError::none;
    EXPECT_FALSE(parse_digest("Digest username=\"alice", &why));  // CVE-2023-28098 shape
    EXPECT_EQ(why, ValueError::unterminated_quote);
    EXPECT_FALSE(parse_digest("Digest authz_server=\"", &why));  // belle-sip #24 shape
    EXPECT_FALSE(parse_digest("Digest realm", &why));
    EXPECT_FALSE(parse_digest("Digest =x", &why));
    EXPECT_FALSE(parse_digest("", &why));
    EXPECT_TRUE(parse_digest("Digest realm=\"r\",, nonce=\"n\""));
}

// Each parameter name, in any case, lands in its own field; a name of the
// same length and first letter that is not one of them lands nowhere.
TEST(Digest, EachParameterNameFindsItsField) {
    const std::vector<std::pair<std::string, std::string_view Digest::*>> fields = {
        {"username", &Digest::username}, {"realm", &Digest::realm},
        {"nonce", &Digest::nonce},       {"uri", &Digest::uri},
        {"response", &Digest::response}, {"algorithm", &Digest::algorithm},
        {"cnonce", &Digest::cnonce},     {"opaque", &Digest::opaque},
        {"qop", &Digest::qop},           {"nc", &Digest::nc},
        {"stale", &Digest::stale},       {"domain", &Digest::domain}};
    for (const auto& [name, member] : fields) {
        for (const bool upper : {false, true}) {
            std::string spelled = name;
            if (upper) std::transform(spelled.begin(), spelled.end(), spelled.begin(), [](char c) { return c - 32; });
            const std::string value = "Digest " + spelled + "=\"v\"";
            const auto d = parse_digest(value);
            ASSERT_TRUE(d) << spelled;
            EXPECT_EQ((*d).*member, "v") << spelled;
            for (const auto& [other, other_member] : fields) {
                if (other_member != member) {
                    EXPECT_TRUE(((*d).*other_member).empty()) << spelled << " set " << other;
                }
            }
        }
        std::string near = name;
        near.back() = near.back() == 'z' ? 'y' : 'z';
        const std::string value = "Digest " + near + "=v";
        const auto d = parse_digest(value);
        ASSERT_TRUE(d) << near;
        for (const auto& [other, other_member] : fields) {
            EXPECT_TRUE(((*d).*other_member).empty()) << near;
        }
    }
}

// The usual parameter lists are read in one pass, anything else by the
// general loop; both must agree. Appending ", ," (two empty pieces, which
// the general loop skips) sends any list down the general loop, so each
// random list is parsed both ways and the results compared. (A quoted-pair
// always takes the general loop: Digest.CredentialsAndChallenges.)
TEST(Digest, OnePassAgreesWithTheGeneralLoop) {
    const std::vector<std::string> pieces = {"username", "realm", "nonce", "uri",     "response",  "qop", "nc",
                                             "x-y",      "=",     "\"",    "\"a,b\"", "\"q\\\"\"", ",",   ", ",
                                             " , ",      ",,",    " ",     "\t",      "abc",       "MD5", "\"sip:a@b\"",
                                             "\r\n ",    "\"\"",  ">",     "\\"};
    std::mt19937 random(11);
    const auto same = [](const std::optional<Digest>& a, const std::optional<Digest>& b) {
        if (a.has_value() != b.has_value()) return false;
        if (!a) return true;
        return a->username == b->username && a->realm == b->realm && a->nonce == b->nonce && a->uri == b->uri &&
               a->response == b->response && a->algorithm == b->algorithm && a->cnonce == b->cnonce &&
               a->opaque == b->opaque && a->qop == b->qop && a->nc == b->nc && a->stale == b->stale &&
               a->domain == b->domain && a->has_quoted_pairs == b->has_quoted_pairs;
    };
    std::size_t plain = 0;
    for (int round = 0; round < 100000; ++round) {
        std::string params;
        // Mostly well-formed lists, then random sequences of the pieces.
        const bool usual = random() % 2 == 0;
        for (std::size_t n = 1 + random() % 6; n > 0; --n) {
            if (usual) {
                params += pieces[random() % 7] + "=" + (random() % 2 == 0 ? "\"v,1 x\"" : "tok");
                if (n > 1) params += random() % 2 == 0 ? ", " : ",";
            } else {
                params += pieces[random() % pieces.size()];
            }
        }
        // With an odd number of quotes (or a quoted-pair) the appended
        // pieces would fall inside a quoted string and change the value.
        if (std::count(params.begin(), params.end(), '"') % 2 == 1 || params.find('\\') != std::string::npos) continue;
        const std::string value = "Digest " + params;
        const std::string general = value + ", ,";
        ValueError why_plain = ValueError::none, why_general = ValueError::none;
        const auto a = parse_digest(value, &why_plain);
        const auto b = parse_digest(general, &why_general);
        ASSERT_TRUE(same(a, b)) << testing::PrintToString(value);
        ASSERT_EQ(why_plain, why_general) << testing::PrintToString(value);
        if (a && usual) ++plain;
    }
    EXPECT_GT(plain, 10000U);  // the usual lists did parse
}

// libosip2's header-value lists: every line parses or fails cleanly; the
// lines its comments call valid parse.
TEST(HeaderValues, Libosip2Lists) {
    const auto dir = test::shared_messages() / "libosip2";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "shared corpus not present: " << dir;
    std::size_t parsed = 0, lines = 0;
    for (const char* file : {"froms.txt", "tos.txt", "contacts.txt", "routes.txt", "recordroutes.txt", "urls.txt",
                             "vias.txt", "auths.txt", "wwwas.txt", "callids.txt", "contenttypes.txt"}) {
        std::ifstream in(dir / file);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            ++lines;
            const std::string_view v = line;
            parsed +=
                parse_name_addr(v) || parse_contact(v) || parse_via(v) || parse_digest(v) || parse_uri(v) ? 1U : 0U;
        }
    }
    EXPECT_GT(lines, 400U);
    EXPECT_GT(parsed, lines * 3 / 4);
    EXPECT_EQ(parse_digest("Digest realm=\"%$s..c,\\\\\\\"\", nonce=\"??????????\"")->nonce, "??????????");
    EXPECT_TRUE(parse_via("SIP  /    2.0    /    UDP my.ex.fr"));
    // libosip2 asks "Is this valid?" of a lone quote as a parameter value: it is not.
    EXPECT_FALSE(parse_via("SIP/2.0/UDP my.ex.fr:4000;ttl=15;joe=tokenabc123-.!%* ; bob=\""));
}

// The end of a dotted quad at `begin`: four groups of one to three digits,
// each at most 255, joined by dots; npos when there is none. Checked
// against this definition on every string of up to 9 bytes over a small
// alphabet, from every start.
std::size_t dotted_quad_end_by_definition(std::string_view s, std::size_t begin) {
    std::size_t i = begin;
    for (int group = 0; group < 4; ++group) {
        if (group > 0) {
            if (i >= s.size() || s[i] != '.') return std::string_view::npos;
            ++i;
        }
        std::size_t digits = 0;
        unsigned value = 0;
        while (i + digits < s.size() && s[i + digits] >= '0' && s[i + digits] <= '9') {
            value = value * 10 + static_cast<unsigned>(s[i + digits] - '0');
            if (++digits > 3) return std::string_view::npos;
        }
        if (digits == 0 || value > 255) return std::string_view::npos;
        i += digits;
    }
    return i;
}

// iequals_letters compares words for 4 to 16 bytes; byte by byte, a byte
// matches a lower-case letter when it is that letter or its capital.
TEST(IequalsLetters, AgreesWithTheDefinition) {
    std::mt19937 random(5);
    const std::string alphabet = "abcxyzABCXYZ@`[{-_09";
    for (int round = 0; round < 200000; ++round) {
        const std::size_t n = random() % 20;
        std::string lower(n, 'a');
        for (char& c : lower) c = static_cast<char>('a' + random() % 26);
        std::string s = lower;
        const int edits = static_cast<int>(random() % 3);
        for (int e = 0; e < edits && n > 0; ++e) s[random() % n] = alphabet[random() % alphabet.size()];
        if (random() % 2 == 0) {
            for (char& c : s)
                if (random() % 2 == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
        if (random() % 8 == 0) s.resize(random() % 20);
        bool want = s.size() == lower.size();
        for (std::size_t i = 0; want && i < s.size(); ++i)
            want = s[i] == lower[i] || s[i] == static_cast<char>(lower[i] - 32);
        ASSERT_EQ(scan::iequals_letters(s, lower), want) << s << " against " << lower;
    }
}

TEST(DottedQuadEnd, AgreesWithTheDefinition) {
    constexpr std::string_view k_alphabet = "0125.:/";
    std::string s;
    std::size_t checked = 0, found = 0;
    auto check = [&] {
        for (std::size_t begin = 0; begin <= s.size(); ++begin) {
            const std::size_t expected = dotted_quad_end_by_definition(s, begin);
            ASSERT_EQ(dotted_quad_end(s, begin), expected) << s << " from " << begin;
            ++checked;
            found += expected != std::string_view::npos ? 1 : 0;
        }
    };
    // Every string of up to 7 bytes, then random ones of 8 to 17 bytes.
    for (std::size_t length = 0; length <= 7; ++length) {
        std::size_t combinations = 1;
        for (std::size_t i = 0; i < length; ++i) combinations *= k_alphabet.size();
        for (std::size_t n = 0; n < combinations; ++n) {
            s.clear();
            for (std::size_t i = 0, v = n; i < length; ++i, v /= k_alphabet.size())
                s += k_alphabet[v % k_alphabet.size()];
            check();
        }
    }
    std::uint64_t state = 88172645463325252ULL;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int n = 0; n < 200000; ++n) {
        s.clear();
        const std::size_t length = 8 + next() % 10;
        // Mostly digits and dots, so that long quads come up.
        for (std::size_t i = 0; i < length; ++i) s += next() % 4 == 0 ? '.' : k_alphabet[next() % k_alphabet.size()];
        check();
    }
    EXPECT_GT(found, 1000u);
    EXPECT_GT(checked, 1000000u);
    for (const std::string_view text : {"255.255.255.255", "192.0.2.1:5060", "10.0.0.1;rport", "0.0.0.0"})
        EXPECT_NE(dotted_quad_end(text, 0), std::string_view::npos) << text;
    for (const std::string_view text : {"256.1.1.1", "1.2.3", "1.2.3.", "1111.2.3.4", "1.2.3.4444", "a.b.c.d", ""})
        EXPECT_EQ(dotted_quad_end(text, 0), std::string_view::npos) << text;
}

}  // namespace
}  // namespace sipwarden::sip
