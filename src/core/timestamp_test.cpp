#include "core/timestamp.h"

#include <gtest/gtest.h>

namespace sipwarden::core {
namespace {

TEST(Timestamp, FormatsIso8601WithMicroseconds) {
    EXPECT_EQ(Timestamp::from_us(1491603877251547).to_iso8601(), "2017-04-07T22:24:37.251547+0000");
    EXPECT_EQ(Timestamp::from_seconds(0).to_iso8601(), "1970-01-01T00:00:00.000000+0000");
}

}  // namespace
}  // namespace sipwarden::core
