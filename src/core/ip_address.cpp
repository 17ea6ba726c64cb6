// IpAddress, Endpoint and Cidr: parsing, formatting, classification.
#include "core/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "core/hash.h"

namespace sipwarden::core {

IpAddress IpAddress::v4(const std::uint8_t (&bytes)[4]) { return v4_from(bytes); }

IpAddress IpAddress::v4(std::uint32_t host_order) {
    const std::uint8_t b[4] = {static_cast<std::uint8_t>(host_order >> 24), static_cast<std::uint8_t>(host_order >> 16),
                               static_cast<std::uint8_t>(host_order >> 8), static_cast<std::uint8_t>(host_order)};
    return v4_from(b);
}

IpAddress IpAddress::v6(const std::uint8_t (&bytes)[16]) { return v6_from(bytes); }

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() > 45) return std::nullopt;
    char buffer[46];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    std::uint8_t bytes[16];
    if (text.find(':') == std::string_view::npos) {
        if (inet_pton(AF_INET, buffer, bytes) == 1) return v4_from(bytes);
        return std::nullopt;
    }
    if (inet_pton(AF_INET6, buffer, bytes) == 1) return v6_from(bytes);
    return std::nullopt;
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    if (m_family == Family::v4) {
        // By hand: glibc's inet_ntop formats IPv4 through sprintf, about
        // 1,800 instructions, and the report names a source per new row.
        std::size_t n = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const unsigned v = m_bytes[i];
            if (v >= 100) buffer[n++] = static_cast<char>('0' + v / 100);
            if (v >= 10) buffer[n++] = static_cast<char>('0' + v / 10 % 10);
            buffer[n++] = static_cast<char>('0' + v % 10);
            if (i < 3) buffer[n++] = '.';
        }
        return std::string(buffer, n);
    }
    if (m_family == Family::v6) inet_ntop(AF_INET6, m_bytes.data(), buffer, sizeof buffer);
    return buffer;
}

bool IpAddress::is_loopback() const {
    if (m_family == Family::v4) return m_bytes[0] == 127;
    if (m_family == Family::v6) {
        static const std::array<std::uint8_t, 16> k_loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return m_bytes == k_loopback;
    }
    return false;
}

bool IpAddress::is_private() const {
    if (is_loopback()) return true;
    const auto& b = m_bytes;
    if (m_family == Family::v4) {
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
               (b[0] == 169 && b[1] == 254);
    }
    if (m_family == Family::v6) return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
    return false;
}

std::string Endpoint::to_string() const {
    if (address.is_v6()) return "[" + address.to_string() + "]:" + std::to_string(port);
    return address.to_string() + ":" + std::to_string(port);
}

Cidr::Cidr(IpAddress network, int prefix_length) : m_network(network), m_prefix(prefix_length) {
    const int bits = network.is_v4() ? 32 : 128;
    if (m_prefix < 0) m_prefix = 0;
    if (m_prefix > bits) m_prefix = bits;
    // Clear host bits so equal networks compare equal.
    auto bytes = network.bytes();
    for (int i = m_prefix; i < bits; ++i)
        bytes[static_cast<std::size_t>(i / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (i % 8)));
    m_network = network.is_v4() ? IpAddress::v4_from(bytes.data()) : IpAddress::v6_from(bytes.data());
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
    const auto slash = text.find('/');
    auto address = IpAddress::parse(text.substr(0, slash));
    if (!address) return std::nullopt;
    const int bits = address->is_v4() ? 32 : 128;
    int prefix = bits;
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3) return std::nullopt;
        prefix = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > bits) return std::nullopt;
    }
    return Cidr(*address, prefix);
}

bool Cidr::contains(const IpAddress& address) const {
    if (address.family() != m_network.family()) return false;
    const auto& a = address.bytes();
    const auto& n = m_network.bytes();
    const auto full = static_cast<std::size_t>(m_prefix / 8);
    if (std::memcmp(a.data(), n.data(), full) != 0) return false;
    const int rest = m_prefix % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xffu << (8 - rest));
    return (a[full] & mask) == (n[full] & mask);
}

std::string Cidr::to_string() const { return m_network.to_string() + "/" + std::to_string(m_prefix); }

std::size_t hash_of(const IpAddress& address, std::uint16_t port) noexcept {
    return hash_endpoint(address, port, hash_seed());
}

std::size_t hash_bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 1099511628211ull;
    return static_cast<std::size_t>(h);
}

}  // namespace sipwarden::core
