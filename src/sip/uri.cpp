// URI parsing, host classification and %-escape decoding.
#include "sip/uri.h"

#include <algorithm>
#include <array>

#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
bool valid_scheme(std::string_view s) {
    if (s.empty() || !scan::is_alpha(s.front())) return false;
    for (char c : s) {
        if (!scan::is_alnum(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

// White space, control bytes and <> never occur in a URI.
constexpr std::array<bool, 256> k_forbidden = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const auto ch = static_cast<char>(c);
        t[static_cast<std::size_t>(c)] = scan::is_lws(ch) || scan::is_ctl(ch) || ch == '<' || ch == '>';
    }
    return t;
}();

bool has_forbidden_char(std::string_view s) {
    for (char c : s) {
        if (k_forbidden[static_cast<unsigned char>(c)]) return true;
    }
    return false;
}

UriScheme scheme_of(std::string_view s) {
    if (scan::iequals(s, "sip")) return UriScheme::sip;
    if (scan::iequals(s, "sips")) return UriScheme::sips;
    if (scan::iequals(s, "tel")) return UriScheme::tel;
    return UriScheme::other;
}

// Character classes of host names: digits and '.' (k_digit) may make an
// IPv4 address, letters '-' '_' (k_letter) a name, anything else is bad.
constexpr unsigned k_digit = 1, k_letter = 2, k_bad = 4;
constexpr std::array<unsigned, 256> k_host_chars = [] {
    std::array<unsigned, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const auto ch = static_cast<char>(c);
        t[static_cast<std::size_t>(c)] = (scan::is_digit(ch) || ch == '.')                ? k_digit
                                         : (scan::is_alpha(ch) || ch == '-' || ch == '_') ? k_letter
                                                                                          : k_bad;
    }
    return t;
}();

int hex_value(char c) {
    if (scan::is_digit(c)) return c - '0';
    return scan::lower(c) - 'a' + 10;
}

// Splits host[:port] (host possibly a bracketed IPv6 reference).
bool split_hostport(std::string_view hostport, Uri& uri) {
    std::size_t host_end = 0;
    if (!hostport.empty() && hostport.front() == '[') {
        const std::size_t close = hostport.find(']');
        if (close == scan::npos) return false;
        host_end = close + 1;
    } else {
        host_end = std::min(hostport.find(':'), hostport.size());
    }
    uri.host = hostport.substr(0, host_end);
    uri.host_kind = classify_host(uri.host);
    if (uri.host_kind == HostKind::none) return false;
    const std::string_view after = hostport.substr(host_end);
    if (after.empty()) return true;
    if (after.front() != ':') return false;
    const auto port = scan::parse_decimal(after.substr(1), 65535);
    if (!port) return false;
    uri.port = static_cast<std::uint16_t>(*port);
    return true;
}

bool parse_sip_rest(std::string_view rest, Uri& uri) {
    // headers after the first '?' that follows the host part; the user part
    // may itself contain '?', ';' and ':' (RFC 4475 intmeth, semiuri).
    const std::size_t at = rest.find('@');
    std::string_view hostpart = rest;
    if (at != scan::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        uri.user = userinfo.substr(0, colon);
        if (colon != scan::npos) uri.password = userinfo.substr(colon + 1);
        hostpart = rest.substr(at + 1);
    }
    const std::size_t q = hostpart.find('?');
    if (q != scan::npos) {
        uri.headers = hostpart.substr(q + 1);
        hostpart = hostpart.substr(0, q);
    }
    const std::size_t semi = hostpart.find(';');
    if (semi != scan::npos) {
        uri.params = hostpart.substr(semi + 1);
        hostpart = hostpart.substr(0, semi);
    }
    // One memchr settles the usual case of no escape at all.
    uri.bad_escape = rest.find('%') != scan::npos && (!escapes_valid(uri.user) || !escapes_valid(uri.password) ||
                                                      !escapes_valid(uri.params) || !escapes_valid(uri.headers));
    return split_hostport(hostpart, uri);
}

bool parse_tel_rest(std::string_view rest, Uri& uri) {
    const std::size_t semi = rest.find(';');
    uri.user = rest.substr(0, semi);
    if (semi != scan::npos) uri.params = rest.substr(semi + 1);
    uri.bad_escape = !escapes_valid(uri.user) || !escapes_valid(uri.params);
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

std::string_view Uri::host_address() const {
    if (host_kind == HostKind::ipv6 && host.size() >= 2) return host.substr(1, host.size() - 2);
    return host;
}

std::optional<Uri> parse_uri(std::string_view text) {
    const std::size_t colon = text.find(':');
    if (colon == scan::npos || has_forbidden_char(text)) return std::nullopt;
    Uri uri;
    uri.scheme_text = text.substr(0, colon);
    if (!valid_scheme(uri.scheme_text)) return std::nullopt;
    uri.scheme = scheme_of(uri.scheme_text);
    const std::string_view rest = text.substr(colon + 1);
    switch (uri.scheme) {
        case UriScheme::sip:
        case UriScheme::sips:
            if (!parse_sip_rest(rest, uri)) return std::nullopt;
            break;
        case UriScheme::tel:
            if (!parse_tel_rest(rest, uri)) return std::nullopt;
            break;
        case UriScheme::other:
            if (rest.empty()) return std::nullopt;
            uri.opaque = rest;
            break;
    }
    return uri;
}

bool is_ipv4_address(std::string_view text) {
    // One pass: four groups of 1-3 digits, each at most 255, three dots.
    unsigned value = 0, digits = 0, dots = 0;
    for (char c : text) {
        if (scan::is_digit(c)) {
            value = value * 10 + static_cast<unsigned>(c - '0');
            if (++digits > 3 || value > 255) return false;
        } else if (c == '.' && digits > 0 && dots < 3) {
            ++dots;
            value = digits = 0;
        } else {
            return false;
        }
    }
    return dots == 3 && digits > 0;
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
    // One pass: digits and dots only make an IPv4 candidate.
    unsigned seen = 0;
    for (char c : host) seen |= k_host_chars[static_cast<unsigned char>(c)];
    if ((seen & k_bad) != 0) return HostKind::none;
    if ((seen & k_letter) == 0) return is_ipv4_address(host) ? HostKind::ipv4 : HostKind::none;
    return host.front() != '.' && host.front() != '-' ? HostKind::name : HostKind::none;
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
