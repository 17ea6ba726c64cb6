// Hashing of attacker-chosen keys (Call-IDs, branches, tags): a 64-bit hash
// seeded once per process, so collisions cannot be precomputed to degrade
// the trackers' tables into lists.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/ip_address.h"

namespace sipwarden::core {

// The per-process seed (random, chosen at first use).
std::uint64_t hash_seed();

constexpr std::uint64_t mix64(std::uint64_t x) {
    // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// Eight bytes at a time, then a strong finaliser; `seed` chains fields.
inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = seed ^ (text.size() * 0x9e3779b97f4a7c15ull);
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t v;
        std::memcpy(&v, text.data() + i, 8);
        h = (h ^ mix64(v)) * 0x9e3779b97f4a7c15ull;
    }
    std::uint64_t tail = 0;
    if (i < text.size()) std::memcpy(&tail, text.data() + i, text.size() - i);
    return mix64(h ^ mix64(tail ^ 0x5851f42d4c957f2dull));
}

inline std::uint64_t hash_text(std::string_view text) { return hash_text(text, hash_seed()); }

// For unordered containers of text from the network or from logs (AORs,
// user agents, Call-IDs, dialled numbers): std::hash is unseeded, so keys
// that share one bucket could be computed offline and each lookup made to
// walk them all. Transparent: look-ups take string views.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return hash_text(text); }
};

// An address and a port. Every field goes through the finaliser on its own
// or in bits no other field uses: XOR-ing the port into bits the address
// also fills makes whole families of endpoints share one hash (10.0.1.11
// port 0x4e20 and 10.0.0.11 port 0x4f20), which turned the media table's
// lookups into long probe runs and would let anyone announcing addresses
// in SDP chain them at will. An IPv4 endpoint (four bytes, port, family)
// fits one word and takes one round.
inline std::uint64_t hash_endpoint(const IpAddress& address, std::uint16_t port, std::uint64_t seed) {
    const auto& bytes = address.bytes();
    std::uint64_t a, b;
    std::memcpy(&a, bytes.data(), 8);
    std::memcpy(&b, bytes.data() + 8, 8);
    const std::uint64_t tail = std::uint64_t{port} | (static_cast<std::uint64_t>(address.family()) << 16);
    if (address.is_v4()) return mix64(seed ^ (a & 0xffffffffull) ^ (tail << 32));
    return mix64(mix64(mix64(seed ^ a) ^ b) ^ tail);
}

inline std::uint64_t hash_endpoint(const Endpoint& endpoint, std::uint64_t seed) {
    return hash_endpoint(endpoint.address, endpoint.port, seed);
}

}  // namespace sipwarden::core
