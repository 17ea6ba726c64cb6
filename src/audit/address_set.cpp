// Interval arithmetic over IPv4 (32-bit) and IPv6 (128-bit) address spaces.
#include "audit/address_set.h"

#include <algorithm>
#include <limits>

namespace sipwarden::audit {

namespace {

constexpr U128 k_u128_max{std::numeric_limits<std::uint64_t>::max(), std::numeric_limits<std::uint64_t>::max()};

U128 next(U128 v) {
    if (++v.lo == 0) ++v.hi;
    return v;
}
U128 prev(U128 v) {
    if (v.lo-- == 0) --v.hi;
    return v;
}
std::uint32_t next(std::uint32_t v) { return v + 1; }
std::uint32_t prev(std::uint32_t v) { return v - 1; }

template <typename T>
constexpr T max_of();
template <>
constexpr std::uint32_t max_of<std::uint32_t>() {
    return std::numeric_limits<std::uint32_t>::max();
}
template <>
constexpr U128 max_of<U128>() {
    return k_u128_max;
}

template <typename T>
using Intervals = std::vector<Interval<T>>;

template <typename T>
Intervals<T> normalise(Intervals<T> v) {
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Intervals<T> out;
    for (const auto& i : v) {
        if (!out.empty() && (out.back().last == max_of<T>() || i.first <= next(out.back().last))) {
            if (i.last > out.back().last) out.back().last = i.last;
        } else {
            out.push_back(i);
        }
    }
    return out;
}

template <typename T>
Intervals<T> intersect(const Intervals<T>& a, const Intervals<T>& b) {
    Intervals<T> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const T lo = std::max(a[i].first, b[j].first);
        const T hi = std::min(a[i].last, b[j].last);
        if (lo <= hi) out.push_back({lo, hi});
        if (a[i].last < b[j].last) {
            ++i;
        } else {
            ++j;
        }
    }
    return out;
}

template <typename T>
Intervals<T> subtract(const Intervals<T>& a, const Intervals<T>& b) {
    Intervals<T> out;
    std::size_t j = 0;
    for (auto cur : a) {
        bool alive = true;
        while (j < b.size() && b[j].last < cur.first) ++j;
        for (std::size_t k = j; k < b.size() && b[k].first <= cur.last; ++k) {
            if (b[k].first > cur.first) out.push_back({cur.first, prev(b[k].first)});
            if (b[k].last >= cur.last) {
                alive = false;
                break;
            }
            cur.first = next(b[k].last);
        }
        if (alive) out.push_back(cur);
    }
    return out;
}

std::uint32_t v4_value(const core::IpAddress& a) {
    const auto& b = a.bytes();
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

U128 v6_value(const core::IpAddress& a) {
    U128 v;
    for (int i = 0; i < 8; ++i) v.hi = (v.hi << 8) | a.bytes()[static_cast<std::size_t>(i)];
    for (int i = 8; i < 16; ++i) v.lo = (v.lo << 8) | a.bytes()[static_cast<std::size_t>(i)];
    return v;
}

core::IpAddress v6_address(U128 v) {
    std::uint8_t bytes[16];
    for (int i = 15; i >= 8; --i, v.lo >>= 8) bytes[i] = static_cast<std::uint8_t>(v.lo & 0xff);
    for (int i = 7; i >= 0; --i, v.hi >>= 8) bytes[i] = static_cast<std::uint8_t>(v.hi & 0xff);
    return core::IpAddress::v6(bytes);
}

// Bits that are zero at the low end of v (alignment), capped at `width`.
int trailing_zeros(std::uint32_t v) { return v == 0 ? 32 : __builtin_ctz(v); }
int trailing_zeros(U128 v) {
    if (v.lo != 0) return __builtin_ctzll(v.lo);
    if (v.hi != 0) return 64 + __builtin_ctzll(v.hi);
    return 128;
}
// Number of host bits h such that [first, first + 2^h - 1] fits within [first, last].
int fitting_bits(std::uint32_t first, std::uint32_t last) {
    const std::uint64_t span = std::uint64_t{last} - first + 1;
    int bits = std::min(trailing_zeros(first), 32);
    while (bits > 0 && (std::uint64_t{1} << bits) > span) --bits;
    return bits;
}
int fitting_bits(U128 first, U128 last) {
    int bits = std::min(trailing_zeros(first), 128);
    while (bits > 0) {
        // end = first + 2^bits - 1 must be <= last
        U128 size_minus_one = bits >= 128  ? k_u128_max
                              : bits >= 64 ? U128{(std::uint64_t{1} << (bits - 64)) - 1, ~std::uint64_t{0}}
                                           : U128{0, (std::uint64_t{1} << bits) - 1};
        U128 end{first.hi + size_minus_one.hi, first.lo + size_minus_one.lo};
        if (end.lo < first.lo) ++end.hi;
        if (end <= last && end >= first) break;
        --bits;
    }
    return bits;
}
U128 add_block(U128 first, int bits) {
    if (bits >= 128) return first;
    U128 size = bits >= 64 ? U128{std::uint64_t{1} << (bits - 64), 0} : U128{0, std::uint64_t{1} << bits};
    U128 out{first.hi + size.hi, first.lo + size.lo};
    if (out.lo < first.lo) ++out.hi;
    return out;
}

template <typename T, typename Emit>
void blocks(const Intervals<T>& intervals, int width, Emit emit) {
    for (const auto& i : intervals) {
        T cur = i.first;
        while (true) {
            const int bits = fitting_bits(cur, i.last);
            if (!emit(cur, width - bits)) return;
            if (bits >= width) break;
            T end_next;
            if constexpr (std::is_same_v<T, std::uint32_t>) {
                const std::uint64_t n = std::uint64_t{cur} + (std::uint64_t{1} << bits);
                if (n > i.last) break;
                end_next = static_cast<std::uint32_t>(n);
            } else {
                end_next = add_block(cur, bits);
                if (end_next > i.last || end_next <= cur) break;
            }
            cur = end_next;
        }
    }
}

}  // namespace

AddressSet AddressSet::all_v4() {
    AddressSet s;
    s.m_v4.push_back({0, max_of<std::uint32_t>()});
    return s;
}
AddressSet AddressSet::all_v6() {
    AddressSet s;
    s.m_v6.push_back({U128{}, k_u128_max});
    return s;
}
AddressSet AddressSet::all() { return all_v4().united(all_v6()); }

AddressSet AddressSet::of(const core::Cidr& cidr) {
    AddressSet s;
    const auto& net = cidr.network();
    const int prefix = cidr.prefix_length();
    if (net.is_v4()) {
        const std::uint32_t first = v4_value(net);
        const std::uint32_t host = prefix >= 32 ? 0 : (prefix == 0 ? ~0u : (~0u >> prefix));
        s.m_v4.push_back({first, first | host});
    } else if (net.is_v6()) {
        const U128 first = v6_value(net);
        U128 host{};
        if (prefix < 64) {
            host.hi = prefix == 0 ? ~0ull : (~0ull >> prefix);
            host.lo = ~0ull;
        } else if (prefix < 128) {
            host.lo = prefix == 64 ? ~0ull : (~0ull >> (prefix - 64));
        }
        s.m_v6.push_back({first, U128{first.hi | host.hi, first.lo | host.lo}});
    }
    return s;
}

AddressSet AddressSet::of(const std::vector<core::Cidr>& cidrs) {
    AddressSet s;
    for (const auto& c : cidrs) {
        const auto one = of(c);
        s.m_v4.insert(s.m_v4.end(), one.m_v4.begin(), one.m_v4.end());
        s.m_v6.insert(s.m_v6.end(), one.m_v6.begin(), one.m_v6.end());
    }
    s.m_v4 = normalise(std::move(s.m_v4));
    s.m_v6 = normalise(std::move(s.m_v6));
    return s;
}

AddressSet AddressSet::range(const core::IpAddress& first, const core::IpAddress& last) {
    AddressSet s;
    if (first.is_v4() && last.is_v4() && v4_value(first) <= v4_value(last))
        s.m_v4.push_back({v4_value(first), v4_value(last)});
    if (first.is_v6() && last.is_v6() && v6_value(first) <= v6_value(last))
        s.m_v6.push_back({v6_value(first), v6_value(last)});
    return s;
}

AddressSet AddressSet::loopback() { return of({*core::Cidr::parse("127.0.0.0/8"), *core::Cidr::parse("::1/128")}); }

AddressSet AddressSet::private_ranges() {
    std::vector<core::Cidr> list;
    for (const char* text :
         {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fc00::/7", "fe80::/10"}) {
        list.push_back(*core::Cidr::parse(text));
    }
    return of(list);
}

bool AddressSet::contains(const core::IpAddress& address) const {
    if (address.is_v4()) {
        const auto v = v4_value(address);
        return std::any_of(m_v4.begin(), m_v4.end(), [&](const auto& i) { return i.first <= v && v <= i.last; });
    }
    if (address.is_v6()) {
        const auto v = v6_value(address);
        return std::any_of(m_v6.begin(), m_v6.end(), [&](const auto& i) { return i.first <= v && v <= i.last; });
    }
    return false;
}

AddressSet AddressSet::united(const AddressSet& other) const {
    AddressSet s = *this;
    s.m_v4.insert(s.m_v4.end(), other.m_v4.begin(), other.m_v4.end());
    s.m_v6.insert(s.m_v6.end(), other.m_v6.begin(), other.m_v6.end());
    s.m_v4 = normalise(std::move(s.m_v4));
    s.m_v6 = normalise(std::move(s.m_v6));
    return s;
}

AddressSet AddressSet::intersected(const AddressSet& other) const {
    AddressSet s;
    s.m_v4 = intersect(m_v4, other.m_v4);
    s.m_v6 = intersect(m_v6, other.m_v6);
    return s;
}

AddressSet AddressSet::minus(const AddressSet& other) const {
    AddressSet s;
    s.m_v4 = subtract(m_v4, other.m_v4);
    s.m_v6 = subtract(m_v6, other.m_v6);
    return s;
}

int AddressSet::widest_prefix_v4() const {
    int widest = -1;
    blocks(m_v4, 32, [&](std::uint32_t, int prefix) {
        if (widest < 0 || prefix < widest) widest = prefix;
        return true;
    });
    return widest;
}

int AddressSet::widest_prefix_v6() const {
    int widest = -1;
    blocks(m_v6, 128, [&](U128, int prefix) {
        if (widest < 0 || prefix < widest) widest = prefix;
        return true;
    });
    return widest;
}

std::vector<core::Cidr> AddressSet::to_cidrs(std::size_t max_blocks) const {
    std::vector<core::Cidr> out;
    blocks(m_v4, 32, [&](std::uint32_t first, int prefix) {
        out.emplace_back(core::IpAddress::v4(first), prefix);
        return out.size() < max_blocks;
    });
    blocks(m_v6, 128, [&](U128 first, int prefix) {
        if (out.size() >= max_blocks) return false;
        out.emplace_back(v6_address(first), prefix);
        return out.size() < max_blocks;
    });
    return out;
}

std::string AddressSet::to_string(std::size_t max_blocks) const {
    if (empty()) return "no address";
    if (*this == all()) return "any address";
    if (*this == all_v4()) return "any IPv4 address";
    const auto cidrs = to_cidrs(max_blocks + 1);
    std::string out;
    for (std::size_t i = 0; i < cidrs.size() && i < max_blocks; ++i) {
        if (!out.empty()) out += ", ";
        const auto& c = cidrs[i];
        const bool host =
            (c.network().is_v4() && c.prefix_length() == 32) || (c.network().is_v6() && c.prefix_length() == 128);
        out += host ? c.network().to_string() : c.to_string();
    }
    if (cidrs.size() > max_blocks) out += ", ...";
    return out;
}

bool operator==(const AddressSet& a, const AddressSet& b) {
    const auto same4 = a.m_v4.size() == b.m_v4.size() &&
                       std::equal(a.m_v4.begin(), a.m_v4.end(), b.m_v4.begin(),
                                  [](const auto& x, const auto& y) { return x.first == y.first && x.last == y.last; });
    const auto same6 = a.m_v6.size() == b.m_v6.size() &&
                       std::equal(a.m_v6.begin(), a.m_v6.end(), b.m_v6.begin(),
                                  [](const auto& x, const auto& y) { return x.first == y.first && x.last == y.last; });
    return same4 && same6;
}

}  // namespace sipwarden::audit
