// Negotiated media flows and the RTP/RTCP on them.
#include "session/media.h"

#include <algorithm>

#include "core/hash.h"
#include "core/text.h"

namespace sipwarden::session {

namespace {

constexpr std::string_view k_codecs[] = {"",
                                         "PCMU",
                                         "PCMA",
                                         "G722",
                                         "G729",
                                         "GSM",
                                         "G723",
                                         "iLBC",
                                         "opus",
                                         "speex",
                                         "AMR",
                                         "AMR-WB",
                                         "telephone-event",
                                         "G726-32",
                                         "L16",
                                         "H264",
                                         "VP8",
                                         "H263",
                                         "CN",
                                         "t38"};

constexpr std::uint8_t k_telephone_event = static_cast<std::uint8_t>(
    std::find(std::begin(k_codecs), std::end(k_codecs), std::string_view("telephone-event")) - std::begin(k_codecs));

std::uint64_t endpoint_hash(const core::Endpoint& e) { return core::hash_endpoint(e, core::hash_seed()); }

// Where a flow beside the first at a shared address is filed: by the
// address and the flow's call.
std::uint64_t sharer_hash(const core::Endpoint& destination, std::uint32_t call_slot, std::uint32_t call_generation) {
    return core::mix64(endpoint_hash(destination) ^
                       core::mix64((std::uint64_t{call_slot} << 32 | call_generation) + 1));
}

std::uint64_t unsolicited_hash(const core::Endpoint& destination, const core::IpAddress& source) {
    return core::mix64(endpoint_hash(destination) ^ endpoint_hash({source, 0}) * 3);
}

bool unspecified(const core::IpAddress& a) {
    for (std::size_t i = 0; i < (a.is_v4() ? 4u : 16u); ++i) {
        if (a.bytes()[i] != 0) return false;
    }
    return true;
}

std::uint8_t media_kind(std::string_view type) { return type == "audio" ? 0 : (type == "video" ? 1 : 2); }

}  // namespace

std::string_view codec_name(std::uint8_t index) {
    return index < std::size(k_codecs) ? k_codecs[index] : std::string_view();
}

std::uint8_t codec_index(std::string_view encoding) {
    for (std::size_t i = 1; i < std::size(k_codecs); ++i) {
        if (core::iequals(encoding, k_codecs[i])) return static_cast<std::uint8_t>(i);
    }
    return 0;
}

std::uint8_t static_codec(std::uint8_t payload_type) {
    switch (payload_type) {
        case 0: return codec_index("PCMU");
        case 3: return codec_index("GSM");
        case 4: return codec_index("G723");
        case 8: return codec_index("PCMA");
        case 9: return codec_index("G722");
        case 13: return codec_index("CN");
        case 18: return codec_index("G729");
        case 34: return codec_index("H263");
        default: return 0;
    }
}

std::uint32_t PayloadMap::rate_of(std::uint8_t payload_type) const {
    for (std::uint8_t i = 0; i < count; ++i) {
        if (type[i] == payload_type) return clock_rate[i];
    }
    return rtp::static_clock_rate(payload_type);
}

std::uint8_t PayloadMap::codec_of(std::uint8_t payload_type) const {
    for (std::uint8_t i = 0; i < count; ++i) {
        if (type[i] == payload_type) return codec[i];
    }
    return static_codec(payload_type);
}

MediaTracker::CallFlows& MediaTracker::call_flows(std::uint32_t call_slot) {
    if (m_by_call.size() <= call_slot) m_by_call.resize(call_slot + 1);
    CallFlows& cf = m_by_call[call_slot];
    const std::uint32_t generation = m_calls.generation(call_slot);
    if (cf.call_generation != generation) {
        cf.flows.clear();
        cf.call_generation = generation;
    }
    return cf;
}

const MediaTracker::CallFlows* MediaTracker::call_flows_if(std::uint32_t call_slot,
                                                           std::uint32_t call_generation) const {
    if (call_slot >= m_by_call.size() || m_by_call[call_slot].call_generation != call_generation) return nullptr;
    return &m_by_call[call_slot];
}

std::uint32_t MediaTracker::find_flow(const core::Endpoint& destination) const {
    return m_flows.find(endpoint_hash(destination), [&](const Flow& f) { return f.destination == destination; });
}

std::uint32_t MediaTracker::call_flow_at(const core::Endpoint& destination, std::uint32_t call_slot,
                                         std::uint32_t call_generation) const {
    const std::uint32_t first = find_flow(destination);
    if (first == k_no_slot) return k_no_slot;
    const Flow& f = m_flows.at(first);
    if (f.call_slot == call_slot && f.call_generation == call_generation) return first;
    if (!f.shared) return k_no_slot;
    return m_flows.find(sharer_hash(destination, call_slot, call_generation), [&](const Flow& other) {
        return other.destination == destination && other.call_slot == call_slot &&
               other.call_generation == call_generation;
    });
}

std::uint32_t MediaTracker::pick_shared(std::uint32_t first, const core::Endpoint& destination,
                                        const core::Endpoint& other) const {
    const core::Endpoint candidates[] = {other, {other.address, static_cast<std::uint16_t>(other.port - 1)}};
    for (const core::Endpoint& at : candidates) {
        const std::uint32_t peer = find_flow(at);
        if (peer == k_no_slot) continue;
        const Flow& p = m_flows.at(peer);
        const std::uint32_t slot = call_flow_at(destination, p.call_slot, p.call_generation);
        if (slot != k_no_slot) return slot;
    }
    return first;
}

std::uint32_t MediaTracker::flow_at(const core::Endpoint& endpoint, const core::Endpoint& other, bool& rtcp) const {
    std::uint32_t slot = find_flow(endpoint);
    if (slot != k_no_slot) {
        if (m_flows.at(slot).shared) slot = pick_shared(slot, endpoint, other);
        const Flow& flow = m_flows.at(slot);
        rtcp = flow.rtcp_only;
        return flow.rtcp_only ? flow.rtp_flow : slot;
    }
    // RTCP on the port after RTP (RFC 3550 §11) has no record of its own.
    if (endpoint.port % 2 == 1) {
        const core::Endpoint rtp_endpoint{endpoint.address, static_cast<std::uint16_t>(endpoint.port - 1)};
        slot = find_flow(rtp_endpoint);
        if (slot != k_no_slot && m_flows.at(slot).shared) slot = pick_shared(slot, rtp_endpoint, other);
        if (slot != k_no_slot && m_flows.at(slot).rtcp_port == endpoint.port && !m_flows.at(slot).rtcp_only) {
            rtcp = true;
            return slot;
        }
    }
    return k_no_slot;
}

bool MediaTracker::call_going(const Flow& flow) const {
    return m_calls.live(flow.call_slot, flow.call_generation) && m_calls.at(flow.call_slot).state != CallState::ended;
}

std::uint32_t MediaTracker::open_flow(std::uint32_t call_slot, const core::Endpoint& destination, core::Timestamp now) {
    const std::uint32_t generation = m_calls.generation(call_slot);
    if (const std::uint32_t own = call_flow_at(destination, call_slot, generation); own != k_no_slot) return own;
    // An ended call's flow gives the address up to this call (another call
    // sharing it moves to the first place); a call still going shares it.
    std::uint32_t first = find_flow(destination);
    while (first != k_no_slot && !call_going(m_flows.at(first))) {
        close_flow(first);
        first = find_flow(destination);
    }
    if (m_flows.size() >= m_limits.max_media_flows) {
        ++m_stats.flow_limit_reached;
        m_sink.on_event(LimitReached{"media_flows", now});
        return k_no_slot;
    }
    const std::uint32_t slot = m_flows.insert(first == k_no_slot ? endpoint_hash(destination)
                                                                 : sharer_hash(destination, call_slot, generation));
    Flow& flow = m_flows.at(slot);
    flow.destination = destination;
    flow.call_slot = call_slot;
    flow.call_generation = generation;
    if (first != k_no_slot) {
        flow.shared = true;
        m_flows.at(first).shared = true;
        Sharers& sharers = m_sharers[first];
        if (sharers.refs.size() >= sharers.prune_at) {
            std::erase_if(sharers.refs, [&](const FlowRef& ref) { return !m_flows.live(ref.slot, ref.generation); });
            sharers.prune_at = std::max<std::size_t>(16, 2 * sharers.refs.size());
        }
        sharers.refs.push_back({slot, m_flows.generation(slot)});
    }
    auto& refs = call_flows(call_slot).flows;
    std::erase_if(refs, [&](const FlowRef& ref) { return !m_flows.live(ref.slot, ref.generation); });
    refs.push_back({slot, m_flows.generation(slot)});
    ++m_stats.flows_created;
    return slot;
}

void MediaTracker::drop_flow(std::uint32_t slot) {
    const Flow& flow = m_flows.at(slot);
    const core::Endpoint destination = flow.destination;
    const bool first = flow.shared && m_flows.hash_of(slot) == endpoint_hash(destination);
    m_flows.erase(slot);
    if (!first) return;  // a flow beside the first: its entry in the list is skipped from now on
    const auto it = m_sharers.find(slot);
    if (it == m_sharers.end()) return;
    Sharers rest = std::move(it->second);
    m_sharers.erase(it);
    // The last one still there takes the first place; the rest stay with it.
    while (!rest.refs.empty() && !m_flows.live(rest.refs.back().slot, rest.refs.back().generation))
        rest.refs.pop_back();
    if (rest.refs.empty()) return;
    const std::uint32_t next = rest.refs.back().slot;
    rest.refs.pop_back();
    m_flows.refile(next, endpoint_hash(destination));
    m_flows.at(next).shared = !rest.refs.empty();
    if (!rest.refs.empty()) m_sharers.emplace(next, std::move(rest));
}

void MediaTracker::end_streams(std::uint32_t slot) {
    const Flow& flow = m_flows.at(slot);
    flow.each_stream([&](const MediaStream& stream) {
        const MediaStreamInfo i = info(flow, stream);
        m_sink.on_event(MediaStreamEnded{i});
    });
}

void MediaTracker::close_flow(std::uint32_t slot) {
    end_streams(slot);
    drop_flow(slot);
}

// Flows side `side` announced for m= line `index` go (replaced or disabled).
void MediaTracker::withdraw(std::uint32_t call_slot, Side side, std::uint8_t index) {
    for (const auto& ref : call_flows(call_slot).flows) {
        if (!m_flows.live(ref.slot, ref.generation)) continue;
        const Flow& flow = m_flows.at(ref.slot);
        if (flow.receiver == side && flow.media_index == index) close_flow(ref.slot);
    }
}

void MediaTracker::on_sdp(std::uint32_t call_slot, Side sender, const sip::SessionDescription& sdp,
                          core::Timestamp now) {
    const std::size_t count = std::min(sdp.media().size(), m_limits.max_media_per_call);
    for (std::size_t i = 0; i < count; ++i) announce(call_slot, sender, sdp, i, now);
}

void MediaTracker::announce(std::uint32_t call_slot, Side sender, const sip::SessionDescription& sdp, std::size_t i,
                            core::Timestamp now) {
    const sip::Media& m = sdp.media()[i];
    const auto index = static_cast<std::uint8_t>(i);
    const auto address = core::IpAddress::parse(sdp.connection_for(m).address);
    if (m.port == 0 || !address || unspecified(*address)) {  // disabled, or on hold (RFC 2543 c=0.0.0.0)
        withdraw(call_slot, sender, index);
        return;
    }
    const core::Endpoint destination{*address, m.port};
    const auto rtcp_address = m.rtcp_address.present ? core::IpAddress::parse(m.rtcp_address.address) : address;
    const std::uint16_t rtcp_port =
        m.rtcp_mux || !m.is_rtp() ? 0 : m.rtcp_port.value_or(static_cast<std::uint16_t>(m.port + 1));
    const bool rtcp_elsewhere = rtcp_port != 0 && (rtcp_address != address || rtcp_port != m.port + 1);
    // A re-announcement of the same flow keeps its statistics; anything else replaces it.
    const std::uint32_t existing = call_flow_at(destination, call_slot, m_calls.generation(call_slot));
    const bool same = existing != k_no_slot && m_flows.at(existing).receiver == sender &&
                      m_flows.at(existing).media_index == index && m_flows.at(existing).rtp == m.is_rtp() &&
                      !m_flows.at(existing).rtcp_only;
    if (!same) withdraw(call_slot, sender, index);
    const std::uint32_t slot = open_flow(call_slot, destination, now);
    if (slot == k_no_slot) return;
    Flow& flow = m_flows.at(slot);
    flow.rtp = m.is_rtp();
    flow.receiver = sender;
    flow.media_index = index;
    flow.media_kind = media_kind(m.type);
    flow.rtcp_mux = m.rtcp_mux;
    flow.rtcp_port = rtcp_elsewhere ? 0 : rtcp_port;
    flow.payloads = PayloadMap{};
    for (const auto& map : sdp.rtpmaps(m)) {
        if (flow.payloads.count == PayloadMap::k_size) break;
        const auto n = flow.payloads.count++;
        flow.payloads.type[n] = map.payload_type;
        flow.payloads.codec[n] = codec_index(map.encoding);
        // Events keep the timestamp of their start in every packet (RFC
        // 4733 §2.3): no clock for the jitter (StreamStats::add).
        flow.payloads.clock_rate[n] = flow.payloads.codec[n] == k_telephone_event ? 0 : map.clock_rate;
    }
    if (rtcp_elsewhere && rtcp_address) {
        const std::uint32_t rtcp_slot = open_flow(call_slot, {*rtcp_address, rtcp_port}, now);
        if (rtcp_slot != k_no_slot && rtcp_slot != slot) {
            Flow& rtcp = m_flows.at(rtcp_slot);
            rtcp.rtcp_only = true;
            rtcp.rtp_flow = slot;
            rtcp.receiver = sender;
            rtcp.media_index = index;
        }
    }
}

void MediaTracker::on_packet(const MediaInput& in) {
    bool rtcp = false;
    std::uint32_t slot = flow_at(in.destination, in.source, rtcp);
    bool sent = false;
    if (slot == k_no_slot) {
        // Symmetric RTP: a party sends from the address it receives on.
        slot = flow_at(in.source, in.destination, rtcp);
        sent = slot != k_no_slot;
    }
    if (slot != k_no_slot) {
        flow_packet(slot, in, sent, rtcp);
        return;
    }
    if (rtp::looks_like_rtp(in.datagram)) {
        unsolicited_packet(in, UnsolicitedKind::rtp, nullptr);
    } else if (rtp::looks_like_rtcp(in.datagram)) {
        unsolicited_packet(in, UnsolicitedKind::rtcp, nullptr);
    } else {
        ++m_stats.other_udp;
    }
}

void MediaTracker::flow_packet(std::uint32_t slot, const MediaInput& in, bool sent, bool rtcp) {
    Flow& flow = m_flows.at(slot);
    const bool call_live =
        m_calls.live(flow.call_slot, flow.call_generation) && m_calls.at(flow.call_slot).state != CallState::ended;
    if (call_live) m_calls.touch(flow.call_slot, in.time);
    if (!flow.rtp) {
        ++flow.other_packets;
        ++m_stats.non_rtp_media;
        return;
    }
    if (rtcp || (flow.rtcp_mux && rtp::looks_like_rtcp(in.datagram))) {
        ++flow.rtcp_packets;
        ++m_stats.rtcp_packets;
        // An RTCP BYE after the call is the media saying goodbye (endpoints
        // send it right after the SIP BYE), not media nobody asked for.
        if (!call_live && !rtp::rtcp_says_goodbye(in.datagram)) unsolicited_packet(in, UnsolicitedKind::rtcp, &flow);
        return;
    }
    stream_packet(slot, in, call_live, sent);
}

void MediaTracker::stream_packet(std::uint32_t flow_slot, const MediaInput& in, bool call_live, bool sent) {
    Flow& flow = m_flows.at(flow_slot);
    rtp::RtpHeader header;
    if (rtp::parse_rtp(in.datagram, header) != rtp::RtpStatus::ok) {
        ++flow.bad_rtp;
        ++m_stats.not_rtp;
        return;
    }
    ++m_stats.rtp_packets;
    const core::Endpoint& peer = sent ? in.destination : in.source;
    auto matches = [&](const MediaStream& s) {
        return s.stats.ssrc() == header.ssrc && s.sent == sent && (!sent || s.peer == peer);
    };
    MediaStream* stream = nullptr;
    if (flow.has_first && matches(flow.first)) stream = &flow.first;
    for (auto& s : flow.more) {
        if (stream == nullptr && matches(s)) stream = &s;
    }
    const std::uint32_t rate = flow.payloads.rate_of(header.payload_type);
    if (stream == nullptr) {
        if (flow.stream_count() >= m_limits.max_ssrcs_per_flow) {
            // Not tracked; counted as a change when the SSRC differs from the last such packet's.
            if (flow.ssrc_overflow == 0 || header.ssrc != flow.last_overflow_ssrc) ++flow.ssrc_overflow;
            flow.last_overflow_ssrc = header.ssrc;
            return;
        }
        if (flow.has_first) {
            flow.more.emplace_back();
            stream = &flow.more.back();
        } else {
            flow.has_first = true;
            stream = &flow.first;
        }
        stream->peer = stream->peer_first = peer;
        stream->sent = sent;
        stream->codec = flow.payloads.codec_of(header.payload_type);
        stream->stats.add(header, in.time, rate);
        if (m_calls.live(flow.call_slot, flow.call_generation)) m_calls.add_media_stream(flow.call_slot);
        const MediaStreamInfo i = info(flow, *stream);
        m_sink.on_event(MediaStreamStarted{i});
    } else {
        stream->stats.add(header, in.time, rate);
        if (!sent && !(stream->peer == peer)) {
            const core::Endpoint previous = stream->peer;
            stream->peer = peer;
            const MediaStreamInfo i = info(flow, *stream);
            m_sink.on_event(MediaSourceChanged{i, previous, peer, in.time});
        }
    }
    if (!call_live) {
        ++stream->after_end;
        unsolicited_packet(in, UnsolicitedKind::rtp, &flow);
    }
}

bool MediaTracker::confirms(Unsolicited& u, const MediaInput& in, UnsolicitedKind kind) {
    // RTCP's signature is strong (docs/rtp.md): it confirms at once.
    if (kind == UnsolicitedKind::rtcp) return true;
    rtp::RtpHeader header;
    if (rtp::parse_rtp(in.datagram, header) != rtp::RtpStatus::ok) return false;
    constexpr std::uint16_t k_max_step = 100;  // packets lost or reordered between the two
    const auto step = static_cast<std::uint16_t>(header.sequence - u.probe_sequence);
    const bool continues = header.ssrc == u.probe_ssrc && step >= 1 && step <= k_max_step;
    u.probe_ssrc = header.ssrc;
    u.probe_sequence = header.sequence;
    return continues;
}

void MediaTracker::end_unsolicited(const Unsolicited& u) {
    if (u.confirmed) {
        m_sink.on_event(UnsolicitedMediaEnded{u.event()});
    } else {
        m_stats.other_udp += u.info.packets;
    }
}

void MediaTracker::unsolicited_packet(const MediaInput& in, UnsolicitedKind kind, const Flow* ended_flow) {
    const std::uint64_t hash = unsolicited_hash(in.destination, in.source.address);
    std::uint32_t slot = m_unsolicited.find(hash, [&](const Unsolicited& u) {
        return u.info.destination == in.destination && u.info.source.address == in.source.address;
    });
    if (slot == k_no_slot) {
        if (m_unsolicited.size() >= m_limits.max_unsolicited) {
            ++m_stats.unsolicited_limit_reached;
            ++m_stats.unsolicited_packets;  // counted, not tracked
            m_sink.on_event(LimitReached{"unsolicited_media", in.time});
            return;
        }
        slot = m_unsolicited.insert(hash);
        Unsolicited& u = m_unsolicited.at(slot);
        u.info.source = in.source;
        u.info.destination = in.destination;
        u.info.kind = kind;
        u.info.first = in.time;
        u.info.after_call = ended_flow != nullptr;
        if (ended_flow != nullptr && m_calls.live(ended_flow->call_slot, ended_flow->call_generation))
            u.call_id = m_calls.info(ended_flow->call_slot).call_id;
        u.info.last = in.time;
        u.info.packets = 1;
        u.info.bytes = in.datagram.size;
        // Media on a negotiated address after its call is no guess; RTCP's signature is strong.
        u.confirmed = ended_flow != nullptr || kind == UnsolicitedKind::rtcp;
        if (u.confirmed) {
            ++m_stats.unsolicited_packets;
            m_sink.on_event(UnsolicitedMediaStarted{u.event()});
        } else {
            confirms(u, in, kind);  // the first probe
        }
        m_unsolicited_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.media_idle_timeout), slot,
                                 m_unsolicited.generation(slot));
        return;
    }
    Unsolicited& u = m_unsolicited.at(slot);
    ++u.info.packets;
    u.info.bytes += in.datagram.size;
    if (in.time > u.info.last) u.info.last = in.time;
    if (u.confirmed) {
        ++m_stats.unsolicited_packets;
    } else if (confirms(u, in, kind)) {
        u.confirmed = true;
        m_stats.unsolicited_packets += u.info.packets;
        m_sink.on_event(UnsolicitedMediaStarted{u.event()});
    }
}

