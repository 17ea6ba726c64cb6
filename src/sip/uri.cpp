// URI parsing, host classification and %-escape decoding.
#include "sip/uri.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "sip/byte_maps.h"
#include "sip/host_kind.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
UriScheme scheme_of(std::string_view s) {
    if (s.size() == 3) {
        const char a = scan::lower(s[0]), b = scan::lower(s[1]), c = scan::lower(s[2]);
        if (a == 's' && b == 'i' && c == 'p') return UriScheme::sip;
        if (a == 't' && b == 'e' && c == 'l') return UriScheme::tel;
    } else if (s.size() == 4 && scan::iequals(s, "sips")) {
        return UriScheme::sips;
    }
    return UriScheme::other;
}

int hex_value(char c) {
    if (scan::is_digit(c)) return c - '0';
    return scan::lower(c) - 'a' + 10;
}

// What one pass over the text after "scheme:" finds: no byte that never
// occurs in a URI (white space, control bytes, < and >), the first '@', and
// whether there is a '%'.
struct UriBytes {
    std::size_t at = scan::npos;
    bool percent = false;
};

bool check_uri_bytes(std::string_view rest, UriBytes& out) {
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time; the last block overlaps the previous one so
    // it ends at the end of `rest`.
    const auto scan_block = [&](std::string_view bytes, std::size_t at, unsigned skip) {
        const __m128i x = scan::load16(bytes, at);
        const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x20)), x);
        const __m128i odd = _mm_or_si128(_mm_or_si128(scan::eq(x, 0x7f), scan::eq(x, '<')), scan::eq(x, '>'));
        if ((scan::mask_of(_mm_or_si128(low, odd)) >> skip) != 0) return false;
        const unsigned at_sign = scan::mask_of(scan::eq(x, '@')) >> skip;
        if (at_sign != 0 && out.at == scan::npos)
            out.at = at + skip + static_cast<std::size_t>(std::countr_zero(at_sign));
        out.percent = out.percent || (scan::mask_of(scan::eq(x, '%')) >> skip) != 0;
        return true;
    };
    if (rest.size() >= 16) {
        for (; i + 16 <= rest.size(); i += 16) {
            if (!scan_block(rest, i, 0)) return false;
        }
        return i == rest.size() || scan_block(rest, rest.size() - 16, static_cast<unsigned>(i - (rest.size() - 16)));
    }
    if (rest.size() >= 8) {
        // Copied into sixteen bytes padded with a byte of no interest ('a')
        // and scanned as one block: the byte loop below mispredicts its exit.
        char padded[16];
        std::memset(padded, 'a', sizeof padded);
        std::memcpy(padded, rest.data(), 8);
        std::memcpy(padded + rest.size() - 8, rest.data() + rest.size() - 8, 8);
        return scan_block(std::string_view(padded, sizeof padded), 0, 0);
    }
#endif
    for (; i < rest.size(); ++i) {
        const std::uint32_t c = scan::classes(rest[i]);
        if ((c & (scan::cls::not_uri | scan::cls::uri_mark)) == 0) continue;
        if ((c & scan::cls::not_uri) != 0) return false;
        if (rest[i] == '%') {
            out.percent = true;
        } else if (out.at == scan::npos) {
            out.at = i;
        }
    }
    return true;
}

// The host at the start of `hp` (ending at ':', ';', '?' or the end, or a
// bracketed IPv6 reference); the offset after it, or npos when it is not a
// valid host.
std::size_t take_host(std::string_view hp, Uri& uri) {
    std::size_t i = 0;
    if (!hp.empty() && hp.front() == '[') {
        while (i < hp.size() && hp[i] != ']' && hp[i] != ';' && hp[i] != '?') ++i;
        if (i == hp.size() || hp[i] != ']') return scan::npos;
        uri.host = hp.substr(0, ++i);
        uri.host_kind = classify_host(uri.host);
    } else if (i = dotted_quad_end(hp, 0);
               i != scan::npos && (i == hp.size() || scan::in(hp[i], scan::cls::host_end))) {
        // The usual IPv4 host, checked in the same pass that finds its end.
        uri.host = hp.substr(0, i);
        uri.host_kind = HostKind::ipv4;
    } else {
        std::uint32_t seen = 0;
        for (i = 0; i < hp.size(); ++i) {
            const std::uint32_t c = scan::classes(hp[i]);
            if ((c & scan::cls::host_end) != 0) break;
            seen |= c;
        }
        uri.host = hp.substr(0, i);
        uri.host_kind = unbracketed_host_kind(uri.host, seen);
    }
    return uri.host_kind == HostKind::none ? scan::npos : i;
}

