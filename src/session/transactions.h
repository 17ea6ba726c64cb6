// TransactionTable: matches requests and responses the way RFC 3261 §17
// does — top Via branch (magic cookie z9hG4bK) + sent-by + CSeq method, ACK
// and CANCEL matched to the INVITE they refer to — with the RFC 2543
// fall-back (Call-ID, From tag, CSeq, top Via) for branches without the
// cookie. It tells retransmissions apart from new requests and responses.
#pragma once

#include <cstdint>

#include "core/timestamp.h"
#include "session/expiry_queue.h"
#include "session/keyed_slots.h"
#include "session/limits.h"
#include "session/sip_facts.h"
#include "sip/message.h"

namespace sipwarden::session {

struct Transaction {
    std::uint64_t key = 0;
    sip::Method method = sip::Method::other;
    std::uint32_t cseq = 0;
    core::Timestamp first_seen;
    core::Timestamp last_seen;
    int last_status = 0;   // last response status (0: none yet)
    int final_status = 0;  // first final response (>= 200)
    std::uint16_t request_copies = 0;
    std::uint16_t response_copies = 0;  // retransmitted responses
    bool acked = false;                 // ACK for a non-2xx final response seen
    bool cancelled = false;             // CANCEL seen for this INVITE
};

struct TransactionStats {
    std::uint64_t created = 0;
    std::uint64_t request_retransmissions = 0;
    std::uint64_t response_retransmissions = 0;
    std::uint64_t orphan_responses = 0;  // no request seen (capture started later, or one-sided)
    std::uint64_t expired = 0;
    std::uint64_t limit_reached = 0;
};

class TransactionTable {
public:
    explicit TransactionTable(const Limits& limits) : m_limits(limits) {}

    struct RequestOutcome {
        Transaction* transaction = nullptr;  // null when the table is full
        bool retransmission = false;
        // ACK/CANCEL: the INVITE transaction they match (null if unseen).
        Transaction* invite = nullptr;
    };
    RequestOutcome on_request(const sip::Message& request, const SipFacts& facts, core::Timestamp now);

    struct ResponseOutcome {
        Transaction* transaction = nullptr;  // null for an orphan response
        bool retransmission = false;
    };
    ResponseOutcome on_response(const sip::Message& response, const SipFacts& facts, core::Timestamp now);

    void expire(core::Timestamp now);
    std::size_t size() const { return m_table.size(); }
    std::uint64_t limit_reached() const { return m_stats.limit_reached; }
    const TransactionStats& stats() const { return m_stats; }

private:
    std::uint32_t find(std::uint64_t key) const;
    std::uint32_t create(std::uint64_t key, const sip::Message& request, core::Timestamp now);
    void fire(const Timer& timer, core::Timestamp now);

    Limits m_limits;
    KeyedSlots<Transaction> m_table;
    // Two queues keep deadlines in arming order: completed transactions
    // (short lifetime) and open ones (long lifetime).
    ExpiryQueue m_completed_timers;
    ExpiryQueue m_open_timers;
    TransactionStats m_stats;
};

// The matching key of a message for a transaction of `method_class`
// (exposed for tests).
std::uint64_t transaction_key(const sip::Message& message, sip::Method method_class);

}  // namespace sipwarden::session
