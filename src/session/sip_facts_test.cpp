#include "session/sip_facts.h"

#include <gtest/gtest.h>

#include <string>

#include "core/hash.h"
#include "session/transactions.h"

namespace sipwarden::session {
namespace {

// Parses `text` (\n line ends, no body) into `message`, which views `wire`.
void parse(const std::string& text, std::string& wire, sip::Message& message) {
    wire.clear();
    for (char c : text) wire += c == '\n' ? std::string("\r\n") : std::string(1, c);
    ASSERT_TRUE(message.parse(wire)) << text;
}

std::string request(const std::string& method, const std::string& extra) {
    return method + " sip:pbx.example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1\n" +
           "From: <sip:100@pbx.example.com>;tag=a\nTo: <sip:100@pbx.example.com>\nCall-ID: id-1\nCSeq: 2 " +
           (method == "ACK" || method == "CANCEL" ? std::string("INVITE") : method) + "\n" + extra +
           "Content-Length: 0\n\n";
}

std::string response(int status, const std::string& method, const std::string& extra) {
    return "SIP/2.0 " + std::to_string(status) +
           " X\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-1\nFrom: <sip:100@pbx.example.com>;tag=a\n"
           "To: <sip:100@pbx.example.com>;tag=b\nCall-ID: id-1\nCSeq: 2 " +
           method + "\n" + extra + "Content-Length: 0\n\n";
}

TEST(SipFacts, HashesAndTransactionKeys) {
    std::string wire;
    sip::Message m;
    parse(request("INVITE", ""), wire, m);
    const SipFacts invite = sip_facts(m);
    EXPECT_EQ(invite.call_id_hash, core::hash_text("id-1"));
    EXPECT_EQ(invite.transaction_key, transaction_key(m, sip::Method::invite));
    EXPECT_EQ(invite.invite_key, 0u);

    // ACK and CANCEL name the INVITE's transaction, and have their own.
    for (const char* method : {"ACK", "CANCEL"}) {
        std::string w;
        sip::Message a;
        parse(request(method, ""), w, a);
        const SipFacts f = sip_facts(a);
        EXPECT_EQ(f.invite_key, invite.transaction_key) << method;
        EXPECT_NE(f.transaction_key, invite.transaction_key) << method;
    }
    // A response belongs to the transaction of its CSeq method.
    std::string w;
    sip::Message ok;
    parse(response(200, "INVITE", ""), w, ok);
    EXPECT_EQ(sip_facts(ok).transaction_key, invite.transaction_key);
}

TEST(SipFacts, CredentialsOfRegisterAndInvite) {
    std::string wire;
    sip::Message m;
    parse(request("REGISTER",
                  "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\"\n"
                  "Proxy-Authorization: Digest username=\"bob\", realm=\"p\"\n"),
          wire, m);
    SipFacts f = sip_facts(m);
    EXPECT_TRUE(f.authorization.present && f.authorization.parsed);
    EXPECT_EQ(f.authorization.username, "alice");
    EXPECT_EQ(f.proxy_authorization.username, "bob");

    // Present but not a parsable digest: present, not parsed.
    parse(request("INVITE", "Proxy-Authorization: Digest username=\"x\n"), wire, m);
    f = sip_facts(m);
    EXPECT_TRUE(f.proxy_authorization.present);
    EXPECT_FALSE(f.proxy_authorization.parsed);
    EXPECT_FALSE(f.authorization.present);

    // Other methods: not looked at.
    parse(request("OPTIONS", "Authorization: Digest username=\"alice\"\n"), wire, m);
    EXPECT_FALSE(sip_facts(m).authorization.present);
}

TEST(SipFacts, ContactOfRegisterAndItsAnswer) {
    std::string wire;
    sip::Message m;
    parse(request("REGISTER", "Contact: <sip:100@192.0.2.10:5062>;expires=120, <sip:100@198.51.100.1>\n"), wire, m);
    SipFacts f = sip_facts(m);
    EXPECT_TRUE(f.contact.present && f.contact.parsed);
    EXPECT_EQ(f.contact.text, "sip:100@192.0.2.10:5062");
    EXPECT_EQ(f.contact.expires, 120u);

    parse(request("REGISTER", "Contact: *\nExpires: 0\n"), wire, m);
    f = sip_facts(m);
    EXPECT_EQ(f.contact.text, "*");
    EXPECT_FALSE(f.contact.expires.has_value());

    // Unparsable: the raw value, no expires.
    parse(request("REGISTER", "Contact: <sip:100@192.0.2.10;expires=5\n"), wire, m);
    f = sip_facts(m);
    EXPECT_TRUE(f.contact.present);
    EXPECT_FALSE(f.contact.parsed);
    EXPECT_EQ(f.contact.text, "<sip:100@192.0.2.10;expires=5");

    parse(response(200, "REGISTER", "Contact: <sip:100@192.0.2.10>;expires=3600\n"), wire, m);
    EXPECT_EQ(sip_facts(m).contact.expires, 3600u);
    // Not for INVITE answers or REGISTER failures.
    parse(response(200, "INVITE", "Contact: <sip:100@192.0.2.10>;expires=3600\n"), wire, m);
    EXPECT_FALSE(sip_facts(m).contact.present);
    parse(response(403, "REGISTER", "Contact: <sip:100@192.0.2.10>\n"), wire, m);
    EXPECT_FALSE(sip_facts(m).contact.present);
}

TEST(SipFacts, ChallengeOfTheStatus) {
    std::string wire;
    sip::Message m;
    const std::string both =
        "WWW-Authenticate: Digest realm=\"www\", nonce=\"1\"\n"
        "Proxy-Authenticate: Digest realm=\"proxy\", nonce=\"2\"\n";
    parse(response(401, "REGISTER", both), wire, m);
    EXPECT_EQ(sip_facts(m).challenge.realm, "www");
    parse(response(407, "REGISTER", both), wire, m);
    EXPECT_EQ(sip_facts(m).challenge.realm, "proxy");
    EXPECT_FALSE(sip_facts(m).challenge.stale);
    parse(response(401, "INVITE", both), wire, m);
    EXPECT_FALSE(sip_facts(m).challenge.present);
    parse(response(401, "REGISTER", "WWW-Authenticate: Digest realm=\"www\", nonce=\"3\", stale=TRUE\n"), wire, m);
    EXPECT_TRUE(sip_facts(m).challenge.stale);
    parse(response(401, "REGISTER", "WWW-Authenticate: Digest realm=\"www\", nonce=\"3\", stale=false\n"), wire, m);
    EXPECT_FALSE(sip_facts(m).challenge.stale);
}

// Credentials answer a challenge when they carry a nonce and a response.
TEST(SipFacts, CredentialsThatAnswerAChallenge) {
    std::string wire;
    sip::Message m;
    parse(request("REGISTER", "Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\", response=\"x\"\n"), wire,
          m);
    EXPECT_TRUE(sip_facts(m).authorization.answers_challenge);
    parse(request("REGISTER", "Authorization: Digest username=\"a\", realm=\"r\", nonce=\"\", response=\"\"\n"), wire,
          m);
    EXPECT_FALSE(sip_facts(m).authorization.answers_challenge);
    parse(request("REGISTER", "Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\"\n"), wire, m);
    EXPECT_FALSE(sip_facts(m).authorization.answers_challenge);
}

}  // namespace
}  // namespace sipwarden::session
