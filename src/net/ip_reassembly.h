// IpReassembler: puts IPv4 and IPv6 fragments back together (SIP INVITEs
// with large SDP exceed the MTU) with bounded memory: limits on datagrams in
// flight, fragments each, bytes in total, and a timeout in capture time.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/byte_reader.h"
#include "core/ip_address.h"
#include "core/timestamp.h"
#include "net/decode_stats.h"
#include "net/limits.h"

namespace sipwarden::net {

struct FragmentKey {
    core::IpAddress source;
    core::IpAddress destination;
    std::uint32_t id = 0;
    std::uint8_t protocol = 0;  // IPv4: the protocol field; IPv6: 0 (the id identifies)
    friend bool operator==(const FragmentKey&, const FragmentKey&) = default;
};

struct FragmentKeyHash {
    std::size_t operator()(const FragmentKey& k) const noexcept;
};

class IpReassembler {
public:
    IpReassembler(const Limits& limits, DecodeStats& stats) : m_limits(limits), m_stats(stats) {}

    struct Datagram {
        core::Bytes payload;        // the reassembled upper-layer bytes; valid until the next add()
        std::uint8_t protocol = 0;  // upper-layer protocol (from the first fragment for IPv6)
    };

    // Adds one fragment: `offset` in bytes, `more` the more-fragments flag,
    // `protocol` the upper-layer protocol this fragment announces. Returns the
    // datagram when this fragment completes it.
    std::optional<Datagram> add(const FragmentKey& key, std::uint32_t offset, bool more, std::uint8_t protocol,
                                core::Bytes data, core::Timestamp now);
    // Drops datagrams older than the timeout (counted as ip.fragment_timeout).
    void expire(core::Timestamp now);
    // Drops everything still incomplete at the end of input (counted as timeouts).
    void finish();
    std::size_t pending() const { return m_pending.size(); }
    std::size_t buffered_bytes() const { return m_bytes; }
    // Walks made by expire(), for tests: a new datagram at the limit makes
    // at most one per captured second.
    std::uint64_t expiry_walks() const { return m_expiry_walks; }

private:
    struct Pending {
        std::vector<std::uint8_t> bytes;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;  // [begin, end)
        std::uint32_t total = 0;                                      // known once the last fragment arrived
        bool has_last = false;
        std::uint8_t protocol = 0;
        core::Timestamp first_seen;
    };
    bool complete(Pending& pending) const;
    void drop(std::unordered_map<FragmentKey, Pending, FragmentKeyHash>::iterator it);

    Limits m_limits;
    DecodeStats& m_stats;
    std::unordered_map<FragmentKey, Pending, FragmentKeyHash> m_pending;
    std::vector<std::uint8_t> m_done;
    std::size_t m_bytes = 0;
    std::uint64_t m_expiry_walks = 0;
    core::Timestamp m_last_expiry;
};

}  // namespace sipwarden::net
