// PayloadBatch and PayloadQueue: hand decoded payloads from the reading
// thread to the calling thread, with their parse results when the reading
// thread parsed them (capture_run.cpp). A batch owns copies of the payload bytes
// (the reader's buffer is reused) and is recycled, so steady state
// allocates nothing; the queue is bounded, so a slow parser slows the reader
// instead of growing memory.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "net/payload.h"
#include "rtp/rtp_packet.h"
#include "session/sip_facts.h"
#include "sip/message.h"
#include "sip/sdp.h"

namespace sipwarden::watch {

// A SIP payload parsed on the reading thread (see capture_run.cpp): the
// message and its SDP, viewing the batch's bytes, and the facts the
// observer asked for.
struct ParsedSip {
    sip::Message message;
    sip::SessionDescription sdp;
    session::SipFacts facts;
    bool usable = false;
    bool has_sdp = false;
};

// A batch belongs to one thread at a time and its header is written for
// every payload added: cache lines of its own, not shared with an object
// the other thread writes (that false sharing cost the reading thread a
// cross-core transfer per payload; docs/performance.md).
class alignas(64) PayloadBatch {
public:
    // Copies at most `max_bytes` of the payload's data; datagram_of() keeps
    // its full length and last octet, tag_of() the caller's `tag`.
    void add(const net::Payload& payload, std::size_t max_bytes = SIZE_MAX, std::uint8_t tag = 0);
    std::size_t size() const { return m_items.size(); }
    std::size_t bytes() const { return m_bytes.size(); }
    void clear();
    // The i-th payload, its data pointing into this batch.
    net::Payload at(std::size_t i) const;
    rtp::DatagramHead datagram_of(std::size_t i) const;
    std::uint8_t tag_of(std::size_t i) const { return m_items[i].tag; }

    // Parse results kept with the batch, once it is complete (its bytes no
    // longer move): the k-th is for the k-th payload parsed. The slots and
    // their buffers are reused when the batch is recycled.
    ParsedSip& next_parsed();
    // Asks the processor to fetch the k-th parse result (the slot and its
    // message's header table) into this core's caches, when it exists: a
    // result another core wrote costs a cross-core transfer per cache line
    // read, which a prefetch a few messages ahead hides.
    void prefetch_parsed(std::size_t k) const;
    const ParsedSip& parsed(std::size_t k) const { return *m_parsed[k]; }
    std::size_t parsed_count() const { return m_parsed_count; }

private:
    struct Item {
        net::Payload payload;  // without data: the bytes are at [offset, offset + size) of m_bytes
        std::size_t offset = 0;
        std::size_t size = 0;       // bytes copied
        std::size_t full_size = 0;  // bytes the payload had
        std::uint8_t last_octet = 0;
        std::uint8_t tag = 0;
    };
    std::vector<Item> m_items;
    std::vector<std::uint8_t> m_bytes;
    std::vector<std::unique_ptr<ParsedSip>> m_parsed;
    std::size_t m_parsed_count = 0;
};

class PayloadQueue {
public:
    explicit PayloadQueue(std::size_t capacity) : m_capacity(capacity) {}

    // Producer side.
    std::unique_ptr<PayloadBatch> take_empty();
    void push(std::unique_ptr<PayloadBatch> batch);
    void close();  // no more batches

    // Full batches not yet taken by the consumer: how far it is behind.
    std::size_t waiting();

    // Consumer side: nullptr once closed and drained.
    std::unique_ptr<PayloadBatch> pop();
    void recycle(std::unique_ptr<PayloadBatch> batch);

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<PayloadBatch>> m_full;
    std::vector<std::unique_ptr<PayloadBatch>> m_empty;
    std::size_t m_in_flight = 0;  // batches handed out or queued
    bool m_closed = false;
};

}  // namespace sipwarden::watch
