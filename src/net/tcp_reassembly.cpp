// TCP stream reassembly and message framing for SIP and HEP.
#include "net/tcp_reassembly.h"

#include <algorithm>

#include "net/hep.h"
#include "net/sip_framing.h"

namespace sipwarden::net {

namespace {

std::string_view text(core::Bytes data) { return core::as_text(data); }

bool printable_start(core::Bytes data) {
    return !data.empty() && ((data[0] >= 0x20 && data[0] < 0x7f) || data[0] == '\r' || data[0] == '\n');
}

// Where a SIP or HEP stream starts inside `data`, or npos.
std::size_t stream_start(core::Bytes data, StreamKind& kind) {
    if (is_hep3(data)) {
        kind = StreamKind::hep;
        return 0;
    }
    if (!printable_start(data)) return std::string_view::npos;
    std::string_view t = text(data);
    std::size_t skip = 0;
    while (skip < t.size() && (t[skip] == '\r' || t[skip] == '\n')) ++skip;
    kind = StreamKind::sip;
    if (starts_with_sip_start_line(t.substr(skip)) || begins_like_sip(t.substr(skip))) return skip;
    return find_sip_start(t);
}

}  // namespace

std::size_t TcpReassembler::KeyHash::operator()(const Key& k) const noexcept {
    return std::hash<core::Endpoint>{}(k.source) * 0x9e3779b97f4a7c15ull ^ std::hash<core::Endpoint>{}(k.destination);
}

std::size_t TcpReassembler::stream_bytes(const Stream& stream) const {
    std::size_t n = stream.buffer.size();
    for (const auto& held : stream.out_of_order) n += held.second.size();
    return n;
}

TcpReassembler::Stream* TcpReassembler::open(const Key& key, const TcpSegment& segment) {
    StreamKind kind = StreamKind::unknown;
    const std::size_t start = stream_start(segment.data, kind);
    if (start == std::string_view::npos) {
        m_stats.add(Counter::tcp_other_segment);
        return nullptr;
    }
    if (m_streams.size() >= m_limits.max_tcp_streams) {
        // At most one walk per captured second: a walk for every newcomer
        // would make each packet of a flood of new streams cost the whole
        // table (the decoder's once-a-second expiry frees the rest).
        if (timer_due(m_last_expiry, segment.timestamp, m_limits)) expire(segment.timestamp);
        if (m_streams.size() >= m_limits.max_tcp_streams) {
            m_stats.add(Counter::tcp_stream_limit);
            return nullptr;
        }
    }
    if (start > 0) m_stats.add(Counter::tcp_resync);
    Stream& stream = m_streams[key];
    stream.kind = kind;
    stream.next = segment.sequence + static_cast<std::uint32_t>(start);
    return &stream;
}

void TcpReassembler::add(const TcpSegment& segment, StreamMessageHandler& handler) {
    const Key key{segment.source, segment.destination};
    auto it = m_streams.find(key);
    if (segment.rst) {
        if (it != m_streams.end()) close(it);
        if (auto reverse = m_streams.find(Key{segment.destination, segment.source}); reverse != m_streams.end())
            close(reverse);
        return;
    }
    if (segment.data.empty()) {
        if (segment.fin && it != m_streams.end()) close(it);
        return;
    }
    if (it == m_streams.end()) {
        if (open(key, segment) == nullptr) return;
        it = m_streams.find(key);
    }
    Stream& stream = it->second;
    stream.last_seen = segment.timestamp;
    m_stats.add(stream.kind == StreamKind::hep ? Counter::tcp_hep_segment : Counter::tcp_sip_segment);
    if (m_bytes + segment.data.size() > m_limits.max_tcp_bytes_total) {
        m_stats.add(Counter::tcp_buffer_limit);
        return;
    }
    const std::size_t before = stream_bytes(stream);
    const auto delta = static_cast<std::int32_t>(segment.sequence - stream.next);
    if (delta == 0) {
        append(stream, segment.sequence, segment.data);
        drain_out_of_order(stream);
    } else if (delta < 0) {
        m_stats.add(Counter::tcp_retransmission);
        const auto seen = static_cast<std::size_t>(-static_cast<std::int64_t>(delta));
        if (seen < segment.data.size()) {
            append(stream, stream.next, segment.data.subspan(seen));
            drain_out_of_order(stream);
        }
    } else {
        m_stats.add(Counter::tcp_out_of_order);
        hold(stream, segment.sequence, segment.data);
    }
    if (stream.buffer.size() > m_limits.max_stream_buffer_bytes) {
        m_stats.add(Counter::tcp_buffer_limit);
        resync(stream);
    }
    frame(key, stream, segment, handler);
    m_bytes = m_bytes + stream_bytes(stream) - before;
    if (segment.fin) close(it);
}

void TcpReassembler::append(Stream& stream, std::uint32_t sequence, core::Bytes data) {
    stream.buffer.append(text(data));
    stream.next = sequence + static_cast<std::uint32_t>(data.size());
    ++stream.segments_in_buffer;
}

void TcpReassembler::hold(Stream& stream, std::uint32_t sequence, core::Bytes data) {
    stream.out_of_order.emplace_back(sequence, std::string(text(data)));
    if (stream.out_of_order.size() <= m_limits.max_out_of_order_segments) return;
    // The missing bytes are not coming: skip the gap, continue at the earliest held segment.
    m_stats.add(Counter::tcp_gap);
    const auto earliest =
        std::min_element(stream.out_of_order.begin(), stream.out_of_order.end(), [&](const auto& a, const auto& b) {
            return static_cast<std::int32_t>(a.first - stream.next) < static_cast<std::int32_t>(b.first - stream.next);
        });
    stream.buffer.clear();
    stream.segments_in_buffer = 0;
    stream.next = earliest->first;
    drain_out_of_order(stream);
}

void TcpReassembler::drain_out_of_order(Stream& stream) {
    bool progressed = true;
    while (progressed && !stream.out_of_order.empty()) {
        progressed = false;
        for (auto it = stream.out_of_order.begin(); it != stream.out_of_order.end(); ++it) {
            const auto delta = static_cast<std::int32_t>(it->first - stream.next);
            if (delta > 0) continue;
            const auto seen = static_cast<std::size_t>(-static_cast<std::int64_t>(delta));
            if (seen < it->second.size()) {
                stream.buffer.append(it->second, seen);
                stream.next += static_cast<std::uint32_t>(it->second.size() - seen);
                ++stream.segments_in_buffer;
            }
            stream.out_of_order.erase(it);
            progressed = true;
            break;
        }
    }
}

void TcpReassembler::resync(Stream& stream) {
    std::string_view buffer = stream.buffer;
    std::size_t at = std::string_view::npos;
    if (stream.kind == StreamKind::sip) {
        at = find_sip_start(buffer);
    } else if (buffer.size() > 1) {
        at = buffer.find("HEP3", 1);
    }
    if (at == std::string_view::npos) {
        // Keep the last partial line: it may be the beginning of a start line.
        const auto last_newline = buffer.rfind('\n');
        at = last_newline == std::string_view::npos ? buffer.size() : last_newline + 1;
        if (stream.kind == StreamKind::hep) at = buffer.size() > 3 ? buffer.size() - 3 : 0;
    }
    if (at == 0) at = std::min<std::size_t>(1, buffer.size());
    stream.buffer.erase(0, at);
    stream.segments_in_buffer = stream.buffer.empty() ? 0 : 1;
    m_stats.add(Counter::tcp_resync);
}

void TcpReassembler::frame(const Key& key, Stream& stream, const TcpSegment& segment, StreamMessageHandler& handler) {
    while (frame_one(key, stream, segment, handler)) {
    }
}

bool TcpReassembler::frame_one(const Key& key, Stream& stream, const TcpSegment& segment,
                               StreamMessageHandler& handler) {
    std::size_t keepalive = 0;
    while (keepalive < stream.buffer.size() && (stream.buffer[keepalive] == '\r' || stream.buffer[keepalive] == '\n'))
        ++keepalive;
    if (stream.kind == StreamKind::sip && keepalive > 0) stream.buffer.erase(0, keepalive);
    if (stream.buffer.empty()) {
        stream.segments_in_buffer = 0;
        return false;
    }
    const std::string_view buffer = stream.buffer;
    std::size_t length = 0;
    if (stream.kind == StreamKind::sip) {
        if (!starts_with_sip_start_line(buffer)) {
            if (buffer.find('\n') == std::string_view::npos && buffer.size() < 2048)
                return false;  // start line incomplete
            resync(stream);
            return !stream.buffer.empty();
        }
        const FrameStatus status = frame_sip_message(buffer, m_limits.max_sip_message_bytes, length);
        if (status == FrameStatus::incomplete) return false;
        if (status == FrameStatus::too_large) {
            m_stats.add(Counter::tcp_message_too_large);
            stream.buffer.erase(0, 1);
            resync(stream);
            return !stream.buffer.empty();
        }
    } else {
        if (buffer.size() < 6) return false;
        if (!is_hep3(core::as_bytes(buffer))) {
            resync(stream);
            return !stream.buffer.empty();
        }
        length = (static_cast<std::size_t>(static_cast<std::uint8_t>(buffer[4])) << 8) |
                 static_cast<std::uint8_t>(buffer[5]);
        if (length < 6) {
            stream.buffer.erase(0, 4);
            resync(stream);
            return !stream.buffer.empty();
        }
        if (buffer.size() < length) return false;
    }
    StreamMessage message{segment.timestamp,
                          segment.frame_number,
                          key.source,
                          key.destination,
                          stream.kind,
                          core::as_bytes(buffer.substr(0, length)),
                          stream.segments_in_buffer > 1};
    handler.on_stream_message(message);
    stream.buffer.erase(0, length);
    stream.segments_in_buffer = stream.buffer.empty() ? 0 : 1;
    return true;
}

void TcpReassembler::close(Streams::iterator it) {
    if (!it->second.buffer.empty()) m_stats.add(Counter::tcp_incomplete_at_end);
    m_bytes -= stream_bytes(it->second);
    m_streams.erase(it);
}

void TcpReassembler::expire(core::Timestamp now) {
    ++m_expiry_walks;
    m_last_expiry = now;
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        auto next = std::next(it);
        if (now.ns() - it->second.last_seen.ns() > m_limits.tcp_idle_timeout) {
            m_stats.add(Counter::tcp_stream_timeout);
            close(it);
        }
        it = next;
    }
}

void TcpReassembler::finish() {
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        auto next = std::next(it);
        close(it);
        it = next;
    }
}

}  // namespace sipwarden::net
