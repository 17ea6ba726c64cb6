// The per-message values of SipFacts; see sip_facts.h.
#include "session/sip_facts.h"

#include "core/hash.h"
#include "core/text.h"
#include "session/transactions.h"
#include "sip/digest.h"

namespace sipwarden::session {

namespace {

DigestFact digest_fact(const sip::Message& message, sip::HeaderId id) {
    DigestFact fact;
    const auto value = message.header(id);
    if (value.empty()) return fact;
    fact.present = true;
    if (auto digest = sip::parse_digest(value)) {
        fact.parsed = true;
        fact.username = digest->username;
        fact.realm = digest->realm;
        fact.stale = core::iequals(digest->stale, "true");
        fact.answers_challenge = !digest->nonce.empty() && !digest->response.empty();
    }
    return fact;
}

ContactFact contact_fact(const sip::Message& message) {
    ContactFact fact;
    for (auto value : message.values(sip::HeaderId::contact)) {
        fact.present = true;
        fact.text = value;
        // Usually the value the message's parse read first: its result is kept.
        std::optional<sip::Contact> fresh;
        const sip::Contact* contact = nullptr;
        if (const auto kept = message.first_contact_parse(value)) {
            contact = *kept;
        } else if ((fresh = sip::parse_contact(value))) {
            contact = &*fresh;
        }
        if (contact != nullptr) {
            fact.parsed = true;
            fact.text = contact->star ? std::string_view("*") : contact->address.uri_text;
            fact.expires = contact->expires;
        }
        break;
    }
    return fact;
}

}  // namespace

SipFacts sip_facts(const sip::Message& message) {
    SipFacts facts;
    facts.call_id_hash = core::hash_text(message.call_id());
    if (message.is_request()) {
        const sip::Method method = message.method();
        facts.transaction_key = transaction_key(message, method);
        if (method == sip::Method::ack || method == sip::Method::cancel)
            facts.invite_key = transaction_key(message, sip::Method::invite);
        if (method == sip::Method::register_ || method == sip::Method::invite) {
            facts.authorization = digest_fact(message, sip::HeaderId::authorization);
            facts.proxy_authorization = digest_fact(message, sip::HeaderId::proxy_authorization);
        }
        if (method == sip::Method::register_) facts.contact = contact_fact(message);
        return facts;
    }
    if (!message.cseq()) return facts;
    const sip::Method method = message.cseq()->method;
    facts.transaction_key = transaction_key(message, method);
    if (method != sip::Method::register_) return facts;
    const int status = message.status_code();
    if (status == 401 || status == 407)
        facts.challenge =
            digest_fact(message, status == 401 ? sip::HeaderId::www_authenticate : sip::HeaderId::proxy_authenticate);
    if (status >= 200 && status < 300) facts.contact = contact_fact(message);
    return facts;
}

}  // namespace sipwarden::session
