// Batches of payloads between the reading and the parsing thread.
#include "watch/payload_queue.h"

#include <algorithm>

namespace sipwarden::watch {

void PayloadBatch::add(const net::Payload& payload, std::size_t max_bytes, std::uint8_t tag) {
    const std::size_t copied = std::min(max_bytes, payload.data.size());
    Item item{payload,
              m_bytes.size(),
              copied,
              payload.data.size(),
              payload.data.empty() ? std::uint8_t{0} : payload.data.back(),
              tag};
    item.payload.data = {};
    m_bytes.insert(m_bytes.end(), payload.data.begin(), payload.data.begin() + static_cast<std::ptrdiff_t>(copied));
    m_items.push_back(item);
}

void PayloadBatch::clear() {
    m_items.clear();
    m_bytes.clear();
    m_parsed_count = 0;
}

ParsedSip& PayloadBatch::next_parsed() {
    if (m_parsed_count == m_parsed.size()) m_parsed.push_back(std::make_unique<ParsedSip>());
    ParsedSip& slot = *m_parsed[m_parsed_count++];
    slot.usable = false;
    slot.has_sdp = false;
    return slot;
}

void PayloadBatch::prefetch_parsed(std::size_t k) const {
    if (k >= m_parsed_count) return;
    const auto* slot = reinterpret_cast<const char*>(m_parsed[k].get());
    for (std::size_t offset = 0; offset < sizeof(ParsedSip); offset += 64) __builtin_prefetch(slot + offset);
    const auto headers = m_parsed[k]->message.headers();
    const auto* table = reinterpret_cast<const char*>(headers.data());
    for (std::size_t offset = 0; offset < headers.size_bytes(); offset += 64) __builtin_prefetch(table + offset);
}

net::Payload PayloadBatch::at(std::size_t i) const {
    net::Payload payload = m_items[i].payload;
    payload.data = core::Bytes(m_bytes.data() + m_items[i].offset, m_items[i].size);
    return payload;
}

rtp::DatagramHead PayloadBatch::datagram_of(std::size_t i) const {
    const Item& item = m_items[i];
    return {core::Bytes(m_bytes.data() + item.offset, item.size), item.full_size, item.last_octet};
}

std::unique_ptr<PayloadBatch> PayloadQueue::take_empty() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_in_flight < m_capacity; });
    ++m_in_flight;
    if (m_empty.empty()) return std::make_unique<PayloadBatch>();
    auto batch = std::move(m_empty.back());
    m_empty.pop_back();
    return batch;
}

void PayloadQueue::push(std::unique_ptr<PayloadBatch> batch) {
    {
        std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(batch));
    }
    m_changed.notify_all();
}

void PayloadQueue::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

std::size_t PayloadQueue::waiting() {
    std::lock_guard lock(m_mutex);
    return m_full.size();
}

std::unique_ptr<PayloadBatch> PayloadQueue::pop() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_full.empty() || m_closed; });
    if (m_full.empty()) return nullptr;
    auto batch = std::move(m_full.front());
    m_full.pop_front();
    return batch;
}

void PayloadQueue::recycle(std::unique_ptr<PayloadBatch> batch) {
    batch->clear();
    {
        std::lock_guard lock(m_mutex);
        m_empty.push_back(std::move(batch));
        --m_in_flight;
    }
    m_changed.notify_all();
}

}  // namespace sipwarden::watch
