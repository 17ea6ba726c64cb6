// Via and CSeq parsing.
#include "sip/header_values.h"
#include "sip/host_kind.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
std::nullopt_t fail(ValueError* error, ValueError why) {
    if (error != nullptr) *error = why;
    return std::nullopt;
}

// One "/"-terminated sent-protocol element: LWS, a token, LWS, '/', LWS.
bool take_protocol_part(std::string_view& s, std::string_view& out) {
    const std::size_t begin = scan::span_of(s, scan::cls::lws);
    const std::size_t end = begin + scan::span_of(s.substr(begin), scan::cls::token);
    const std::size_t slash = end + scan::span_of(s.substr(end), scan::cls::lws);
    if (end == begin || slash == s.size() || s[slash] != '/') return false;
    out = s.substr(begin, end - begin);
    s = scan::ltrim(s.substr(slash + 1));
    return true;
}

// sent-by = host [ COLON port ], LWS allowed around the colon.
bool take_sent_by(std::string_view s, Via& via, ValueError& why) {
    std::size_t host_end = 0;
    if (!s.empty() && s.front() == '[') {
        host_end = s.find(']');
        host_end = host_end == scan::npos ? s.size() : host_end + 1;
    } else {
        while (host_end < s.size() && s[host_end] != ':' && !scan::is_lws(s[host_end])) ++host_end;
    }
    via.host = s.substr(0, host_end);
    via.host_kind = classify_host(via.host);
    if (via.host_kind == HostKind::none) {
        why = ValueError::bad_host;
        return false;
    }
    std::string_view rest = scan::ltrim(s.substr(host_end));
    if (rest.empty()) return true;
    if (rest.front() != ':') {
        why = ValueError::trailing_garbage;
        return false;
    }
    const auto port = scan::parse_decimal(scan::trim(rest.substr(1)), 65535);
    if (!port) {
        why = ValueError::bad_port;
        return false;
    }
    via.port = static_cast<std::uint16_t>(*port);
    return true;
}

// One known Via parameter; a later occurrence replaces an earlier one.
[[gnu::always_inline]] inline void take_known_param(const Param& p, Via& via) {
    switch (p.name.size()) {
        case 3:
            if (scan::iequals_letters(p.name, "ttl")) {
                if (const auto v = scan::parse_small_decimal(p.value, 255)) via.ttl = static_cast<std::uint8_t>(*v);
            }
            break;
        case 5:
            if (scan::iequals_letters(p.name, "rport")) {
                via.rport = true;
                if (const auto v = scan::parse_small_decimal(p.value, 65535))
                    via.rport_value = static_cast<std::uint16_t>(*v);
            } else if (scan::iequals_letters(p.name, "maddr")) {
                via.maddr = p.value;
            }
            break;
        case 6:
            if (scan::iequals_letters(p.name, "branch")) via.branch = p.value;
            break;
        case 8:
            if (scan::iequals_letters(p.name, "received")) via.received = p.value;
            break;
        default: break;
    }
}

// One pass over the parameters: the known ones, and whether any is malformed.
bool take_known_params(Via& via) {
    ParamCursor cursor{via.params};
    Param p;
    while (cursor.next(p)) take_known_param(p, via);
    return !cursor.malformed;
}

// Plain parameters "name[=value];..." from `i` (after the first ';') with
// token names, values without quotes, brackets or white space at their
// ends, and no empty piece: taken as ParamCursor would take them. False at
// anything else, which the general parser then reads.
bool take_plain_params(std::string_view s, std::size_t i, Via& via) {
    Param p;
    while (i < s.size()) {
        // The usual names first, by word: the byte loop's exit after a name
        // of varying length is mispredicted (a seventh of this parser's time).
        std::size_t name_end;
        if (s.size() - i > 6 && s[i + 6] == '=' && scan::iequals_letters(s.substr(i, 6), "branch")) {
            name_end = i + 6;
        } else if (s.size() - i >= 5 && (s.size() - i == 5 || s[i + 5] == ';' || s[i + 5] == '=') &&
                   scan::iequals_letters(s.substr(i, 5), "rport")) {
            name_end = i + 5;
        } else {
            name_end = i + scan::span_of(s.substr(i), scan::cls::token);
        }
        if (name_end == i) return false;
        p.name = s.substr(i, name_end - i);
        p.has_value = name_end < s.size() && s[name_end] == '=';
        std::size_t end = name_end;
        if (p.has_value) {
            end = scan::find_first_of<scan::cls::param_stop, ';', '"', '<'>(s, name_end + 1);
            if (end == scan::npos) end = s.size();
            p.value = s.substr(name_end + 1, end - name_end - 1);
            if (!p.value.empty() && (scan::is_lws(p.value.front()) || scan::is_lws(p.value.back()))) return false;
        } else {
            p.value = {};
        }
        if (end < s.size() && s[end] != ';') return false;
        take_known_param(p, via);
        i = end + 1;
    }
    return true;
}

