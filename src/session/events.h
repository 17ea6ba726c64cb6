// The neutral event model of session tracking. Trackers turn packets into
// these events; detectors and reports consume them and never see packets,
// so a detector is tested by constructing events (docs/formats/events.md).
// Views (std::string_view) point into the tracker's storage and are valid
// only during EventSink::on_event; copy what you keep.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "core/ip_address.h"
#include "core/timestamp.h"

namespace sipwarden::session {

enum class Transport : std::uint8_t { udp, tcp, sctp };

struct Party {
    std::string_view user;  // user part of the From/To URI (or tel number)
    std::string_view host;
    std::string_view display;  // display name, as written
    core::Endpoint endpoint;   // where its messages came from / went to
};

enum class CallState : std::uint8_t { calling, early, answered, ended };

enum class EndReason : std::uint8_t {
    none,           // still in progress
    caller_bye,     // BYE from the caller's side
    callee_bye,     // BYE from the callee's side
    cancelled,      // CANCEL before an answer (487)
    rejected,       // a final 3xx-6xx response to the INVITE
    setup_timeout,  // no final response within call_setup_timeout
    idle_timeout,   // answered, then neither SIP nor RTP for call_idle_timeout
    capture_end,    // still open when the input ended
    evicted,        // dropped to respect max_calls
};

std::string_view to_string(CallState state);
std::string_view to_string(EndReason reason);

struct CallInfo {
    std::string_view call_id;
    Party caller;                      // From of the INVITE; endpoint = its source
    Party callee;                      // To of the INVITE; endpoint = its destination
    std::string_view request_uri;      // of the initial INVITE
    std::string_view request_user;     // user part of the Request-URI (the dialled number)
    std::string_view asserted_user;    // P-Asserted-Identity user, when present
    std::string_view user_agent;       // caller's User-Agent
    std::string_view server;           // callee's Server / User-Agent from its responses
    std::string_view digest_username;  // from (Proxy-)Authorization on an INVITE
    Transport transport = Transport::udp;
    CallState state = CallState::calling;
    EndReason end_reason = EndReason::none;
    int final_status = 0;     // final response to the initial INVITE (0: none yet)
    int auth_challenges = 0;  // 401/407 answers to INVITEs of this call
    int reinvites = 0;
    int forks = 0;  // distinct To tags seen in responses (early dialogs)
    int media_streams = 0;
    bool mid_dialog = false;  // first seen inside an established dialog (capture began mid-call)
    core::Timestamp invite;
    core::Timestamp first_provisional;  // zero when none
    core::Timestamp answered;           // zero when never answered
    core::Timestamp ended;              // zero while in progress
    double duration_s() const;          // answered..ended (0 when not answered)
    double setup_s() const;             // invite..answered or final response
};

struct CallStarted {
    const CallInfo& call;
};
struct CallAnswered {
    const CallInfo& call;
};
struct CallEnded {
    const CallInfo& call;
};

enum class RegistrationOutcome : std::uint8_t { attempted, challenged, succeeded, failed };
std::string_view to_string(RegistrationOutcome outcome);

struct RegistrationInfo {
    std::string_view call_id;
    std::string_view aor;  // To URI
    std::string_view aor_user;
    std::string_view contact;  // first Contact URI ('*' for remove-all)
    std::string_view user_agent;
    std::string_view digest_username;  // from Authorization, when the attempt carried credentials
    std::string_view realm;            // of the challenge
    core::Endpoint source;             // where the REGISTER came from
    core::Endpoint registrar;          // where it went
    Transport transport = Transport::udp;
    core::Timestamp time;
    int status = 0;    // the response this event is about (0 for attempted)
    int expires = -1;  // granted (succeeded) or requested (attempted); -1 unknown
    int attempt = 1;   // REGISTER requests in this exchange so far
    bool with_credentials = false;
};

// One registration step: a REGISTER sent, challenged (401/407), accepted (2xx) or refused.
struct RegistrationEvent {
    RegistrationOutcome outcome;
    const RegistrationInfo& registration;
};

// A request outside calls and registrations (OPTIONS, MESSAGE, SUBSCRIBE,
// NOTIFY, INFO, REFER, PUBLISH, ...) or an in-dialog one, retransmissions excluded.
struct RequestSeen {
    std::string_view method;
    std::string_view call_id;
    std::string_view request_uri;
    std::string_view from_user;
    std::string_view to_user;
    std::string_view user_agent;
    core::Endpoint source;
    core::Endpoint destination;
    Transport transport = Transport::udp;
    core::Timestamp time;
    bool in_dialog = false;  // To carries a tag
};

// A response to one of the requests above (status and the request's method).
struct ResponseSeen {
    std::string_view method;
    std::string_view call_id;
    int status = 0;
    core::Endpoint source;
    core::Endpoint destination;
    core::Timestamp time;
};

struct MediaStreamInfo {
    std::string_view call_id;
    core::Endpoint destination;      // the address:port announced in SDP
    core::Endpoint expected_source;  // the peer's announced address:port (port 0 when unknown)
    core::Endpoint source;           // where packets actually came from (first seen)
    std::string_view media;          // "audio", "video", ...
    std::string_view codec;          // rtpmap encoding name of the first payload type seen
    std::uint32_t ssrc = 0;
    std::uint32_t ssrc_changes = 0;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;  // RTP payload bytes
    std::int64_t lost = 0;    // expected - received (RFC 3550 A.3; negative with duplicates)
    std::uint64_t sequence_jumps = 0;
    std::uint64_t rtcp_packets = 0;
    std::uint64_t after_end = 0;  // packets that arrived after the call ended
    double jitter_ms = 0;         // last interarrival jitter estimate (RFC 3550 A.8)
    double max_jitter_ms = 0;
    double max_delta_ms = 0;  // largest gap between packets
    core::Timestamp first;
    core::Timestamp last;
};

struct MediaStreamStarted {
    const MediaStreamInfo& stream;
};
struct MediaStreamEnded {
    const MediaStreamInfo& stream;
};

// Packets on a negotiated flow came from a different source than before
// (RTP bleed, injection, or a NAT rebinding).
struct MediaSourceChanged {
    const MediaStreamInfo& stream;
    core::Endpoint previous;
    core::Endpoint now;
    core::Timestamp time;
};

enum class UnsolicitedKind : std::uint8_t { rtp, rtcp };

// RTP-looking UDP to a port no live call negotiated (or after its call
// ended), per destination and source address.
struct UnsolicitedMediaInfo {
    core::Endpoint source;  // the first source port seen is kept
    core::Endpoint destination;
    UnsolicitedKind kind = UnsolicitedKind::rtp;
    bool after_call = false;   // the port belonged to a call that has ended
    std::string_view call_id;  // that call, when after_call
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    core::Timestamp first;
    core::Timestamp last;
};

struct UnsolicitedMediaStarted {
    const UnsolicitedMediaInfo& media;
};  // its first packet
struct UnsolicitedMediaEnded {
    const UnsolicitedMediaInfo& media;
};  // idle, or end of input: totals

// An oddity the SIP/SDP parser recorded (stable code such as "sip.bad_escape").
struct AnomalySeen {
    std::string_view code;
    std::string_view detail;
    std::string_view call_id;
    core::Endpoint source;
    core::Endpoint destination;
    core::Timestamp time;
};

// A tracker limit bit: something was not tracked (docs/session-tracking.md).
struct LimitReached {
    std::string_view table;  // "calls", "transactions", ...
    core::Timestamp time;
};

using Event = std::variant<CallStarted, CallAnswered, CallEnded, RegistrationEvent, RequestSeen, ResponseSeen,
                           MediaStreamStarted, MediaStreamEnded, MediaSourceChanged, UnsolicitedMediaStarted,
                           UnsolicitedMediaEnded, AnomalySeen, LimitReached>;

class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void on_event(const Event& event) = 0;
};

}  // namespace sipwarden::session
