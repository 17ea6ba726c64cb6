// CallTracker: INVITE dialogs as calls — who called whom from where, when it
// rang, was answered and ended, how (BYE from either side, CANCEL, a final
// error, a timeout), re-INVITEs, authentication challenges and forks — one
// compact record per Call-ID, bounded and evicted by capture time.
#pragma once

#include <array>
#include <cstdint>

#include "session/compact_text.h"
#include "session/events.h"
#include "session/expiry_queue.h"
#include "session/keyed_slots.h"
#include "session/limits.h"
#include "session/sip_input.h"
#include "session/transactions.h"

namespace sipwarden::session {

struct Call {
    enum Field : std::uint8_t {
        call_id,
        caller_user,
        caller_host,
        caller_display,
        caller_tag,
        callee_user,
        callee_host,
        callee_display,
        request_uri,
        request_user,
        asserted_user,
        user_agent,
        server,
        digest_username,
        field_count
    };
    CompactText<field_count> text;
    core::Endpoint caller_endpoint;
    core::Endpoint callee_endpoint;
    core::Timestamp invite, first_provisional, answered, ended, last_activity;
    core::Timestamp last_invite;               // the latest INVITE outside the dialog (a retry with credentials)
    std::array<std::uint32_t, 4> fork_tags{};  // hashes of the To tags seen (0: unused)
    std::uint32_t initial_cseq = 0;  // CSeq of the INVITE that set the call up (retries with credentials raise it)
    std::uint16_t final_status = 0;
    std::uint16_t auth_challenges = 0;
    std::uint16_t reinvites = 0;
    std::uint16_t media_streams = 0;
    Transport transport = Transport::udp;
    CallState state = CallState::calling;
    EndReason end_reason = EndReason::none;
    bool cancel_seen = false;
    bool challenge_pending = false;
    bool mid_dialog = false;  // first seen inside an established dialog

    int forks() const;
};

enum class Side : std::uint8_t { caller, callee };

struct CallStats {
    std::uint64_t started = 0;
    std::uint64_t answered = 0;
    std::uint64_t ended = 0;
    std::uint64_t limit_reached = 0;
    std::uint64_t unknown_dialog = 0;  // in-dialog requests/responses for calls never seen
};

class CallTracker {
public:
    CallTracker(const Limits& limits, EventSink& sink) : m_limits(limits), m_sink(sink) {}

    // The call the message belongs to after handling it (k_no_slot if none).
    std::uint32_t on_request(const SipInput& in, const TransactionTable::RequestOutcome& tx);
    std::uint32_t on_response(const SipInput& in, const TransactionTable::ResponseOutcome& tx);
    // The side that sent `message` within call `slot`.
    Side sender(std::uint32_t slot, const sip::Message& message, const core::Endpoint& source) const;

    std::uint32_t find(std::string_view call_id, std::uint64_t hash) const;
    bool live(std::uint32_t slot, std::uint32_t generation) const { return m_calls.live(slot, generation); }
    std::uint32_t generation(std::uint32_t slot) const { return m_calls.generation(slot); }
    const Call& at(std::uint32_t slot) const { return m_calls.at(slot); }
    void touch(std::uint32_t slot, core::Timestamp now);
    void add_media_stream(std::uint32_t slot) { ++m_calls.at(slot).media_streams; }
    CallInfo info(std::uint32_t slot) const;

    // Calls `forget(slot, generation)` for every call record freed, so media can let go of it.
    template <typename Forget>
    void expire(core::Timestamp now, Forget forget);
    template <typename Forget>
    void finish(core::Timestamp now, Forget forget);

    std::size_t size() const { return m_calls.size(); }
    const CallStats& stats() const { return m_stats; }

private:
    std::uint32_t start(const SipInput& in, bool mid_dialog);
    void on_invite(std::uint32_t slot, const SipInput& in, const TransactionTable::RequestOutcome& tx);
    void on_invite_response(std::uint32_t slot, const SipInput& in);
    void on_bye(std::uint32_t slot, const SipInput& in);
    void end(std::uint32_t slot, EndReason reason, core::Timestamp when);
    void note_fork(Call& call, std::string_view tag);
    enum class TimerKind : std::uint8_t { setup, idle, linger };
    template <typename Forget>
    void fire(TimerKind kind, const Timer& timer, core::Timestamp now, Forget& forget);

    Limits m_limits;
    EventSink& m_sink;
    KeyedSlots<Call> m_calls;
    ExpiryQueue m_setup_timers;
    ExpiryQueue m_idle_timers;
    ExpiryQueue m_linger_timers;
    CallStats m_stats;
};

// Each queue acts only in the states it was armed for; a timer that finds
// its call in another state (or freed) is stale and does nothing.
template <typename Forget>
void CallTracker::fire(TimerKind kind, const Timer& timer, core::Timestamp now, Forget& forget) {
    if (!m_calls.live(timer.slot, timer.generation)) return;
    Call& call = m_calls.at(timer.slot);
    const std::int64_t t = now.ns();
    const auto linger = [&] {
        m_linger_timers.arm(core::Timestamp::from_ns(t + m_limits.ended_call_linger), timer.slot, timer.generation);
    };
    switch (kind) {
        case TimerKind::setup:
            if (call.state != CallState::calling && call.state != CallState::early) return;
            if (call.last_invite.ns() + m_limits.call_setup_timeout > t) {
                m_setup_timers.arm(core::Timestamp::from_ns(call.last_invite.ns() + m_limits.call_setup_timeout),
                                   timer.slot, timer.generation);
                return;
            }
            // Challenged and never retried: the challenge was the answer.
            if (call.challenge_pending) {
                end(timer.slot, EndReason::rejected, call.last_activity);
            } else {
                end(timer.slot, EndReason::setup_timeout,
                    core::Timestamp::from_ns(call.last_invite.ns() + m_limits.call_setup_timeout));
            }
            linger();
            return;
        case TimerKind::idle:
            if (call.state != CallState::answered) return;
            if (call.last_activity.ns() + m_limits.call_idle_timeout > t) {
                m_idle_timers.arm(core::Timestamp::from_ns(call.last_activity.ns() + m_limits.call_idle_timeout),
                                  timer.slot, timer.generation);
                return;
            }
            end(timer.slot, EndReason::idle_timeout,
                core::Timestamp::from_ns(call.last_activity.ns() + m_limits.call_idle_timeout));
            linger();
            return;
        case TimerKind::linger:
            if (call.state != CallState::ended || call.ended.ns() + m_limits.ended_call_linger > t) return;
            forget(timer.slot, timer.generation);
            m_calls.erase(timer.slot);
            return;
    }
}

template <typename Forget>
void CallTracker::expire(core::Timestamp now, Forget forget) {
    m_setup_timers.expire(now, [&](const Timer& timer) { fire(TimerKind::setup, timer, now, forget); });
    m_idle_timers.expire(now, [&](const Timer& timer) { fire(TimerKind::idle, timer, now, forget); });
    m_linger_timers.expire(now, [&](const Timer& timer) { fire(TimerKind::linger, timer, now, forget); });
}

template <typename Forget>
void CallTracker::finish(core::Timestamp now, Forget forget) {
    m_calls.for_each([&](std::uint32_t slot, Call& call) {
        if (call.state != CallState::ended) {
            end(slot, call.challenge_pending ? EndReason::rejected : EndReason::capture_end,
                call.challenge_pending ? call.last_activity : now);
        }
        forget(slot, m_calls.generation(slot));
    });
}

}  // namespace sipwarden::session