// Where the other side of the call said it receives this m= line's media:
// the address the media on `flow` is expected to come from.
core::Endpoint MediaTracker::peer_destination(const Flow& flow) const {
    const CallFlows* flows = call_flows_if(flow.call_slot, flow.call_generation);
    if (flows == nullptr) return {};
    for (const auto& ref : flows->flows) {
        if (!m_flows.live(ref.slot, ref.generation)) continue;
        const Flow& peer = m_flows.at(ref.slot);
        if (peer.receiver != flow.receiver && peer.media_index == flow.media_index && !peer.rtcp_only)
            return peer.destination;
    }
    return {};
}

MediaStreamInfo MediaTracker::info(const Flow& flow, const MediaStream& stream) const {
    MediaStreamInfo i;
    if (m_calls.live(flow.call_slot, flow.call_generation)) i.call_id = m_calls.info(flow.call_slot).call_id;
    i.destination = stream.sent ? stream.peer_first : flow.destination;
    i.expected_source = stream.sent ? flow.destination : peer_destination(flow);
    i.source = stream.sent ? flow.destination : stream.peer_first;
    i.media = flow.media_kind == 0 ? "audio" : (flow.media_kind == 1 ? "video" : "other");
    i.codec = codec_name(stream.codec);
    const rtp::StreamStats& s = stream.stats;
    i.ssrc = s.ssrc();
    std::uint32_t same_direction = 0;
    flow.each_stream([&](const MediaStream& other) {
        if (other.sent == stream.sent && (!stream.sent || other.peer == stream.peer)) ++same_direction;
    });
    i.ssrc_changes = same_direction - 1 + flow.ssrc_overflow;
    i.packets = s.packets();
    i.bytes = s.bytes();
    i.lost = s.lost();
    i.sequence_jumps = s.sequence_jumps();
    i.rtcp_packets = flow.rtcp_packets;
    i.after_end = stream.after_end;
    i.jitter_ms = s.jitter_ms();
    i.max_jitter_ms = s.max_jitter_ms();
    i.max_delta_ms = s.max_delta_ms();
    i.first = s.first();
    i.last = s.last();
    return i;
}

