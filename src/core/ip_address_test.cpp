#include "core/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstdint>

namespace sipwarden::core {
namespace {

TEST(IpAddress, ParsesAndFormatsBothFamilies) {
    auto v4 = IpAddress::parse("192.0.2.10");
    ASSERT_TRUE(v4);
    EXPECT_TRUE(v4->is_v4());
    EXPECT_EQ(v4->to_string(), "192.0.2.10");
    auto v6 = IpAddress::parse("[2001:db8::1]");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->to_string(), "2001:db8::1");
    EXPECT_FALSE(IpAddress::parse("300.1.1.1"));
    EXPECT_FALSE(IpAddress::parse(""));
    EXPECT_FALSE(IpAddress::parse("example.com"));
}

// IPv4 text is formatted by hand; it must agree with inet_ntop.
TEST(IpAddress, Ipv4TextAgreesWithInetNtop) {
    std::uint32_t state = 12345;
    for (int i = 0; i < 200000; ++i) {
        state = state * 1664525u + 1013904223u;
        const std::uint32_t v = i < 256 ? static_cast<std::uint32_t>(i) * 0x01010101u : state;
        const auto a = IpAddress::v4(v);
        char expected[INET_ADDRSTRLEN] = {};
        ASSERT_NE(inet_ntop(AF_INET, a.bytes().data(), expected, sizeof expected), nullptr);
        ASSERT_EQ(a.to_string(), expected) << v;
    }
}

TEST(IpAddress, Classification) {
    EXPECT_TRUE(IpAddress::parse("10.1.2.3")->is_private());
    EXPECT_TRUE(IpAddress::parse("172.31.0.1")->is_private());
    EXPECT_FALSE(IpAddress::parse("172.32.0.1")->is_private());
    EXPECT_TRUE(IpAddress::parse("127.0.0.1")->is_loopback());
    EXPECT_TRUE(IpAddress::parse("::1")->is_loopback());
    EXPECT_TRUE(IpAddress::parse("fd00::5")->is_private());
    EXPECT_FALSE(IpAddress::parse("203.0.113.7")->is_private());
}

TEST(Cidr, ContainsRespectsPrefixAndFamily) {
    auto net = Cidr::parse("192.168.16.0/20");
    ASSERT_TRUE(net);
    EXPECT_TRUE(net->contains(*IpAddress::parse("192.168.31.255")));
    EXPECT_FALSE(net->contains(*IpAddress::parse("192.168.32.0")));
    EXPECT_FALSE(net->contains(*IpAddress::parse("::ffff:192.168.16.1")));
    EXPECT_EQ(Cidr::parse("10.9.8.7/8")->to_string(), "10.0.0.0/8");
    EXPECT_FALSE(Cidr::parse("10.0.0.0/33"));
    EXPECT_TRUE(Cidr::parse("0.0.0.0/0")->contains(*IpAddress::parse("8.8.8.8")));
}

TEST(Endpoint, FormatsIpv6WithBrackets) {
    Endpoint e{*IpAddress::parse("::1"), 5060};
    EXPECT_EQ(e.to_string(), "[::1]:5060");
}

}  // namespace
}  // namespace sipwarden::core
