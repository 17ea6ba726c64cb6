// Names of event enumerations and derived call times.
#include "session/events.h"

namespace sipwarden::session {

std::string_view to_string(CallState state) {
    switch (state) {
        case CallState::calling: return "calling";
        case CallState::early: return "ringing";
        case CallState::answered: return "answered";
        case CallState::ended: return "ended";
    }
    return "";
}

std::string_view to_string(EndReason reason) {
    switch (reason) {
        case EndReason::none: return "";
        case EndReason::caller_bye: return "caller-hangup";
        case EndReason::callee_bye: return "callee-hangup";
        case EndReason::cancelled: return "cancelled";
        case EndReason::rejected: return "rejected";
        case EndReason::setup_timeout: return "setup-timeout";
        case EndReason::idle_timeout: return "idle-timeout";
        case EndReason::capture_end: return "capture-end";
        case EndReason::evicted: return "evicted";
    }
    return "";
}

std::string_view to_string(RegistrationOutcome outcome) {
    switch (outcome) {
        case RegistrationOutcome::attempted: return "attempted";
        case RegistrationOutcome::challenged: return "challenged";
        case RegistrationOutcome::succeeded: return "succeeded";
        case RegistrationOutcome::failed: return "failed";
    }
    return "";
}

double CallInfo::duration_s() const {
    if (answered.ns() == 0 || ended.ns() == 0 || ended < answered) return 0;
    return static_cast<double>(ended.ns() - answered.ns()) / 1e9;
}

double CallInfo::setup_s() const {
    const core::Timestamp reply = answered.ns() != 0 ? answered : ended;
    if (reply.ns() == 0 || reply < invite) return 0;
    return static_cast<double>(reply.ns() - invite.ns()) / 1e9;
}

}  // namespace sipwarden::session