// host [":" port] then nothing, ";" params or "?" headers (params may hold
// ':', '@' and the like; headers start at the first '?').
bool take_hostport(std::string_view hp, Uri& uri) {
    std::size_t i = take_host(hp, uri);
    if (i == scan::npos) return false;
    if (i < hp.size() && hp[i] == ':') {
        const std::size_t begin = ++i;
        std::uint32_t port = 0;
        for (; i < hp.size() && scan::is_digit(hp[i]); ++i) {
            port = port * 10 + static_cast<std::uint32_t>(hp[i] - '0');
            if (port > 65535) return false;
        }
        if (i == begin) return false;
        uri.port = static_cast<std::uint16_t>(port);
    }
    if (i == hp.size()) return true;
    if (hp[i] == '?') {
        uri.headers = hp.substr(i + 1);
        return true;
    }
    if (hp[i] != ';') return false;
    const std::size_t q = hp.find('?', i + 1);
    uri.params = hp.substr(i + 1, q == scan::npos ? scan::npos : q - i - 1);
    if (q != scan::npos) uri.headers = hp.substr(q + 1);
    return true;
}

bool parse_sip_rest(std::string_view rest, const UriBytes& bytes, Uri& uri) {
    // The user part may itself contain '?', ';' and ':' (RFC 4475 intmeth,
    // semiuri): the first '@' ends it.
    std::string_view hostpart = rest;
    if (bytes.at != scan::npos) {
        const std::string_view userinfo = rest.substr(0, bytes.at);
        const std::size_t colon = userinfo.find(':');
        uri.user = userinfo.substr(0, colon);
        if (colon != scan::npos) uri.password = userinfo.substr(colon + 1);
        hostpart = rest.substr(bytes.at + 1);
    }
    return take_hostport(hostpart, uri);
}

// A dotted quad in rest[begin, end), which holds only digits and the dots
// given as bits: four groups of one to three digits, each at most 255.
bool is_mapped_ipv4(std::string_view rest, std::size_t begin, std::size_t end, std::uint64_t dots) {
    // Exactly three bits, without std::popcount: that is a libgcc call
    // on processors without POPCNT, the baseline this is built for.
    const std::uint64_t two = dots & (dots - 1), one = two & (two - 1);
    if (dots == 0 || two == 0 || one == 0 || (one & (one - 1)) != 0) return false;
    std::size_t start = begin;
    for (int group = 0; group < 4; ++group, dots &= dots - 1) {
        const std::size_t stop = group < 3 ? static_cast<std::size_t>(std::countr_zero(dots)) : end;
        const std::size_t digits = stop - start;
        if (digits == 0 || digits > 3) return false;
        // Three digits: compare with "255" as text.
        if (digits == 3 && rest.substr(start, 3) > "255") return false;
        start = stop + 1;
    }
    return true;
}

// The host of a sip/sips URI at rest[begin, end) from the bitmaps.
bool take_mapped_host(std::string_view rest, std::size_t begin, std::size_t end, const scan::UriMaps& m, Uri& uri) {
    const std::uint64_t bits = scan::bit_range(begin, end);
    if (end == begin || (bits & ~m.host) != 0) return false;
    if ((bits & m.name) == 0) {
        if (!is_mapped_ipv4(rest, begin, end, m.dot & bits)) return false;
        uri.host_kind = HostKind::ipv4;
    } else {
        if (rest[begin] == '.' || rest[begin] == '-') return false;
        uri.host_kind = HostKind::name;
    }
    uri.host = rest.substr(begin, end - begin);
    return true;
}

