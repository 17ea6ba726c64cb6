// Every bound and timer of session tracking, in one place. Timers run on
// capture time; a limit that bites is counted in TrackerStats, never silent.
// Defaults and reasons are listed in docs/session-tracking.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/timestamp.h"

namespace sipwarden::session {

struct Limits {
    // Tables
    std::size_t max_transactions = 262144;   // open and recently completed transactions
    std::size_t max_calls = 262144;          // INVITE dialogs being tracked (incl. recently ended)
    std::size_t max_registrations = 131072;  // REGISTER Call-IDs with an exchange in progress
    std::size_t max_media_flows = 524288;    // (address, port) pairs announced in SDP
    std::size_t max_ssrcs_per_flow = 4;      // SSRCs followed on one flow; more count as changes only
    std::size_t max_unsolicited = 16384;     // (destination port, source address) pairs of unsolicited media
    std::size_t max_media_per_call = 8;      // m= sections per side of a call that get flows

    // RFC 3261 timers: T1 = 500 ms; a transaction without a final response
    // lives 64*T1 after its last message (Timer B/F).
    core::Nanoseconds transaction_lifetime = 32 * core::k_ns_per_second;
    // After its final response a transaction is kept this long to recognise
    // retransmissions (they come after 0.5, 1, 2, 4, 4 ... s: T1 doubling up
    // to T2 = 4 s); RFC 3261 keeps server state up to 32 s (Timer J), which
    // at a busy provider edge multiplies memory by four for little gain.
    core::Nanoseconds completed_transaction_lifetime = 8 * core::k_ns_per_second;
    // An INVITE without a final response (proxies use Timer C, 3 min or more).
    core::Nanoseconds call_setup_timeout = 180 * core::k_ns_per_second;
    // An answered call with neither SIP nor RTP activity (no BYE seen).
    core::Nanoseconds call_idle_timeout = 3600 * core::k_ns_per_second;
    // How long an ended call is kept for retransmissions, late ACKs and media after its end.
    core::Nanoseconds ended_call_linger = 32 * core::k_ns_per_second;
    // A REGISTER exchange with no activity for this long is over.
    core::Nanoseconds registration_timeout = 32 * core::k_ns_per_second;
    // A media stream with no packet for this long has ended.
    core::Nanoseconds media_idle_timeout = 60 * core::k_ns_per_second;
    // How often (capture time) the timers are checked.
    core::Nanoseconds timer_granularity = core::k_ns_per_second;

    // Text kept per call or registration for reports (longer values are cut).
    std::size_t max_field_bytes = 128;
    std::size_t max_call_id_bytes = 256;
};

}  // namespace sipwarden::session
