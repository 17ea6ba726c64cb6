// SessionFeed: hands the capture pipeline's SIP messages and other UDP
// payloads to a SessionTracker, in the tracker's own terms.
#pragma once

#include "session/tracker.h"
#include "watch/capture_run.h"

namespace sipwarden::watch {

class SessionFeed final : public MessageObserver {
public:
    explicit SessionFeed(session::SessionTracker& tracker) : m_tracker(tracker) {}

    void on_sip(const net::Payload& payload, const sip::Message& message, const sip::SessionDescription* sdp) override;
    void on_other_udp(const net::Payload& payload, const rtp::DatagramHead& datagram) override;
    bool wants_other_udp() const override { return true; }
    bool wants_facts() const override { return true; }
    void on_sip_facts(const net::Payload& payload, const sip::Message& message, const sip::SessionDescription* sdp,
                      const session::SipFacts& facts) override;

private:
    session::SessionTracker& m_tracker;
};

}  // namespace sipwarden::watch
