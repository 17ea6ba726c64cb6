// Call tracking: the INVITE dialog state machine, as seen from the wire.
#include "session/calls.h"

#include "core/hash.h"

namespace sipwarden::session {

namespace {

std::string_view tag_of(const sip::NameAddr* address) {
    if (!address) return {};
    return address->tag().value_or(std::string_view());
}

// Proxy-Authorization first, then Authorization: the first that parses.
std::string_view digest_username(const SipFacts& facts) {
    for (const DigestFact* fact : {&facts.proxy_authorization, &facts.authorization}) {
        if (fact->parsed) return fact->username;
    }
    return {};
}

std::string_view unquoted(std::string_view text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return text.substr(1, text.size() - 2);
    return text;
}

}  // namespace

int Call::forks() const {
    int n = 0;
    for (auto tag : fork_tags) n += tag != 0 ? 1 : 0;
    return n;
}

std::uint32_t CallTracker::find(std::string_view call_id, std::uint64_t hash) const {
    return m_calls.find(hash, [&](const Call& c) { return c.text.get(Call::call_id) == call_id; });
}

std::uint32_t CallTracker::start(const SipInput& in, bool mid_dialog) {
    if (m_calls.size() >= m_limits.max_calls) {
        ++m_stats.limit_reached;
        m_sink.on_event(LimitReached{"calls", in.time});
        return k_no_slot;
    }
    const sip::Message& m = in.message;
    const std::uint32_t slot = m_calls.insert(in.facts->call_id_hash);
    Call& call = m_calls.at(slot);
    const std::size_t max = m_limits.max_field_bytes;
    const auto& from = m.from();
    const auto& to = m.to();
    const auto uri = sip::parse_uri(m.request_uri());
    std::optional<sip::NameAddr> asserted;
    if (const auto pai = m.header(sip::HeaderId::p_asserted_identity); !pai.empty())
        asserted = sip::parse_name_addr(pai.substr(0, pai.find(',')));
    // All at once: one heap block of the exact size.
    call.text.set({{Call::call_id, m.call_id(), m_limits.max_call_id_bytes},
                   {Call::caller_user, from ? from->uri.user : std::string_view{}, max},
                   {Call::caller_host, from ? from->uri.host : std::string_view{}, max},
                   {Call::caller_display, from ? unquoted(from->display_name) : std::string_view{}, max},
                   {Call::caller_tag, from ? tag_of(from) : std::string_view{}, max},
                   {Call::callee_user, to ? to->uri.user : std::string_view{}, max},
                   {Call::callee_host, to ? to->uri.host : std::string_view{}, max},
                   {Call::callee_display, to ? unquoted(to->display_name) : std::string_view{}, max},
                   {Call::request_uri, m.request_uri(), max},
                   {Call::request_user, uri ? uri->user : std::string_view{}, max},
                   {Call::asserted_user, asserted ? asserted->uri.user : std::string_view{}, max},
                   {Call::user_agent, m.header(sip::HeaderId::user_agent), max},
                   {Call::digest_username, digest_username(*in.facts), max}});
    call.caller_endpoint = in.source;
    call.callee_endpoint = in.destination;
    call.transport = in.transport;
    call.invite = call.last_activity = call.last_invite = in.time;
    call.initial_cseq = m.cseq() ? m.cseq()->number : 0;
    call.mid_dialog = mid_dialog;
    if (mid_dialog) {
        call.state = CallState::answered;
        call.answered = in.time;
    }
    const std::uint32_t generation = m_calls.generation(slot);
    m_setup_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.call_setup_timeout), slot, generation);
    ++m_stats.started;
    m_sink.on_event(CallStarted{info(slot)});
    if (mid_dialog) {
        m_idle_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.call_idle_timeout), slot, generation);
    }
    return slot;
}

