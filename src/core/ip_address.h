// IPv4/IPv6 addresses, endpoints (address + port) and CIDR ranges as small
// value types usable as hash-map keys.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipwarden::core {

class IpAddress {
public:
    enum class Family : std::uint8_t { none, v4, v6 };

    IpAddress() = default;
    static IpAddress v4(const std::uint8_t (&bytes)[4]);
    static IpAddress v4(std::uint32_t host_order);
    static IpAddress v6(const std::uint8_t (&bytes)[16]);
    static IpAddress v4_from(const std::uint8_t* bytes);  // reads 4 bytes
    static IpAddress v6_from(const std::uint8_t* bytes);  // reads 16 bytes
    // Dotted quad or RFC 4291 text; brackets around IPv6 are accepted.
    static std::optional<IpAddress> parse(std::string_view text);

    Family family() const { return m_family; }
    bool is_v4() const { return m_family == Family::v4; }
    bool is_v6() const { return m_family == Family::v6; }
    bool empty() const { return m_family == Family::none; }
    // Address bytes: 4 used for IPv4, 16 for IPv6.
    const std::array<std::uint8_t, 16>& bytes() const { return m_bytes; }
    std::string to_string() const;

    bool is_loopback() const;
    bool is_private() const;  // RFC 1918, RFC 4193 ULA, link-local, loopback

    friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
    // Two 8-byte compares: the session tables compare addresses per packet,
    // and the member-wise default calls memcmp.
    friend bool operator==(const IpAddress& a, const IpAddress& b) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, a.m_bytes.data(), 8);
        std::memcpy(&a1, a.m_bytes.data() + 8, 8);
        std::memcpy(&b0, b.m_bytes.data(), 8);
        std::memcpy(&b1, b.m_bytes.data() + 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0 && a.m_family == b.m_family;
    }

private:
    std::array<std::uint8_t, 16> m_bytes{};
    Family m_family = Family::none;
};

// Inline: the decoder calls these for every packet. The sixteen bytes of
// an IPv4 address are written with one 16-byte store: written as four
// bytes and twelve zeros, they were read back (the address copied into a
// Payload) by a 16-byte load that the narrower stores could not forward,
// which stalled the decoder's usual path for half its time.
inline IpAddress IpAddress::v4_from(const std::uint8_t* bytes) {
    IpAddress a;
#if defined(__SSE2__)
    std::int32_t v = 0;
    std::memcpy(&v, bytes, 4);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(a.m_bytes.data()), _mm_cvtsi32_si128(v));
#else
    std::memcpy(a.m_bytes.data(), bytes, 4);
#endif
    a.m_family = Family::v4;
    return a;
}

inline IpAddress IpAddress::v6_from(const std::uint8_t* bytes) {
    IpAddress a;
    std::memcpy(a.m_bytes.data(), bytes, 16);
    a.m_family = Family::v6;
    return a;
}

struct Endpoint {
    IpAddress address;
    std::uint16_t port = 0;

    std::string to_string() const;  // "1.2.3.4:5060", "[::1]:5060"
    friend auto operator<=>(const Endpoint&, const Endpoint&) = default;
    friend bool operator==(const Endpoint& a, const Endpoint& b) { return a.port == b.port && a.address == b.address; }
};

class Cidr {
public:
    Cidr() = default;
    Cidr(IpAddress network, int prefix_length);
    // "10.0.0.0/8", "2001:db8::/32", or a bare address (full-length prefix).
    static std::optional<Cidr> parse(std::string_view text);

    bool contains(const IpAddress& address) const;
    const IpAddress& network() const { return m_network; }
    int prefix_length() const { return m_prefix; }
    std::string to_string() const;
    friend auto operator<=>(const Cidr&, const Cidr&) = default;

private:
    IpAddress m_network;
    int m_prefix = 0;
};

// FNV-1a: the same value in every run, for stable fingerprints (SARIF);
// not for tables of keys from the network (hash_of).
std::size_t hash_bytes(const void* data, std::size_t size);
// An address and port through the per-process seeded hash (core/hash.h):
// the tables keyed by addresses take them from packets, where anyone can
// choose them in bulk, so their collisions must not be computable offline.
std::size_t hash_of(const IpAddress& address, std::uint16_t port) noexcept;

}  // namespace sipwarden::core

template <>
struct std::hash<sipwarden::core::IpAddress> {
    std::size_t operator()(const sipwarden::core::IpAddress& a) const noexcept {
        return sipwarden::core::hash_of(a, 0);
    }
};
template <>
struct std::hash<sipwarden::core::Endpoint> {
    std::size_t operator()(const sipwarden::core::Endpoint& e) const noexcept {
        return sipwarden::core::hash_of(e.address, e.port);
    }
};