// parse_sip_rest for 16 to 64 bytes, from their bitmaps: no loop over bytes
// but the port digits.
bool parse_mapped_sip_rest(std::string_view rest, const scan::UriMaps& m, Uri& uri) {
    const std::size_t n = rest.size();
    std::size_t host = 0;
    if (m.at != 0) {
        const auto at = static_cast<std::size_t>(std::countr_zero(m.at));
        const std::size_t colon = scan::first_bit(m.colon & scan::bit_range(0, at), 0, at);
        uri.user = rest.substr(0, colon);
        if (colon < at) uri.password = rest.substr(colon + 1, at - colon - 1);
        host = at + 1;
    }
    if (host < n && rest[host] == '[') return take_hostport(rest.substr(host), uri);
    std::size_t i = scan::first_bit(m.colon | m.semicolon | m.question, host, n);
    if (!take_mapped_host(rest, host, i, m, uri)) return false;
    if (i < n && rest[i] == ':') {
        const std::size_t end = scan::first_bit(m.semicolon | m.question, i + 1, n);
        if (end == i + 1 || (scan::bit_range(i + 1, end) & ~m.digit) != 0) return false;
        std::uint32_t port = 0;
        for (++i; i < end && port <= 65535; ++i) port = port * 10 + static_cast<std::uint32_t>(rest[i] - '0');
        if (port > 65535) return false;
        uri.port = static_cast<std::uint16_t>(port);
        i = end;
    }
    if (i < n && rest[i] == '?') {
        uri.headers = rest.substr(i + 1);
    } else if (i < n) {
        const std::size_t q = scan::first_bit(m.question, i + 1, n);
        uri.params = rest.substr(i + 1, q - i - 1);
        if (q < n) uri.headers = rest.substr(q + 1);
    }
    return true;
}

bool parse_tel_rest(std::string_view rest, const UriBytes& bytes, Uri& uri) {
    const std::size_t semi = rest.find(';');
    uri.user = rest.substr(0, semi);
    if (semi != scan::npos) uri.params = rest.substr(semi + 1);
    uri.bad_escape = bytes.percent && (!escapes_valid(uri.user) || !escapes_valid(uri.params));
    return !uri.user.empty();
}

bool parse_ipv4_part(std::string_view& s, int& groups) {
    // dotted quad at the end of an IPv6 address counts as two groups
    if (!is_ipv4_address(s)) return false;
    groups += 2;
    s = {};
    return true;
}
}  // namespace

HostKind unbracketed_host_kind(std::string_view host, std::uint32_t seen) {
    if (host.empty() || (seen & scan::cls::host_bad) != 0) return HostKind::none;
    if ((seen & scan::cls::host_name) == 0) return is_ipv4_address(host) ? HostKind::ipv4 : HostKind::none;
    return host.front() != '.' && host.front() != '-' ? HostKind::name : HostKind::none;
}

std::string_view Uri::host_address() const {
    if (host_kind == HostKind::ipv6 && host.size() >= 2) return host.substr(1, host.size() - 2);
    return host;
}

bool parse_uri(std::string_view text, Uri& uri) {
    // Field by field: assigning Uri{} costs a rep stos.
    uri.scheme = UriScheme::other;
    uri.scheme_text = {};
    uri.user = {};
    uri.password = {};
    uri.host = {};
    uri.params = {};
    uri.headers = {};
    uri.opaque = {};
    uri.host_kind = HostKind::none;
    uri.port.reset();
    uri.bad_escape = false;
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'; "sip:"
    // by word (the span's loop mispredicts its exit).
    const std::size_t colon = text.size() > 4 && text[3] == ':' && scan::iequals_letters(text.substr(0, 3), "sip")
                                  ? 3
                                  : scan::span_of(text, scan::cls::scheme);
    if (colon == 0 || colon == text.size() || text[colon] != ':' || !scan::is_alpha(text.front())) return false;
    UriBytes bytes;
    const std::string_view rest = text.substr(colon + 1);
    scan::UriMaps maps;
    const bool mapped = scan::map_uri_bytes(rest, maps);
    if (mapped) {
        if (maps.bad != 0) return false;
        bytes.at = scan::first_bit(maps.at, 0, scan::npos);
        bytes.percent = maps.percent != 0;
    } else if (!check_uri_bytes(rest, bytes)) {
        return false;
    }
    uri.scheme_text = text.substr(0, colon);
    uri.scheme = scheme_of(uri.scheme_text);
    switch (uri.scheme) {
        case UriScheme::sip:
        case UriScheme::sips:
            if (!(mapped ? parse_mapped_sip_rest(rest, maps, uri) : parse_sip_rest(rest, bytes, uri))) return false;
            // One scan for '%' settles the usual case of no escape at all.
            uri.bad_escape = bytes.percent && (!escapes_valid(uri.user) || !escapes_valid(uri.password) ||
                                               !escapes_valid(uri.params) || !escapes_valid(uri.headers));
            return true;
        case UriScheme::tel: return parse_tel_rest(rest, bytes, uri);
        case UriScheme::other: uri.opaque = rest; return !rest.empty();
    }
    return false;
}

