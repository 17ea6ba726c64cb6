// RFC 3551 §6 static payload types.
#include "rtp/payload_types.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace sipwarden::rtp {
namespace {

TEST(StaticPayloadTypes, ClockRatesOfRfc3551) {
    EXPECT_EQ(static_clock_rate(0), 8000u);    // PCMU
    EXPECT_EQ(static_clock_rate(3), 8000u);    // GSM
    EXPECT_EQ(static_clock_rate(6), 16000u);   // DVI4/16000
    EXPECT_EQ(static_clock_rate(8), 8000u);    // PCMA
    EXPECT_EQ(static_clock_rate(9), 8000u);    // G722: 8000 by an error kept for compatibility (§4.5.2)
    EXPECT_EQ(static_clock_rate(10), 44100u);  // L16 stereo
    EXPECT_EQ(static_clock_rate(13), 8000u);   // CN
    EXPECT_EQ(static_clock_rate(14), 90000u);  // MPA
    EXPECT_EQ(static_clock_rate(16), 11025u);
    EXPECT_EQ(static_clock_rate(17), 22050u);
    EXPECT_EQ(static_clock_rate(18), 8000u);   // G729
    EXPECT_EQ(static_clock_rate(26), 90000u);  // JPEG
    EXPECT_EQ(static_clock_rate(34), 90000u);  // H263
}

TEST(StaticPayloadTypes, ReservedUnassignedAndDynamicHaveNoRate) {
    for (std::uint8_t pt :
         std::initializer_list<std::uint8_t>{1, 2, 19, 20, 24, 27, 29, 30, 35, 72, 95, 96, 101, 127, 128, 255}) {
        EXPECT_EQ(static_clock_rate(pt), 0u) << int{pt};
        EXPECT_TRUE(static_encoding_name(pt).empty()) << int{pt};
    }
}

TEST(StaticPayloadTypes, EncodingNames) {
    EXPECT_EQ(static_encoding_name(0), "PCMU");
    EXPECT_EQ(static_encoding_name(8), "PCMA");
    EXPECT_EQ(static_encoding_name(9), "G722");
    EXPECT_EQ(static_encoding_name(13), "CN");
    EXPECT_EQ(static_encoding_name(18), "G729");
    EXPECT_EQ(static_encoding_name(31), "H261");
}

TEST(StaticPayloadTypes, ComfortNoise) {
    EXPECT_TRUE(is_comfort_noise(13));
    EXPECT_TRUE(is_comfort_noise(19));
    EXPECT_FALSE(is_comfort_noise(0));
    EXPECT_FALSE(is_comfort_noise(101));
}

}  // namespace
}  // namespace sipwarden::rtp
