// Transaction matching (RFC 3261 §17.1.3, §17.2.3) and retransmission detection.
#include "session/transactions.h"

#include "core/hash.h"
#include "core/text.h"

namespace sipwarden::session {

namespace {

bool rfc3261_branch(std::string_view branch) { return branch.size() > 7 && branch.substr(0, 7) == "z9hG4bK"; }

}  // namespace

std::uint64_t transaction_key(const sip::Message& message, sip::Method method_class) {
    std::uint64_t h = core::hash_seed() ^ static_cast<std::uint64_t>(method_class);
    const auto& via = message.top_via();
    if (via && via->branch && rfc3261_branch(*via->branch)) {
        h = core::hash_text(*via->branch, h);
        h = core::hash_text(via->host, h);
        return core::mix64(h ^ via->port.value_or(0));
    }
    // RFC 2543: Call-ID, From tag, CSeq number and the whole top Via.
    h = core::hash_text(message.call_id(), h);
    if (message.from()) h = core::hash_text(message.from()->tag().value_or(""), h);
    if (message.cseq()) h = core::mix64(h ^ message.cseq()->number);
    const auto top = message.header(sip::HeaderId::via);
    return core::hash_text(top.substr(0, top.find(',')), h);
}

std::uint32_t TransactionTable::find(std::uint64_t key) const {
    return m_table.find(key, [&](const Transaction& t) { return t.key == key; });
}

std::uint32_t TransactionTable::create(std::uint64_t key, const sip::Message& request, core::Timestamp now) {
    if (m_table.size() >= m_limits.max_transactions) {
        expire(now);
        if (m_table.size() >= m_limits.max_transactions) {
            ++m_stats.limit_reached;
            return k_no_slot;
        }
    }
    const std::uint32_t slot = m_table.insert(key);
    Transaction& t = m_table.at(slot);
    t.key = key;
    t.method = request.method();
    t.cseq = request.cseq() ? request.cseq()->number : 0;
    t.first_seen = t.last_seen = now;
    t.request_copies = 1;
    // Armed at the shorter lifetime; a transaction still open then moves to the longer one.
    m_completed_timers.arm(core::Timestamp::from_ns(now.ns() + m_limits.completed_transaction_lifetime), slot,
                           m_table.generation(slot));
    ++m_stats.created;
    return slot;
}

TransactionTable::RequestOutcome TransactionTable::on_request(const sip::Message& request, const SipFacts& facts,
                                                              core::Timestamp now) {
    RequestOutcome out;
    const sip::Method method = request.method();
    if (method == sip::Method::ack || method == sip::Method::cancel) {
        // Both carry the branch of the INVITE they refer to (§9.1, §17.1.1.3).
        const std::uint32_t invite = find(facts.invite_key);
        if (invite != k_no_slot) {
            out.invite = &m_table.at(invite);
            out.invite->last_seen = now;
            if (method == sip::Method::ack && out.invite->final_status >= 300) {
                out.retransmission = out.invite->acked;
                out.invite->acked = true;
                return out;
            }
            if (method == sip::Method::cancel) out.invite->cancelled = true;
        }
        if (method == sip::Method::ack) return out;  // ACK for 2xx: its own, response-less transaction
    }
    const std::uint64_t key = facts.transaction_key;
    std::uint32_t slot = find(key);
    if (slot != k_no_slot) {
        Transaction& t = m_table.at(slot);
        t.last_seen = now;
        ++t.request_copies;
        ++m_stats.request_retransmissions;
        out.transaction = &t;
        out.retransmission = true;
        return out;
    }
    slot = create(key, request, now);
    if (slot != k_no_slot) out.transaction = &m_table.at(slot);
    // `out.invite` may point into the table: re-read it after a possible growth.
    if (out.invite != nullptr) {
        const std::uint32_t invite = find(facts.invite_key);
        out.invite = invite == k_no_slot ? nullptr : &m_table.at(invite);
    }
    return out;
}

TransactionTable::ResponseOutcome TransactionTable::on_response(const sip::Message& response, const SipFacts& facts,
                                                                core::Timestamp now) {
    ResponseOutcome out;
    if (!response.cseq()) {
        ++m_stats.orphan_responses;
        return out;
    }
    const std::uint32_t slot = find(facts.transaction_key);
    if (slot == k_no_slot) {
        ++m_stats.orphan_responses;
        return out;
    }
    Transaction& t = m_table.at(slot);
    const int status = response.status_code();
    t.last_seen = now;
    out.transaction = &t;
    if (status == t.last_status || (status >= 200 && t.final_status >= 200)) {
        ++t.response_copies;
        ++m_stats.response_retransmissions;
        out.retransmission = status == t.last_status || status == t.final_status;
    }
    t.last_status = status;
    if (status >= 200 && t.final_status == 0) t.final_status = status;
    return out;
}

void TransactionTable::fire(const Timer& timer, core::Timestamp now) {
    if (!m_table.live(timer.slot, timer.generation)) return;
    const Transaction& t = m_table.at(timer.slot);
    const bool completed = t.final_status >= 200;
    const std::int64_t due =
        t.last_seen.ns() + (completed ? m_limits.completed_transaction_lifetime : m_limits.transaction_lifetime);
    if (due <= now.ns()) {
        ++m_stats.expired;
        m_table.erase(timer.slot);
        return;
    }
    (completed ? m_completed_timers : m_open_timers).arm(core::Timestamp::from_ns(due), timer.slot, timer.generation);
}

void TransactionTable::expire(core::Timestamp now) {
    m_completed_timers.expire(now, [&](const Timer& timer) { fire(timer, now); });
    m_open_timers.expire(now, [&](const Timer& timer) { fire(timer, now); });
}

}  // namespace sipwarden::session
