#include "core/hash.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <unordered_set>

namespace sipwarden::core {
namespace {

constexpr std::uint64_t k_seed = 0x243f6a8885a308d3ull;

// Endpoints laid out as a PBX farm announces media: a few subnets, hosts,
// and RTP ports four apart. XOR-ing the port into the address's bits gave
// such sets whole families of equal hashes.
TEST(HashEndpoint, DistinctForAGridOfMediaEndpoints) {
    std::unordered_set<std::uint64_t> hashes;
    std::unordered_set<std::uint64_t> buckets;  // the low 20 bits, as an index of 2^20 entries uses them
    std::size_t count = 0;
    for (std::uint32_t subnet = 0; subnet < 16; ++subnet) {
        for (std::uint32_t host = 0; host < 64; ++host) {
            const auto address = IpAddress::v4((10u << 24) | (subnet << 8) | host);
            for (std::uint32_t port = 20000; port < 20000 + 4 * 256; port += 4) {
                const std::uint64_t h = hash_endpoint(address, static_cast<std::uint16_t>(port), k_seed);
                hashes.insert(h);
                buckets.insert(h & 0xfffff);
                ++count;
            }
        }
    }
    EXPECT_EQ(hashes.size(), count);
    // 262,144 random keys fill about 221,000 of 2^20 buckets.
    EXPECT_GT(buckets.size(), 210'000u);
}

TEST(HashEndpoint, PortAndAddressBytesDoNotCancel) {
    const auto a = IpAddress::v4((10u << 24) | (1u << 8) | 11u);
    const auto b = IpAddress::v4((10u << 24) | (0u << 8) | 11u);
    EXPECT_NE(hash_endpoint(a, 0x4e20, k_seed), hash_endpoint(b, 0x4f20, k_seed));
    EXPECT_NE(hash_endpoint(a, 0x4e20, k_seed), hash_endpoint(b, 0x4e21, k_seed));
}

TEST(HashEndpoint, DistinctForIpv6Endpoints) {
    std::unordered_set<std::uint64_t> hashes;
    std::size_t count = 0;
    for (std::uint32_t net = 0; net < 64; ++net) {
        for (std::uint32_t host = 0; host < 64; ++host) {
            std::uint8_t bytes[16] = {0x20, 0x01, 0x0d, 0xb8};
            bytes[6] = static_cast<std::uint8_t>(net);
            bytes[7] = static_cast<std::uint8_t>(net >> 8);
            bytes[14] = static_cast<std::uint8_t>(host >> 8);
            bytes[15] = static_cast<std::uint8_t>(host);
            const auto address = IpAddress::v6(bytes);
            for (std::uint32_t port = 30000; port < 30000 + 4 * 64; port += 4) {
                hashes.insert(hash_endpoint(address, static_cast<std::uint16_t>(port), k_seed));
                ++count;
            }
        }
    }
    EXPECT_EQ(hashes.size(), count);
}

TEST(HashEndpoint, FamilyAndSeedCount) {
    const auto v4 = IpAddress::v4(0x0a000001u);
    std::uint8_t mapped[16] = {10, 0, 0, 1};
    const auto v6 = IpAddress::v6(mapped);
    EXPECT_NE(hash_endpoint(v4, 5060, k_seed), hash_endpoint(v6, 5060, k_seed));
    EXPECT_NE(hash_endpoint(v4, 5060, k_seed), hash_endpoint(v4, 5060, k_seed + 1));
}

// The standard containers keyed by addresses and text use the seeded
// hash, not an unseeded one whose bucket collisions could be computed
// offline (FNV-1a for addresses, libstdc++'s fixed-seed murmur for text).
TEST(HashEndpoint, StandardHashesOfAddressesAreSeeded) {
    const auto a = IpAddress::v4(0xc0000201u);
    EXPECT_EQ(std::hash<IpAddress>{}(a), hash_endpoint(a, 0, hash_seed()));
    EXPECT_EQ(std::hash<Endpoint>{}(Endpoint{a, 5060}), hash_endpoint(a, 5060, hash_seed()));
    EXPECT_NE(std::hash<IpAddress>{}(a), hash_bytes(a.bytes().data(), a.bytes().size()));
}

TEST(TextHash, IsTheSeededTextHash) {
    EXPECT_EQ(TextHash{}("sip:alice@example.com"), hash_text("sip:alice@example.com", hash_seed()));
    EXPECT_NE(TextHash{}("sip:alice@example.com"), std::hash<std::string_view>{}("sip:alice@example.com"));
}

}  // namespace
}  // namespace sipwarden::core
