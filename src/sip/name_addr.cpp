// name-addr and Contact parsing.
#include "sip/header_values.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
std::nullopt_t fail(ValueError* error, ValueError why) {
    if (error != nullptr) *error = why;
    return std::nullopt;
}

// Unquoted display name: tokens separated by LWS (RFC 3261 §25.1).
bool valid_token_display(std::string_view s) {
    for (char c : s) {
        if (!scan::is_token_char(c) && !scan::is_lws(c)) return false;
    }
    return true;
}

bool has_lws(std::string_view s) {
    for (char c : s) {
        if (scan::is_lws(c)) return true;
    }
    return false;
}

// Header parameters after the URI: ';' then params, or nothing.
bool take_params(std::string_view rest, NameAddr& out, ValueError& why) {
    rest = scan::ltrim(rest);
    if (rest.empty()) return true;
    if (rest.front() != ';') {
        why = ValueError::trailing_garbage;
        return false;
    }
    out.params = scan::rtrim(rest.substr(1));
    if (Params(out.params).malformed()) {
        why = ValueError::bad_params;
        return false;
    }
    return true;
}

// "<uri>" followed by optional params; `s` starts at '<'.
bool parse_angle(std::string_view s, NameAddr& out, ValueError& why) {
    const std::size_t close = s.find('>');
    if (close == scan::npos) {
        why = ValueError::unterminated_angle;
        return false;
    }
    out.angle_brackets = true;
    out.uri_text = s.substr(1, close - 1);
    return take_params(s.substr(close + 1), out, why);
}

// addr-spec without brackets: its parameters belong to the header.
bool parse_addr_spec(std::string_view s, NameAddr& out, ValueError& why) {
    const std::size_t semi = s.find(';');
    out.uri_text = scan::rtrim(s.substr(0, semi));
    if (out.uri_text.find('?') != scan::npos || out.uri_text.find(',') != scan::npos) {
        why = ValueError::needs_angle_brackets;
        return false;
    }
    return semi == scan::npos || take_params(s.substr(semi), out, why);
}

bool parse_parts(std::string_view s, NameAddr& out, ValueError& why) {
    if (s.front() == '"') {
        const std::size_t n = scan::quoted_length(s);
        if (n == scan::npos) {
            why = ValueError::unterminated_quote;
            return false;
        }
        out.display_name = s.substr(0, n);
        const std::string_view rest = scan::ltrim(s.substr(n));
        if (rest.empty() || rest.front() != '<') {
            why = ValueError::bad_display_name;
            return false;
        }
        return parse_angle(rest, out, why);
    }
    const std::size_t lt = s.find('<');
    const std::size_t semi = s.find(';');
    if (lt != scan::npos && (semi == scan::npos || lt < semi)) {
        out.display_name = scan::rtrim(s.substr(0, lt));
        if (!valid_token_display(out.display_name)) {
            why = out.display_name.find('"') != scan::npos ? ValueError::unterminated_quote
                                                           : ValueError::bad_display_name;
            return false;
        }
        return parse_angle(s.substr(lt), out, why);
    }
    return parse_addr_spec(s, out, why);
}
}  // namespace

std::optional<NameAddr> parse_name_addr(std::string_view value, ValueError* error) {
    const std::string_view s = scan::trim(value);
    if (s.empty()) return fail(error, ValueError::empty);
    NameAddr out;
    ValueError why = ValueError::none;
    if (!parse_parts(s, out, why)) return fail(error, why);
    const auto uri = parse_uri(out.uri_text);
    // The URI parser rejects white space; tell that case apart only on failure.
    if (!uri) return fail(error, has_lws(out.uri_text) ? ValueError::spaces_in_uri : ValueError::bad_uri);
    out.uri = *uri;
    if (error != nullptr) *error = ValueError::none;
    return out;
}

std::optional<Contact> parse_contact(std::string_view value, ValueError* error) {
    Contact contact;
    if (scan::trim(value) == "*") {
        contact.star = true;
        if (error != nullptr) *error = ValueError::none;
        return contact;
    }
    auto address = parse_name_addr(value, error);
    if (!address) return std::nullopt;
    contact.address = *address;
    if (const auto expires = contact.address.param("expires")) {
        bool overflow = false;
        const auto v = scan::parse_decimal(*expires, UINT32_MAX, &overflow);
        if (v) contact.expires = static_cast<std::uint32_t>(*v);
        contact.expires_overflow = overflow;
    }
    return contact;
}

std::string_view to_string(ValueError error) {
    switch (error) {
        case ValueError::none: return "none";
        case ValueError::empty: return "empty";
        case ValueError::unterminated_quote: return "unterminated quoted string";
        case ValueError::bad_display_name: return "bad display name";
        case ValueError::unterminated_angle: return "unterminated <";
        case ValueError::spaces_in_uri: return "white space in URI";
        case ValueError::needs_angle_brackets: return "URI needs <>";
        case ValueError::bad_uri: return "bad URI";
        case ValueError::bad_params: return "bad parameters";
        case ValueError::trailing_garbage: return "trailing characters";
        case ValueError::bad_protocol: return "bad protocol";
        case ValueError::bad_host: return "bad host";
        case ValueError::bad_port: return "bad port";
        case ValueError::bad_number: return "bad number";
        case ValueError::overflow: return "number too large";
    }
    return "unknown";
}

}  // namespace sipwarden::sip
