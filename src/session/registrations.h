// RegistrationTracker: REGISTER exchanges per Call-ID — the attempt, the
// challenge (401/407), the retry with credentials and the outcome (2xx or a
// refusal), the digest username tried, the AOR, contact and source — as
// RegistrationEvents. State is kept only while an exchange is in progress.
#pragma once

#include <cstdint>

#include "session/compact_text.h"
#include "session/events.h"
#include "session/expiry_queue.h"
#include "session/keyed_slots.h"
#include "session/limits.h"
#include "session/sip_input.h"
#include "session/transactions.h"

namespace sipwarden::session {

struct Registration {
    enum Field : std::uint8_t { call_id, aor, aor_user, contact, user_agent, digest_username, realm, field_count };
    CompactText<field_count> text;
    core::Endpoint source;
    core::Endpoint registrar;
    core::Timestamp last_activity;
    Transport transport = Transport::udp;
    int attempts = 0;
    int requested_expires = -1;
    std::uint32_t attempt_cseq = 0;   // CSeq of the latest REGISTER
    bool with_credentials = false;    // the latest REGISTER carried credentials
    bool answered_challenge = false;  // ... and they answered a challenge (a nonce and a response)
};

struct RegistrationStats {
    std::uint64_t attempts = 0;
    std::uint64_t challenged = 0;
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;
    std::uint64_t limit_reached = 0;
};

class RegistrationTracker {
public:
    RegistrationTracker(const Limits& limits, EventSink& sink) : m_limits(limits), m_sink(sink) {}

    void on_request(const SipInput& in, const TransactionTable::RequestOutcome& tx);
    void on_response(const SipInput& in, const TransactionTable::ResponseOutcome& tx);
    void expire(core::Timestamp now);
    std::size_t size() const { return m_table.size(); }
    const RegistrationStats& stats() const { return m_stats; }

private:
    std::uint32_t find(std::string_view call_id, std::uint64_t hash) const;
    RegistrationInfo info(const Registration& r, core::Timestamp time, int status) const;

    Limits m_limits;
    EventSink& m_sink;
    KeyedSlots<Registration> m_table;
    ExpiryQueue m_timers;
    RegistrationStats m_stats;
};

}  // namespace sipwarden::session
