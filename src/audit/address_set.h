// Sets of IPv4 and IPv6 addresses as sorted disjoint intervals, with the set
// algebra the reachability analysis needs (union, intersection, difference)
// and a printable form as CIDR blocks.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ip_address.h"

namespace sipwarden::audit {

// A 128-bit unsigned number (an IPv6 address), ordered.
struct U128 {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    friend auto operator<=>(const U128&, const U128&) = default;
};

template <typename T>
struct Interval {
    T first{};
    T last{};  // inclusive
};

class AddressSet {
public:
    AddressSet() = default;
    static AddressSet all();  // every IPv4 and IPv6 address
    static AddressSet all_v4();
    static AddressSet all_v6();
    static AddressSet of(const core::Cidr& cidr);
    static AddressSet of(const std::vector<core::Cidr>& cidrs);
    // Every address from `first` to `last` (same family; empty otherwise).
    static AddressSet range(const core::IpAddress& first, const core::IpAddress& last);
    static AddressSet loopback();        // 127.0.0.0/8 and ::1
    static AddressSet private_ranges();  // RFC 1918, RFC 4193, link-local

    bool empty() const { return m_v4.empty() && m_v6.empty(); }
    bool contains(const core::IpAddress& address) const;
    bool covers(const AddressSet& other) const { return other.minus(*this).empty(); }

    AddressSet united(const AddressSet& other) const;
    AddressSet intersected(const AddressSet& other) const;
    AddressSet minus(const AddressSet& other) const;

    // Length of the shortest prefix among the CIDR blocks of the set
    // (0 = everything, 32/128 = single addresses); -1 when empty. Per family.
    int widest_prefix_v4() const;
    int widest_prefix_v6() const;
    std::vector<core::Cidr> to_cidrs(std::size_t max_blocks = 64) const;
    // "198.51.100.0/28, 203.0.113.5" or "any address"; shortened after `max_blocks`.
    std::string to_string(std::size_t max_blocks = 6) const;

    friend bool operator==(const AddressSet& a, const AddressSet& b);

private:
    std::vector<Interval<std::uint32_t>> m_v4;
    std::vector<Interval<U128>> m_v6;
};

}  // namespace sipwarden::audit
