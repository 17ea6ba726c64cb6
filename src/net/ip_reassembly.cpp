// IP fragment reassembly.
#include "net/ip_reassembly.h"

#include <algorithm>
#include <cstring>

namespace sipwarden::net {

namespace {
constexpr std::uint32_t k_max_datagram = 65535;
}

std::size_t FragmentKeyHash::operator()(const FragmentKey& k) const noexcept {
    const std::size_t a = std::hash<core::IpAddress>{}(k.source);
    const std::size_t b = std::hash<core::IpAddress>{}(k.destination);
    return a ^ (b * 0x9e3779b97f4a7c15ull) ^ (std::size_t{k.id} << 8) ^ k.protocol;
}

std::optional<IpReassembler::Datagram> IpReassembler::add(const FragmentKey& key, std::uint32_t offset, bool more,
                                                          std::uint8_t protocol, core::Bytes data,
                                                          core::Timestamp now) {
    m_stats.add(Counter::ip_fragment);
    const std::uint32_t end = offset + static_cast<std::uint32_t>(data.size());
    if (end > k_max_datagram || (more && data.empty())) {
        m_stats.add(Counter::ip_fragment_bad_length);
        return std::nullopt;
    }
    auto it = m_pending.find(key);
    if (it == m_pending.end()) {
        if (m_pending.size() >= m_limits.max_fragmented_datagrams) {
            // At most one walk per captured second (see TcpReassembler::open).
            if (timer_due(m_last_expiry, now, m_limits)) expire(now);
            if (m_pending.size() >= m_limits.max_fragmented_datagrams) {
                m_stats.add(Counter::ip_fragment_limit);
                return std::nullopt;
            }
        }
        it = m_pending.emplace(key, Pending{}).first;
        it->second.first_seen = now;
    }
    Pending& p = it->second;
    for (const auto& [b, e] : p.ranges) {
        if (offset < e && b < end) {
            // Exact duplicates (e.g. an "any" capture seeing a packet twice) are harmless.
            if (!(b == offset && e == end)) m_stats.add(Counter::ip_fragment_overlap);
            return std::nullopt;
        }
    }
    if (p.ranges.size() >= m_limits.max_fragments_per_datagram ||
        m_bytes + data.size() > m_limits.max_fragment_bytes_total || (p.has_last && end > p.total) ||
        (!more && (end < p.bytes.size() || p.has_last))) {
        m_stats.add(p.ranges.size() >= m_limits.max_fragments_per_datagram ||
                            m_bytes + data.size() > m_limits.max_fragment_bytes_total
                        ? Counter::ip_fragment_limit
                        : Counter::ip_fragment_bad_length);
        drop(it);
        return std::nullopt;
    }
    if (p.bytes.size() < end) {
        m_bytes += end - p.bytes.size();
        p.bytes.resize(end);
    }
    std::copy(data.begin(), data.end(), p.bytes.begin() + offset);
    p.ranges.emplace_back(offset, end);
    if (offset == 0 || p.protocol == 0) p.protocol = protocol;
    if (!more) {
        p.has_last = true;
        p.total = end;
    }
    if (!complete(p)) return std::nullopt;
    const std::uint8_t proto = p.protocol;
    m_bytes -= p.bytes.size();
    m_done.swap(p.bytes);
    m_done.resize(p.total);
    m_pending.erase(it);
    m_stats.add(Counter::ip_reassembled);
    return Datagram{core::Bytes(m_done.data(), m_done.size()), proto};
}

bool IpReassembler::complete(Pending& p) const {
    if (!p.has_last) return false;
    std::sort(p.ranges.begin(), p.ranges.end());
    std::uint32_t covered = 0;
    for (const auto& [b, e] : p.ranges) {
        if (b > covered) return false;
        covered = std::max(covered, e);
    }
    return covered >= p.total;
}

void IpReassembler::drop(std::unordered_map<FragmentKey, Pending, FragmentKeyHash>::iterator it) {
    m_bytes -= it->second.bytes.size();
    m_pending.erase(it);
}

void IpReassembler::expire(core::Timestamp now) {
    ++m_expiry_walks;
    m_last_expiry = now;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (now.ns() - it->second.first_seen.ns() > m_limits.fragment_timeout) {
            m_stats.add(Counter::ip_fragment_timeout);
            auto next = std::next(it);
            drop(it);
            it = next;
        } else {
            ++it;
        }
    }
}

void IpReassembler::finish() {
    m_stats.add(Counter::ip_fragment_timeout, m_pending.size());
    m_pending.clear();
    m_bytes = 0;
}

}  // namespace sipwarden::net
