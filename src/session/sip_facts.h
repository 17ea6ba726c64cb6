// SipFacts: what the trackers derive from one SIP message alone, without
// their tables: hashes of its Call-ID and transaction, the digest
// parameters and the first Contact they keep. `watch` computes them where
// the message is parsed, on either thread, so that the tracking thread (the
// bound of the pipeline) only looks them up; SessionTracker computes them
// itself for a SipInput without them. Views point into the message.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sip/message.h"

namespace sipwarden::session {

// An Authorization-type header (credentials) or a challenge.
struct DigestFact {
    bool present = false;  // the header is there, not empty
    bool parsed = false;   // sip::parse_digest accepted it
    std::string_view username;
    std::string_view realm;
    bool stale = false;  // a challenge with stale=true: the nonce expired, not the credentials (RFC 7616 §3.3)
    // Credentials with a nonce and a response: an answer to a challenge (an
    // IMS device's first REGISTER carries an Authorization with both empty).
    bool answers_challenge = false;
};

// The first value of the first Contact header.
struct ContactFact {
    bool present = false;
    bool parsed = false;    // sip::parse_contact accepted it
    std::string_view text;  // parsed: "*" or the URI as written; otherwise the raw value
    std::optional<std::uint32_t> expires;
};

struct SipFacts {
    std::uint64_t call_id_hash = 0;     // core::hash_text of the Call-ID
    std::uint64_t transaction_key = 0;  // request: of its method; response: of its CSeq method (0 without CSeq)
    std::uint64_t invite_key = 0;       // ACK and CANCEL: the INVITE transaction they refer to
    // Requests REGISTER and INVITE only.
    DigestFact authorization, proxy_authorization;
    // Responses 401 and 407 to REGISTER only: the challenge of the status.
    DigestFact challenge;
    // REGISTER requests and 2xx responses to REGISTER only.
    ContactFact contact;
};

SipFacts sip_facts(const sip::Message& message);

}  // namespace sipwarden::session
