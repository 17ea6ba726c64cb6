#include "core/byte_reader.h"

#include <gtest/gtest.h>

#include <array>

namespace sipwarden::core {
namespace {

TEST(ByteReader, ReadsBigAndLittleEndian) {
    const std::array<std::uint8_t, 7> data{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde};
    ByteReader r(data);
    std::uint16_t a = 0;
    std::uint32_t b = 0;
    ASSERT_TRUE(r.be16(a));
    EXPECT_EQ(a, 0x1234);
    ASSERT_TRUE(r.le32(b));
    EXPECT_EQ(b, 0xbc9a7856u);
    EXPECT_EQ(r.remaining(), 1u);
}

TEST(ByteReader, FailsWithoutReadingPastTheEnd) {
    const std::array<std::uint8_t, 3> data{1, 2, 3};
    ByteReader r(data);
    std::uint32_t v = 0;
    EXPECT_FALSE(r.be32(v));
    EXPECT_TRUE(r.failed());
    std::uint8_t b = 0;
    EXPECT_FALSE(r.u8(b)) << "a failed reader stays failed";
    EXPECT_EQ(r.offset(), 0u);
}

TEST(ByteReader, SkipAndSubSpan) {
    const std::array<std::uint8_t, 5> data{1, 2, 3, 4, 5};
    ByteReader r(data);
    ASSERT_TRUE(r.skip(1));
    Bytes part;
    ASSERT_TRUE(r.bytes(3, part));
    EXPECT_EQ(part.size(), 3u);
    EXPECT_EQ(part[0], 2);
    EXPECT_FALSE(r.skip(2));
}

}  // namespace
}  // namespace sipwarden::core
