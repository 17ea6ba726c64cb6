// Address-set algebra and CIDR rendering.
#include "audit/address_set.h"

#include <gtest/gtest.h>

namespace sipwarden::audit {
namespace {

AddressSet set(std::initializer_list<const char*> cidrs) {
    std::vector<core::Cidr> list;
    for (const auto* c : cidrs) list.push_back(*core::Cidr::parse(c));
    return AddressSet::of(list);
}
core::IpAddress ip(const char* text) { return *core::IpAddress::parse(text); }

TEST(AddressSet, UnionIntersectionDifference) {
    const auto a = set({"10.0.0.0/8"});
    const auto b = set({"10.1.0.0/16", "192.0.2.0/24"});
    EXPECT_EQ(a.united(b).to_string(), "10.0.0.0/8, 192.0.2.0/24");
    EXPECT_EQ(a.intersected(b).to_string(), "10.1.0.0/16");
    const auto d = a.minus(b);
    EXPECT_TRUE(d.contains(ip("10.0.0.1")));
    EXPECT_FALSE(d.contains(ip("10.1.2.3")));
    EXPECT_TRUE(AddressSet::all_v4().minus(AddressSet::all_v4()).empty());
}

TEST(AddressSet, WidestPrefixAndNames) {
    EXPECT_EQ(set({"198.51.100.0/28"}).widest_prefix_v4(), 28);
    EXPECT_EQ(AddressSet::all_v4().widest_prefix_v4(), 0);
    EXPECT_EQ(AddressSet{}.widest_prefix_v4(), -1);
    EXPECT_EQ(AddressSet::all().to_string(), "any address");
    EXPECT_EQ(set({"203.0.113.7/32"}).to_string(), "203.0.113.7");
    EXPECT_EQ(AddressSet::range(ip("192.0.2.0"), ip("192.0.2.255")).to_string(), "192.0.2.0/24");
}

TEST(AddressSet, Ipv6) {
    const auto v6 = set({"2001:db8::/32"});
    EXPECT_TRUE(v6.contains(ip("2001:db8::1")));
    EXPECT_FALSE(v6.contains(ip("192.0.2.1")));
    EXPECT_EQ(v6.widest_prefix_v6(), 32);
    EXPECT_EQ(AddressSet::all_v6().minus(v6).intersected(v6).empty(), true);
    EXPECT_TRUE(AddressSet::loopback().contains(ip("::1")));
}

}  // namespace
}  // namespace sipwarden::audit
