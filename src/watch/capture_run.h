// Runs one packet source through the decoder and the SIP/SDP parser,
// counting what was seen into a CaptureSummary. The library entry point of
// `sipwarden watch` for this stage of the monitor.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "net/bpf_filter.h"
#include "net/limits.h"
#include "net/packet_source.h"
#include "net/payload.h"
#include "rtp/rtp_packet.h"
#include "session/sip_facts.h"
#include "sip/limits.h"
#include "sip/message.h"
#include "sip/sdp.h"
#include "watch/capture_summary.h"

namespace sipwarden::watch {

// Sees every parsed SIP message (and its SDP, when it has one) and, when it
// asks for them, the other UDP payloads (candidate RTP/RTCP). Views are
// valid only during the call; always called on the thread that called
// summarize().
class MessageObserver {
public:
    virtual ~MessageObserver() = default;
    virtual void on_sip(const net::Payload& payload, const sip::Message& message,
                        const sip::SessionDescription* sdp) = 0;
    // A UDP payload that is not SIP: `datagram` holds its first
    // rtp::DatagramHead::head_size() (all of it when shorter), its full
    // length and last octet; `payload.data` is that head.
    virtual void on_other_udp(const net::Payload& payload, const rtp::DatagramHead& datagram) {
        (void)payload;
        (void)datagram;
    }
    virtual bool wants_other_udp() const { return false; }
    // When true, the values session::SipFacts derives from each message are
    // computed on the thread that parsed it, and on_sip_facts is called
    // instead of on_sip.
    virtual bool wants_facts() const { return false; }
    virtual void on_sip_facts(const net::Payload& payload, const sip::Message& message,
                              const sip::SessionDescription* sdp, const session::SipFacts& facts) {
        (void)facts;
        on_sip(payload, message, sdp);
    }
};

struct RunOptions {
    net::Limits net_limits;
    sip::Limits sip_limits;
    MessageObserver* observer = nullptr;
    // Called every `progress_every` frames with the input bytes consumed and, when known, the total.
    std::function<void(std::uint64_t consumed, std::optional<std::uint64_t> total)> progress;
    std::uint64_t progress_every = 1 << 16;
    // 1: everything on the calling thread. 2: reading and decoding on a
    // second thread; SIP is parsed on whichever thread is less busy (the
    // observer is always called on the calling thread). Results are identical.
    int threads = 1;
};

// Reads `source` to its end or its first error (then summary.complete is
// false and summary.error says why); frames that fail `filter` are skipped.
void summarize(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary,
               const RunOptions& options = {});

}  // namespace sipwarden::watch