std::uint32_t CallTracker::on_request(const SipInput& in, const TransactionTable::RequestOutcome& tx) {
    const sip::Message& m = in.message;
    std::uint32_t slot = find(m.call_id(), in.facts->call_id_hash);
    if (slot == k_no_slot) {
        if (m.method() != sip::Method::invite) {
            if (m.method() == sip::Method::bye || m.method() == sip::Method::ack || m.method() == sip::Method::cancel) {
                ++m_stats.unknown_dialog;
            }
            return k_no_slot;
        }
        if (tx.retransmission) return k_no_slot;
        return start(in, !tag_of(m.to()).empty());
    }
    touch(slot, in.time);
    if (tx.retransmission) return slot;
    switch (m.method()) {
        case sip::Method::invite: on_invite(slot, in, tx); break;
        case sip::Method::bye: on_bye(slot, in); break;
        case sip::Method::cancel: {
            Call& call = m_calls.at(slot);
            if (call.state == CallState::calling || call.state == CallState::early) call.cancel_seen = true;
            break;
        }
        default: break;
    }
    return slot;
}

void CallTracker::on_invite(std::uint32_t slot, const SipInput& in, const TransactionTable::RequestOutcome&) {
    Call& call = m_calls.at(slot);
    const sip::Message& m = in.message;
    const std::uint32_t cseq = m.cseq() ? m.cseq()->number : 0;
    if (call.state == CallState::ended) return;  // a late copy through another hop
    if (!tag_of(m.to()).empty()) {
        if (call.state == CallState::answered) ++call.reinvites;
        return;
    }
    if (cseq > call.initial_cseq) {
        // A new INVITE outside a dialog with a higher CSeq: the caller retrying with credentials.
        call.initial_cseq = cseq;
        call.challenge_pending = false;
        // The challenge is counted in auth_challenges; the call's final
        // status is now the retry's (none yet).
        call.final_status = 0;
        call.last_invite = in.time;
        const auto username = digest_username(*in.facts);
        if (!username.empty()) call.text.set(Call::digest_username, username, m_limits.max_field_bytes);
    }
}

void CallTracker::note_fork(Call& call, std::string_view tag) {
    if (tag.empty()) return;
    const auto hash = static_cast<std::uint32_t>(core::hash_text(tag) | 1u);
    for (auto& slot : call.fork_tags) {
        if (slot == hash) return;
        if (slot == 0) {
            slot = hash;
            return;
        }
    }
}

std::uint32_t CallTracker::on_response(const SipInput& in, const TransactionTable::ResponseOutcome& tx) {
    const sip::Message& m = in.message;
    const std::uint32_t slot = find(m.call_id(), in.facts->call_id_hash);
    if (slot == k_no_slot) {
        if (m.cseq() && m.cseq()->method == sip::Method::invite) ++m_stats.unknown_dialog;
        return k_no_slot;
    }
    touch(slot, in.time);
    if (tx.retransmission) return slot;
    if (m.cseq() && m.cseq()->method == sip::Method::invite) on_invite_response(slot, in);
    return slot;
}

void CallTracker::on_invite_response(std::uint32_t slot, const SipInput& in) {
    Call& call = m_calls.at(slot);
    const sip::Message& m = in.message;
    const int status = m.status_code();
    const std::uint32_t cseq = m.cseq()->number;
    if (status < 101 || status > 699 || call.state == CallState::ended) return;
    if (m.header(sip::HeaderId::server).empty()) {
        if (call.text.empty(Call::server))
            call.text.set(Call::server, m.header(sip::HeaderId::user_agent), m_limits.max_field_bytes);
    } else if (call.text.empty(Call::server)) {
        call.text.set(Call::server, m.header(sip::HeaderId::server), m_limits.max_field_bytes);
    }
    if (cseq < call.initial_cseq || (call.state == CallState::answered && cseq != call.initial_cseq))
        return;  // re-INVITE
    // Only 1xx (early dialogs) and 2xx create dialogs (RFC 3261 §12.1): a
    // 401/407 challenge or a rejection carries a To tag but is no fork.
    if (status < 300) note_fork(call, tag_of(m.to()));
    if (status < 200) {
        if (call.first_provisional.ns() == 0) call.first_provisional = in.time;
        if (call.state == CallState::calling) call.state = CallState::early;
        return;
    }
    if (status < 300) {
        if (call.state == CallState::answered) return;  // another fork answered too
        call.state = CallState::answered;
        call.answered = in.time;
        call.final_status = static_cast<std::uint16_t>(status);
        call.challenge_pending = false;
        ++m_stats.answered;
        m_sink.on_event(CallAnswered{info(slot)});
        m_idle_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.call_idle_timeout), slot,
                          m_calls.generation(slot));
        return;
    }
    if (call.state == CallState::answered) return;
    call.final_status = static_cast<std::uint16_t>(status);
    if (status == 401 || status == 407) {
        // The caller usually retries with credentials (a person may take a
        // while to type them): the call ends only if no retry comes before
        // the setup timeout.
        ++call.auth_challenges;
        call.challenge_pending = true;
        return;
    }
    end(slot, call.cancel_seen && status == 487 ? EndReason::cancelled : EndReason::rejected, in.time);
    m_linger_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.ended_call_linger), slot,
                        m_calls.generation(slot));
}

