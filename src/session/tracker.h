// SessionTracker: the stateful heart of the passive monitor. It takes every
// parsed SIP message and every other UDP payload, matches transactions,
// follows calls, registrations and negotiated media, and reports what
// happened as Events. Tables are bounded and expire on capture time.
#pragma once

#include "session/calls.h"
#include "session/events.h"
#include "session/limits.h"
#include "session/media.h"
#include "session/registrations.h"
#include "session/sip_input.h"
#include "session/transactions.h"

namespace sipwarden::session {

struct TrackerStats {
    std::uint64_t sip_messages = 0;
    std::uint64_t media_packets = 0;
    TransactionStats transactions;
    CallStats calls;
    RegistrationStats registrations;
    MediaStats media;
    // Table sizes now, and the largest they have been.
    std::size_t calls_tracked = 0, calls_tracked_peak = 0;
    std::size_t transactions_tracked = 0, transactions_tracked_peak = 0;
    std::size_t registrations_tracked = 0, registrations_tracked_peak = 0;
    std::size_t flows_tracked = 0, flows_tracked_peak = 0;
};

class SessionTracker {
public:
    explicit SessionTracker(EventSink& sink, const Limits& limits = {});

    void on_sip(const SipInput& input);
    void on_media(const MediaInput& in);
    // Runs the timers up to `now` (called for every packet; cheap between ticks).
    void advance(core::Timestamp now);
    // End of input: everything still open ends (EndReason::capture_end).
    void finish();

    TrackerStats stats() const;

private:
    void request(const SipInput& in);
    void response(const SipInput& in);
    void anomalies(const SipInput& in);
    void media_of(std::uint32_t call_slot, const SipInput& in);
    void note_sizes();

    Limits m_limits;
    EventSink& m_sink;
    TransactionTable m_transactions;
    CallTracker m_calls;
    RegistrationTracker m_registrations;
    MediaTracker m_media;
    core::Timestamp m_now;
    core::Timestamp m_next_tick;
    std::uint64_t m_sip_messages = 0;
    std::uint64_t m_media_packets = 0;
    TrackerStats m_peaks;
};

}  // namespace sipwarden::session
