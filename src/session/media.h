// MediaTracker: the RTP/RTCP flows each call negotiated in SDP (offer,
// answer, re-INVITE changes, hold, port 0) and the packets on them — per
// (flow, SSRC) stream statistics, the source actually seen — and RTP-looking
// UDP that belongs to no live flow ("unsolicited media": RTP bleed,
// injection, scans). A packet costs one hash lookup on its destination.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rtp/payload_types.h"
#include "rtp/rtcp_packet.h"
#include "rtp/rtp_packet.h"
#include "rtp/stream_stats.h"
#include "session/calls.h"
#include "session/events.h"
#include "session/expiry_queue.h"
#include "session/keyed_slots.h"
#include "session/limits.h"
#include "session/sip_input.h"

namespace sipwarden::session {

// Payload type -> clock rate and codec, from the SDP rtpmap lines of one m= section.
struct PayloadMap {
    static constexpr std::size_t k_size = 6;
    std::array<std::uint32_t, k_size> clock_rate{};
    std::array<std::uint8_t, k_size> type{};
    std::array<std::uint8_t, k_size> codec{};  // index into codec_name()
    std::uint8_t count = 0;

    std::uint32_t rate_of(std::uint8_t payload_type) const;
    std::uint8_t codec_of(std::uint8_t payload_type) const;
};

// Known codec names; index 0 is "" (unknown).
std::string_view codec_name(std::uint8_t index);
std::uint8_t codec_index(std::string_view encoding_name);
std::uint8_t static_codec(std::uint8_t payload_type);

// One SSRC on a flow. Received streams arrive at the flow's address; sent
// streams leave from it (symmetric RTP, RFC 4961) towards an address the
// peer did not announce — a B2BUA or NAT in between.
struct MediaStream {
    rtp::StreamStats stats;
    core::Endpoint peer_first;    // received: the first source; sent: the destination
    core::Endpoint peer;          // received: the latest source; sent: the destination
    std::uint32_t after_end = 0;  // packets after the call ended
    std::uint8_t codec = 0;
    bool sent = false;
};

// An address:port one side of a call announced in SDP (its RTP; RTCP on
// the next port or multiplexed is accounted here too). A record with
// `rtcp_only` set exists only for an a=rtcp that names another address or
// a port other than the next one.
struct Flow {
    core::Endpoint destination;
    std::uint32_t call_slot = k_no_slot;
    std::uint32_t call_generation = 0;
    std::uint32_t rtp_flow = k_no_slot;  // rtcp_only: the RTP flow it belongs to
    std::uint32_t rtcp_packets = 0;
    std::uint32_t other_packets = 0;  // non-RTP flows (T.38 udptl ...): packets only counted
    std::uint32_t bad_rtp = 0;
    std::uint32_t ssrc_overflow = 0;       // SSRC changes among streams beyond max_ssrcs_per_flow
    std::uint32_t last_overflow_ssrc = 0;  // the SSRC of the last packet beyond it
    std::uint16_t rtcp_port = 0;           // RTCP on this address at rtcp_port (0: multiplexed or none)
    Side receiver = Side::caller;
    std::uint8_t media_index = 0;
    std::uint8_t media_kind = 0;  // 0 audio, 1 video, 2 other
    bool rtcp_mux = false;
    bool rtp = true;
    bool rtcp_only = false;
    bool has_first = false;
    // Another call going at the same time announced this address too (a
    // media server or a test UAS answering every call on one port): a
    // packet goes to the call whose other side announced its source.
    bool shared = false;
    PayloadMap payloads;
    MediaStream first;              // the first stream, in place
    std::vector<MediaStream> more;  // further SSRCs and sent streams (rare)

    template <typename Visit>
    void each_stream(Visit visit) const {
        if (has_first) visit(first);
        for (const auto& s : more) visit(s);
    }
    std::size_t stream_count() const { return (has_first ? 1 : 0) + more.size(); }
};

struct MediaStats {
    std::uint64_t flows_created = 0;
    std::uint64_t rtp_packets = 0;  // on negotiated flows
    std::uint64_t rtcp_packets = 0;
    std::uint64_t not_rtp = 0;        // on a negotiated RTP flow but not valid RTP
    std::uint64_t non_rtp_media = 0;  // on a negotiated non-RTP flow (T.38 ...)
    std::uint64_t unsolicited_packets = 0;
    std::uint64_t other_udp = 0;  // neither negotiated nor RTP-looking (or RTP-looking, never confirmed)
    std::uint64_t flow_limit_reached = 0;
    std::uint64_t unsolicited_limit_reached = 0;
};

class MediaTracker {
public:
    MediaTracker(const Limits& limits, EventSink& sink, CallTracker& calls)
        : m_limits(limits), m_sink(sink), m_calls(calls) {}