std::optional<Uri> parse_uri(std::string_view text) {
    Uri uri;
    if (!parse_uri(text, uri)) return std::nullopt;
    return uri;
}

std::size_t dotted_quad_end(std::string_view s, std::size_t begin) {
    // Pointers and an unsigned digit test: this runs for every URI and Via host.
    const char* const first = s.data();
    const char* const end = first + s.size();
    const char* p = first + begin;
    auto digit = [&](const char* at) { return at < end && static_cast<unsigned char>(*at - '0') < 10; };
    for (int group = 0;; ++group) {
        if (!digit(p)) return scan::npos;
        unsigned value = static_cast<unsigned>(*p++ - '0');
        if (digit(p)) {
            value = value * 10 + static_cast<unsigned>(*p++ - '0');
            if (digit(p)) {
                value = value * 10 + static_cast<unsigned>(*p++ - '0');
                if (digit(p) || value > 255) return scan::npos;  // four digits, or above 255
            }
        }
        if (group == 3) return static_cast<std::size_t>(p - first);
        if (p == end || *p != '.') return scan::npos;
        ++p;
    }
}

bool is_ipv4_address(std::string_view text) {
    // Four groups of one to three digits, each at most 255, joined by dots.
    return text.size() >= 7 && text.size() <= 15 && dotted_quad_end(text, 0) == text.size();
}

bool is_ipv6_address(std::string_view text) {
    if (text.size() < 2 || text.size() > 45) return false;
    int groups = 0;
    bool compressed = false;
    if (text.substr(0, 2) == "::") {
        compressed = true;
        text = text.substr(2);
    } else if (text.front() == ':') {
        return false;
    }
    while (!text.empty()) {
        const std::size_t colon = text.find(':');
        const std::string_view group = text.substr(0, colon);
        if (colon == scan::npos && group.find('.') != scan::npos)
            return parse_ipv4_part(text, groups) && groups <= 8 && (compressed ? groups < 8 : groups == 8);
        if (group.empty() || group.size() > 4) return false;
        for (char c : group) {
            if (!scan::is_hex(c)) return false;
        }
        ++groups;
        if (colon == scan::npos) break;
        text = text.substr(colon + 1);
        if (!text.empty() && text.front() == ':') {
            if (compressed) return false;
            compressed = true;
            text = text.substr(1);
        } else if (text.empty()) {
            return false;  // trailing single ':'
        }
    }
    return compressed ? groups < 8 : groups == 8;
}

HostKind classify_host(std::string_view host) {
    if (host.empty()) return HostKind::none;
    if (host.front() == '[') {
        if (host.size() < 4 || host.back() != ']') return HostKind::none;
        return is_ipv6_address(host.substr(1, host.size() - 2)) ? HostKind::ipv6 : HostKind::none;
    }
    std::uint32_t seen = 0;
    for (char c : host) seen |= scan::classes(c);
    return unbracketed_host_kind(host, seen);
}

bool escapes_valid(std::string_view text) {
    for (std::size_t p = text.find('%'); p != scan::npos; p = text.find('%', p + 1)) {
        const std::string_view esc = text.substr(p + 1, 2);
        if (esc.size() != 2 || !scan::is_hex(esc[0]) || !scan::is_hex(esc[1])) return false;
    }
    return true;
}

std::optional<std::size_t> percent_decode(std::string_view text, std::span<char> out) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (n >= out.size()) return std::nullopt;
        char c = text[i];
        if (c == '%') {
            const std::string_view esc = text.substr(i + 1, 2);
            if (esc.size() != 2 || !scan::is_hex(esc[0]) || !scan::is_hex(esc[1])) return std::nullopt;
            c = static_cast<char>(hex_value(esc[0]) * 16 + hex_value(esc[1]));
            i += 2;
        }
        out[n++] = c;
    }
    return n;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out(text.size(), '\0');
    const auto n = percent_decode(text, std::span<char>(out));
    if (!n) return std::nullopt;
    out.resize(*n);
    return out;
}

}  // namespace sipwarden::sip
