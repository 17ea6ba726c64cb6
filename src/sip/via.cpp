// Via and CSeq parsing.
#include "sip/header_values.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
std::nullopt_t fail(ValueError* error, ValueError why) {
    if (error != nullptr) *error = why;
    return std::nullopt;
}

// One "/"-terminated sent-protocol element, LWS allowed around it.
bool take_protocol_part(std::string_view& s, std::string_view& out) {
    const std::size_t slash = s.find('/');
    if (slash == scan::npos) return false;
    out = scan::trim(s.substr(0, slash));
    s = scan::ltrim(s.substr(slash + 1));
    return scan::is_token(out);
}

std::size_t token_length(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && scan::is_token_char(s[n])) ++n;
    return n;
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

// One pass over the parameters: the known ones, and whether any is malformed.
bool take_known_params(Via& via) {
    ParamCursor cursor{via.params};
    Param p;
    while (cursor.next(p)) {
        if (scan::iequals(p.name, "branch")) {
            via.branch = p.value;
        } else if (scan::iequals(p.name, "received")) {
            via.received = p.value;
        } else if (scan::iequals(p.name, "rport")) {
            via.rport = true;
            if (const auto v = scan::parse_decimal(p.value, 65535)) via.rport_value = static_cast<std::uint16_t>(*v);
        } else if (scan::iequals(p.name, "maddr")) {
            via.maddr = p.value;
        } else if (scan::iequals(p.name, "ttl")) {
            if (const auto v = scan::parse_decimal(p.value, 255)) via.ttl = static_cast<std::uint8_t>(*v);
        }
    }
    return !cursor.malformed;
}
}  // namespace

std::optional<Via> parse_via(std::string_view value, ValueError* error) {
    std::string_view s = scan::trim(value);
    if (s.empty()) return fail(error, ValueError::empty);
    Via via;
    if (!take_protocol_part(s, via.protocol) || !take_protocol_part(s, via.version)) {
        return fail(error, ValueError::bad_protocol);
    }
    const std::size_t n = token_length(s);
    via.transport = s.substr(0, n);
    if (via.transport.empty()) return fail(error, ValueError::bad_protocol);
    s = scan::ltrim(s.substr(n));
    const std::size_t semi = scan::find_top_level(s, ';');
    ValueError why = ValueError::none;
    if (!take_sent_by(scan::rtrim(s.substr(0, semi)), via, why)) return fail(error, why);
    if (semi != scan::npos) {
        via.params = scan::rtrim(s.substr(semi + 1));
        if (!take_known_params(via)) return fail(error, ValueError::bad_params);
    }
    if (error != nullptr) *error = ValueError::none;
    return via;
}

std::optional<CSeq> parse_cseq(std::string_view value, ValueError* error) {
    const std::string_view s = scan::trim(value);
    std::size_t digits = 0;
    while (digits < s.size() && scan::is_digit(s[digits])) ++digits;
    if (digits == 0) return fail(error, s.empty() ? ValueError::empty : ValueError::bad_number);
    bool overflow = false;
    const auto number = scan::parse_decimal(s.substr(0, digits), k_max_cseq, &overflow);
    if (!number) return fail(error, overflow ? ValueError::overflow : ValueError::bad_number);
    CSeq cseq;
    cseq.number = static_cast<std::uint32_t>(*number);
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