    // SDP carried by a message of call `call_slot`, sent by `sender`.
    void on_sdp(std::uint32_t call_slot, Side sender, const sip::SessionDescription& sdp, core::Timestamp now);
    void on_packet(const MediaInput& in);
    // Call `call_slot` is being freed: its streams end, its flows go.
    void forget_call(std::uint32_t call_slot, std::uint32_t call_generation);
    void expire(core::Timestamp now);
    void finish();

    std::size_t flows() const { return m_flows.size(); }
    std::size_t unsolicited() const { return m_unsolicited.size(); }
    const MediaStats& stats() const { return m_stats; }

private:
    struct FlowRef {
        std::uint32_t slot = k_no_slot;
        std::uint32_t generation = 0;
    };
    struct CallFlows {
        std::uint32_t call_generation = 0;
        std::vector<FlowRef> flows;
    };
    struct Unsolicited {
        UnsolicitedMediaInfo info;  // without call_id: events() adds it (records move)
        std::string call_id;        // when after_call: the ended call's (its record may go first)
        // RTP to an address no call negotiated is only a candidate until a
        // second packet continues the first's SSRC and sequence (RFC 3550
        // A.1 probation): looks_like_rtp alone passes about 1 random
        // datagram in 20. Candidates that never confirm end silently.
        bool confirmed = true;
        std::uint32_t probe_ssrc = 0;
        std::uint16_t probe_sequence = 0;
        UnsolicitedMediaInfo event() const {
            UnsolicitedMediaInfo e = info;
            e.call_id = call_id;
            return e;
        }
    };

    // The first flow at `destination`: the only one unless it is shared.
    std::uint32_t find_flow(const core::Endpoint& destination) const;
    // The flow of a call at `destination`: the first one there, or one filed
    // for the call beside it.
    std::uint32_t call_flow_at(const core::Endpoint& destination, std::uint32_t call_slot,
                               std::uint32_t call_generation) const;
    // Of the flows at a shared `destination` (`first` among them), the one
    // whose call's other side receives at `other` (its RTP port, or the port
    // before its RTCP), else `first`.
    std::uint32_t pick_shared(std::uint32_t first, const core::Endpoint& destination,
                              const core::Endpoint& other) const;
    // The flow a packet at `address:port` from or to `other` belongs to, and
    // whether it is RTCP there.
    std::uint32_t flow_at(const core::Endpoint& endpoint, const core::Endpoint& other, bool& rtcp) const;
    // Whether the call of `flow` is still going: not ended, not forgotten.
    bool call_going(const Flow& flow) const;
    // Removes a flow from the table; at a shared address another flow there
    // takes the first place when the first one goes.
    void drop_flow(std::uint32_t slot);
    std::uint32_t open_flow(std::uint32_t call_slot, const core::Endpoint& destination, core::Timestamp now);
    void close_flow(std::uint32_t slot);
    void end_streams(std::uint32_t slot);
    void announce(std::uint32_t call_slot, Side sender, const sip::SessionDescription& sdp, std::size_t index,
                  core::Timestamp now);
    void withdraw(std::uint32_t call_slot, Side side, std::uint8_t index);
    void stream_packet(std::uint32_t flow_slot, const MediaInput& in, bool call_live, bool sent);
    void flow_packet(std::uint32_t flow_slot, const MediaInput& in, bool sent, bool rtcp);
    void unsolicited_packet(const MediaInput& in, UnsolicitedKind kind, const Flow* ended_flow);
    // Probation of a candidate entry; true once it is confirmed by this packet.
    bool confirms(Unsolicited& u, const MediaInput& in, UnsolicitedKind kind);
    void end_unsolicited(const Unsolicited& u);
    MediaStreamInfo info(const Flow& flow, const MediaStream& stream) const;
    core::Endpoint peer_destination(const Flow& flow) const;
    CallFlows& call_flows(std::uint32_t call_slot);
    const CallFlows* call_flows_if(std::uint32_t call_slot, std::uint32_t call_generation) const;

    Limits m_limits;
    EventSink& m_sink;
    CallTracker& m_calls;
    // Flows by destination. A shared address has its first flow filed under
    // the address's hash and the others under the address and their call,
    // so that each lookup stays one probe run however many calls share it.
    KeyedSlots<Flow> m_flows;
    // The other flows of each shared address, by the slot of its first flow.
    // Those gone stay listed until the list has doubled since it was last
    // cleared of them, or until the end of the list reaches them: each
    // operation costs O(1) amortised however many calls share an address.
    struct Sharers {
        std::vector<FlowRef> refs;
        std::size_t prune_at = 16;
    };
    std::unordered_map<std::uint32_t, Sharers> m_sharers;
    std::vector<CallFlows> m_by_call;  // indexed by call slot
    KeyedSlots<Unsolicited> m_unsolicited;
    ExpiryQueue m_unsolicited_timers;
    MediaStats m_stats;
};

}  // namespace sipwarden::session