// The usual Via value "SIP/2.0/UDP host[:port][;params]" (one SP, a host
// name or IPv4 address, plain parameters) in one pass. False, with `via`
// partly filled, for anything else: the general parser then reads it.
bool parse_plain_via(std::string_view s, Via& via) {
    constexpr std::string_view k_prefix = "SIP/2.0/";
    if (s.size() < k_prefix.size() + 3 || s.substr(0, k_prefix.size()) != k_prefix) return false;
    via.protocol = s.substr(0, 3);
    via.version = s.substr(4, 3);
    std::size_t i = k_prefix.size() + scan::span_of(s.substr(k_prefix.size()), scan::cls::token);
    if (i == k_prefix.size() || i >= s.size() || s[i] != ' ') return false;
    via.transport = s.substr(k_prefix.size(), i - k_prefix.size());
    const std::size_t host_begin = ++i;
    i = dotted_quad_end(s, host_begin);
    if (i < s.size() && s[i] != ':' && s[i] != ';') i = scan::npos;
    if (i != scan::npos) {
        via.host_kind = HostKind::ipv4;
    } else {
        std::uint32_t seen = 0;
        for (i = host_begin; i < s.size() && s[i] != ':' && s[i] != ';'; ++i) seen |= scan::classes(s[i]);
        via.host_kind = unbracketed_host_kind(s.substr(host_begin, i - host_begin), seen);
        if (via.host_kind == HostKind::none) return false;
    }
    via.host = s.substr(host_begin, i - host_begin);
    if (i < s.size() && s[i] == ':') {
        const std::size_t begin = ++i;
        std::uint32_t port = 0;
        for (; i < s.size() && scan::is_digit(s[i]) && port <= 65535; ++i) {
            port = port * 10 + static_cast<std::uint32_t>(s[i] - '0');
        }
        if (i == begin || port > 65535 || (i < s.size() && s[i] != ';')) return false;
        via.port = static_cast<std::uint16_t>(port);
    }
    if (i == s.size()) return true;
    via.params = s.substr(i + 1);
    return take_plain_params(s, i + 1, via);
}

// Field by field: assigning Via{} costs a rep stos.
void clear(Via& via) {
    // One assignment each: a chain (a = b = {}) reads each value back with a
    // 16-byte load that the two 8-byte stores before it cannot forward.
    via.protocol = {};
    via.version = {};
    via.transport = {};
    via.host = {};
    via.params = {};
    via.host_kind = HostKind::none;
    via.port.reset();
    via.branch.reset();
    via.received.reset();
    via.maddr.reset();
    via.ttl.reset();
    via.rport = false;
    via.rport_value.reset();
}
bool parse_via_value(std::string_view value, Via& via, ValueError& why) {
    clear(via);
    why = ValueError::none;
    std::string_view s = scan::trim(value);
    if (parse_plain_via(s, via)) return true;
    clear(via);
    if (s.empty()) {
        why = ValueError::empty;
        return false;
    }
    const std::size_t n = take_protocol_part(s, via.protocol) && take_protocol_part(s, via.version)
                              ? scan::span_of(s, scan::cls::token)
                              : 0;
    if (n == 0) {
        why = ValueError::bad_protocol;
        return false;
    }
    via.transport = s.substr(0, n);
    s = scan::ltrim(s.substr(n));
    const std::size_t semi = scan::find_top_level(s, ';');
    if (!take_sent_by(scan::rtrim(s.substr(0, semi)), via, why)) return false;
    if (semi != scan::npos) {
        via.params = scan::rtrim(s.substr(semi + 1));
        if (!take_known_params(via)) {
            why = ValueError::bad_params;
            return false;
        }
    }
    return true;
}

}  // namespace

bool parse_via(std::string_view value, Via& via, ValueError& why) { return parse_via_value(value, via, why); }

std::optional<Via> parse_via(std::string_view value, ValueError* error) {
    Via via;
    ValueError why = ValueError::none;
    const bool ok = parse_via(value, via, why);
    if (error != nullptr) *error = why;
    if (!ok) return std::nullopt;
    return via;
}

std::optional<CSeq> parse_cseq(std::string_view value, ValueError* error) {
    const std::string_view s = scan::trim(value);
    // The digits and their value in one pass; past the maximum the value
    // stops growing (it stays far from wrapping around).
    std::size_t digits = 0;
    std::uint64_t number = 0;
    for (; digits < s.size() && scan::is_digit(s[digits]); ++digits) {
        if (number <= k_max_cseq) number = number * 10 + static_cast<std::uint64_t>(s[digits] - '0');
    }
    if (digits == 0) return fail(error, s.empty() ? ValueError::empty : ValueError::bad_number);
    if (number > k_max_cseq) return fail(error, ValueError::overflow);
    CSeq cseq;
    cseq.number = static_cast<std::uint32_t>(number);
    const std::string_view rest = s.substr(digits);
    cseq.method_text = scan::ltrim(rest);
    if (rest.empty() || !scan::is_lws(rest.front()) || !scan::is_token(cseq.method_text)) {
        return fail(error, ValueError::bad_params);
    }
    cseq.method = method_from(cseq.method_text);
    if (error != nullptr) *error = ValueError::none;
    return cseq;
}

}  // namespace sipwarden::sip
