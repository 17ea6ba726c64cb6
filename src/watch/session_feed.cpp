// Payloads to tracker inputs.
#include "watch/session_feed.h"

namespace sipwarden::watch {

namespace {
session::Transport transport_of(net::Transport t) {
    switch (t) {
        case net::Transport::udp: return session::Transport::udp;
        case net::Transport::tcp: return session::Transport::tcp;
        case net::Transport::sctp: return session::Transport::sctp;
    }
    return session::Transport::udp;
}
}  // namespace

void SessionFeed::on_sip(const net::Payload& payload, const sip::Message& message, const sip::SessionDescription* sdp) {
    m_tracker.on_sip(session::SipInput{message, sdp, payload.source, payload.destination,
                                       transport_of(payload.transport), payload.timestamp});
}

void SessionFeed::on_sip_facts(const net::Payload& payload, const sip::Message& message,
                               const sip::SessionDescription* sdp, const session::SipFacts& facts) {
    m_tracker.on_sip(session::SipInput{message, sdp, payload.source, payload.destination,
                                       transport_of(payload.transport), payload.timestamp, &facts});
}

void SessionFeed::on_other_udp(const net::Payload& payload, const rtp::DatagramHead& datagram) {
    m_tracker.on_media(session::MediaInput{datagram, payload.source, payload.destination, payload.timestamp});
}

}  // namespace sipwarden::watch
