// TcpReassembler: follows TCP streams that carry SIP or HEP and cuts them
// into messages — several messages in one segment, one message across many,
// retransmissions and out-of-order segments — with bounded buffers per
// stream and in total. Streams that start with neither are not buffered.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/byte_reader.h"
#include "core/ip_address.h"
#include "core/timestamp.h"
#include "net/decode_stats.h"
#include "net/limits.h"

namespace sipwarden::net {

struct TcpSegment {
    core::Timestamp timestamp;
    std::uint64_t frame_number = 0;
    core::Endpoint source;
    core::Endpoint destination;
    std::uint32_t sequence = 0;
    bool syn = false;
    bool fin = false;
    bool rst = false;
    core::Bytes data;
};

enum class StreamKind : std::uint8_t { unknown, sip, hep };

struct StreamMessage {
    core::Timestamp timestamp;  // of the segment that completed the message
    std::uint64_t frame_number = 0;
    core::Endpoint source;
    core::Endpoint destination;
    StreamKind kind = StreamKind::sip;
    core::Bytes data;  // valid only during the handler call
    bool multi_segment = false;
};

class StreamMessageHandler {
public:
    virtual ~StreamMessageHandler() = default;
    virtual void on_stream_message(const StreamMessage& message) = 0;
};

class TcpReassembler {
public:
    TcpReassembler(const Limits& limits, DecodeStats& stats) : m_limits(limits), m_stats(stats) {}

    void add(const TcpSegment& segment, StreamMessageHandler& handler);
    // Closes streams idle for longer than the timeout (a walk over all of them).
    void expire(core::Timestamp now);
    // End of input: what is still buffered is counted as incomplete.
    void finish();
    std::size_t streams() const { return m_streams.size(); }
    std::size_t buffered_bytes() const { return m_bytes; }
    // Walks made by expire(), for tests: a new stream at the limit makes at
    // most one per captured second.
    std::uint64_t expiry_walks() const { return m_expiry_walks; }

private:
    struct Key {
        core::Endpoint source;
        core::Endpoint destination;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept;
    };
    struct Stream {
        StreamKind kind = StreamKind::unknown;
        std::uint32_t next = 0;  // next expected sequence number
        std::string buffer;      // unframed bytes
        std::size_t segments_in_buffer = 0;
        std::vector<std::pair<std::uint32_t, std::string>> out_of_order;
        core::Timestamp last_seen;
    };
    using Streams = std::unordered_map<Key, Stream, KeyHash>;

    Stream* open(const Key& key, const TcpSegment& segment);
    void append(Stream& stream, std::uint32_t sequence, core::Bytes data);
    void hold(Stream& stream, std::uint32_t sequence, core::Bytes data);
    void drain_out_of_order(Stream& stream);
    void frame(const Key& key, Stream& stream, const TcpSegment& segment, StreamMessageHandler& handler);
    bool frame_one(const Key& key, Stream& stream, const TcpSegment& segment, StreamMessageHandler& handler);
    void resync(Stream& stream);
    void close(Streams::iterator it);
    std::size_t stream_bytes(const Stream& stream) const;

    Limits m_limits;
    DecodeStats& m_stats;
    Streams m_streams;
    std::size_t m_bytes = 0;
    std::uint64_t m_expiry_walks = 0;
    core::Timestamp m_last_expiry;
};

}  // namespace sipwarden::net