void MediaTracker::forget_call(std::uint32_t call_slot, std::uint32_t call_generation) {
    if (call_slot >= m_by_call.size() || m_by_call[call_slot].call_generation != call_generation) return;
    // All streams end before any flow goes: each names its peer's address.
    for (const auto& ref : m_by_call[call_slot].flows) {
        if (m_flows.live(ref.slot, ref.generation)) end_streams(ref.slot);
    }
    for (const auto& ref : m_by_call[call_slot].flows) {
        if (m_flows.live(ref.slot, ref.generation)) drop_flow(ref.slot);
    }
    m_by_call[call_slot].flows.clear();
    m_by_call[call_slot].flows.shrink_to_fit();
}

void MediaTracker::expire(core::Timestamp now) {
    m_unsolicited_timers.expire(now, [&](const Timer& timer) {
        if (!m_unsolicited.live(timer.slot, timer.generation)) return;
        Unsolicited& u = m_unsolicited.at(timer.slot);
        const std::int64_t due = u.info.last.ns() + m_limits.media_idle_timeout;
        if (due > now.ns()) {
            m_unsolicited_timers.arm(core::Timestamp::from_ns(due), timer.slot, timer.generation);
            return;
        }
        end_unsolicited(u);
        m_unsolicited.erase(timer.slot);
    });
}

void MediaTracker::finish() {
    m_unsolicited.for_each([&](std::uint32_t, Unsolicited& u) { end_unsolicited(u); });
    m_flows.for_each([&](std::uint32_t slot, Flow&) { end_streams(slot); });
    m_flows.for_each([&](std::uint32_t slot, Flow&) { m_flows.erase(slot); });
}

}  // namespace sipwarden::session
