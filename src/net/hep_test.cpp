#include "net/hep.h"

#include <gtest/gtest.h>

#include "net/packet_builder_test_support.h"

namespace sipwarden::net {
namespace {

using namespace testing;

TEST(Hep, ChunkShorterThanItsHeaderStopsTheLoop) {
    Buffer packet = bytes("HEP3");
    put16(packet, 12);
    append(packet, Buffer{0, 0, 0, 1, 0, 0});  // length 0 would never advance
    HepPacket out;
    std::vector<std::uint8_t> inflate;
    EXPECT_EQ(decode_hep(core::Bytes(packet.data(), packet.size()), out, inflate, 65535), HepStatus::bad_chunk);
}

TEST(Hep, WrongSizeForATypedChunkIsRejected) {
    Buffer packet = bytes("HEP3");
    put16(packet, 6 + 8);
    append(packet, Buffer{0, 0, 0, 3, 0, 8, 1, 2});  // IPv4 source with 2 bytes
    HepPacket out;
    std::vector<std::uint8_t> inflate;
    EXPECT_EQ(decode_hep(core::Bytes(packet.data(), packet.size()), out, inflate, 65535), HepStatus::bad_chunk_size);
}

TEST(Hep, UnknownFamilyHasNoAddresses) {
    Buffer packet = bytes("HEP3");
    put16(packet, 6 + 7 + 10);
    append(packet, Buffer{0, 0, 0, 1, 0, 7, 99});
    append(packet, Buffer{0, 0, 0, 15, 0, 10, 'a', 'b', 'c', 'd'});
    HepPacket out;
    std::vector<std::uint8_t> inflate;
    EXPECT_EQ(decode_hep(core::Bytes(packet.data(), packet.size()), out, inflate, 65535), HepStatus::missing_addresses);
}

TEST(Hep, Version2NeedsTheWholeHeader) {
    const Buffer short_packet{2, 16, 2, 17, 0x13, 0xc4, 0x13, 0xc4, 1, 2, 3};
    HepPacket out;
    std::vector<std::uint8_t> inflate;
    EXPECT_EQ(decode_hep(core::Bytes(short_packet.data(), short_packet.size()), out, inflate, 65535),
              HepStatus::bad_length);
}

}  // namespace
}  // namespace sipwarden::net