Side CallTracker::sender(std::uint32_t slot, const sip::Message& message, const core::Endpoint& source) const {
    const Call& call = m_calls.at(slot);
    const auto caller_tag = call.text.get(Call::caller_tag);
    const auto from_tag = tag_of(message.from());
    bool from_caller;
    if (!caller_tag.empty() && !from_tag.empty()) {
        from_caller = from_tag == caller_tag;  // the dialog's From tag marks requests of the caller
    } else {
        from_caller = message.is_request() ? source.address == call.caller_endpoint.address
                                           : source.address != call.caller_endpoint.address;
    }
    // A request is sent by the From party; a response by the other one.
    const bool caller_sent = message.is_request() ? from_caller : !from_caller;
    return caller_sent ? Side::caller : Side::callee;
}

void CallTracker::on_bye(std::uint32_t slot, const SipInput& in) {
    Call& call = m_calls.at(slot);
    if (call.state == CallState::ended) return;
    const Side side = sender(slot, in.message, in.source);
    end(slot, side == Side::caller ? EndReason::caller_bye : EndReason::callee_bye, in.time);
    m_linger_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.ended_call_linger), slot,
                        m_calls.generation(slot));
}

void CallTracker::end(std::uint32_t slot, EndReason reason, core::Timestamp when) {
    Call& call = m_calls.at(slot);
    if (call.state == CallState::ended) return;
    call.state = CallState::ended;
    call.end_reason = reason;
    call.ended = when;
    call.challenge_pending = false;
    ++m_stats.ended;
    m_sink.on_event(CallEnded{info(slot)});
}

void CallTracker::touch(std::uint32_t slot, core::Timestamp now) {
    Call& call = m_calls.at(slot);
    if (now > call.last_activity) call.last_activity = now;
}

CallInfo CallTracker::info(std::uint32_t slot) const {
    const Call& c = m_calls.at(slot);
    CallInfo i;
    i.call_id = c.text.get(Call::call_id);
    i.caller = {c.text.get(Call::caller_user), c.text.get(Call::caller_host), c.text.get(Call::caller_display),
                c.caller_endpoint};
    i.callee = {c.text.get(Call::callee_user), c.text.get(Call::callee_host), c.text.get(Call::callee_display),
                c.callee_endpoint};
    i.request_uri = c.text.get(Call::request_uri);
    i.request_user = c.text.get(Call::request_user);
    i.asserted_user = c.text.get(Call::asserted_user);
    i.user_agent = c.text.get(Call::user_agent);
    i.server = c.text.get(Call::server);
    i.digest_username = c.text.get(Call::digest_username);
    i.transport = c.transport;
    i.state = c.state;
    i.end_reason = c.end_reason;
    i.final_status = c.final_status;
    i.auth_challenges = c.auth_challenges;
    i.reinvites = c.reinvites;
    i.forks = c.forks();
    i.media_streams = c.media_streams;
    i.mid_dialog = c.mid_dialog;
    i.invite = c.invite;
    i.first_provisional = c.first_provisional;
    i.answered = c.answered;
    i.ended = c.ended;
    return i;
}

}  // namespace sipwarden::session
