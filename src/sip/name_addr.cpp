// name-addr and Contact parsing.
#include "sip/header_values.h"
#include "sip/parse_memo.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
// Unquoted display name: tokens separated by LWS (RFC 3261 §25.1).
bool valid_token_display(std::string_view s) {
    for (char c : s) {
        if (!scan::in(c, scan::cls::token | scan::cls::lws)) return false;
    }
    return true;
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
bool parse_addr_spec(std::string_view s, std::size_t semi, NameAddr& out, ValueError& why) {
    out.uri_text = scan::rtrim(s.substr(0, semi));
    if (scan::find_first_of<scan::cls::addr_spec_stop, '?', ','>(out.uri_text) != scan::npos) {
        why = ValueError::needs_angle_brackets;
        return false;
    }
    return semi == scan::npos || take_params(s.substr(semi), out, why);
}

// "display-name" <uri>; `s` starts at the quote.
bool parse_quoted_display(std::string_view s, NameAddr& out, ValueError& why) {
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

// token display name <uri>; `lt` is the position of the '<'.
bool parse_token_display(std::string_view s, std::size_t lt, NameAddr& out, ValueError& why) {
    out.display_name = scan::rtrim(s.substr(0, lt));
    if (!valid_token_display(out.display_name)) {
        why = out.display_name.find('"') != scan::npos ? ValueError::unterminated_quote : ValueError::bad_display_name;
        return false;
    }
    return parse_angle(s.substr(lt), out, why);
}

// Plain header parameters: every piece starts with a token byte and holds
// no quote or bracket but in a quoted value right after '=' (the usual
// +sip.instance="<urn:...>"), which is never malformed for ParamCursor.
// False means "not plain", not "malformed".
bool plain_params(std::string_view params) {
    for (std::size_t i = 0; i < params.size();) {
        if (!scan::token_char(params[i])) return false;
        std::size_t end = scan::find_first_of<scan::cls::param_stop, ';', '"', '<'>(params, i + 1);
        if (end != scan::npos && params[end] == '"') {
            // Only a quoted value right after "name=" ("a=b\"c\"" is the
            // general parser's to judge).
            const std::size_t name_end = i + scan::span_of(params.substr(i), scan::cls::token);
            if (name_end + 1 != end || params[name_end] != '=') return false;
            const std::size_t quoted = scan::quoted_length(params.substr(end));
            if (quoted == scan::npos) return false;
            end = end + quoted == params.size() ? scan::npos : end + quoted;
        }
        if (end == scan::npos) return true;
        if (params[end] != ';') return false;
        i = end + 1;
    }
    return true;
}

// The usual "<uri>;params" with nothing unusual around the brackets, in one
// pass. False, with `out` partly filled, when the general parser must read
// it (including every error).
bool parse_plain_angle(std::string_view s, NameAddr& out) {
    const std::size_t close = s.find('>');
    if (close == scan::npos) return false;
    out.angle_brackets = true;
    out.uri_text = s.substr(1, close - 1);
    if (close + 1 < s.size()) {
        if (s[close + 1] != ';') return false;
        out.params = s.substr(close + 2);
        if (!plain_params(out.params)) return false;
    }
    return parse_uri(out.uri_text, out.uri);
}

// The same after a quoted display name: "\"Alice\" <uri>;params".
bool parse_plain_quoted(std::string_view s, NameAddr& out) {
    const std::size_t n = scan::quoted_length(s);
    if (n == scan::npos) return false;
    std::size_t lt = n;
    while (lt < s.size() && scan::is_lws(s[lt])) ++lt;
    if (lt == s.size() || s[lt] != '<') return false;
    out.display_name = s.substr(0, n);
    return parse_plain_angle(s.substr(lt), out);
}

bool parse_parts(std::string_view s, NameAddr& out, ValueError& why) {
    if (s.front() == '"') return parse_quoted_display(s, out, why);
    // The first '<' before any ';' starts a name-addr; a ';' first (or
    // neither) makes an addr-spec. A quote first needs both positions.
    std::size_t lt = scan::npos, semi = scan::npos;
    const std::size_t stop = scan::find_first_of<scan::cls::param_stop, '<', ';', '"'>(s);
    if (stop != scan::npos && s[stop] == '"') {
        lt = s.find('<');
        semi = s.find(';');
    } else if (stop != scan::npos) {
        (s[stop] == '<' ? lt : semi) = stop;
    }
    if (lt != scan::npos && (semi == scan::npos || lt < semi)) return parse_token_display(s, lt, out, why);
    return parse_addr_spec(s, semi, out, why);
}

// Field by field, `uri` left to parse_uri: assigning NameAddr{} costs a rep stos.
void clear_but_uri(NameAddr& out) {
    out.display_name = {};
    out.uri_text = {};
    out.params = {};
    out.angle_brackets = false;
}

bool parse_name_addr_fresh(std::string_view value, NameAddr& out, ValueError& why) {
    clear_but_uri(out);
    why = ValueError::none;
    const std::string_view s = scan::trim(value);
    if (s.empty()) {
        why = ValueError::empty;
        return false;
    }
    if (s.front() == '<' || s.front() == '"') {
        if (s.front() == '<' ? parse_plain_angle(s, out) : parse_plain_quoted(s, out)) return true;
        clear_but_uri(out);
    }
    if (!parse_parts(s, out, why)) return false;
    if (!parse_uri(out.uri_text, out.uri)) {
        // The URI parser rejects white space; tell that case apart only on failure.
        why = scan::has_lws(out.uri_text) ? ValueError::spaces_in_uri : ValueError::bad_uri;
        return false;
    }
    return true;
}

}  // namespace

template <typename F>
[[gnu::always_inline]] inline void for_each_view(NameAddr& a, F&& f) {
    f(a.display_name);
    f(a.uri_text);
    f(a.params);
    f(a.uri.scheme_text);
    f(a.uri.user);
    f(a.uri.password);
    f(a.uri.host);
    f(a.uri.params);
    f(a.uri.headers);
    f(a.uri.opaque);
}

bool parse_name_addr(std::string_view value, NameAddr& out, ValueError& why) {
    return parse_memoized<parse_name_addr_fresh>(value, out, why);
}

std::optional<NameAddr> parse_name_addr(std::string_view value, ValueError* error) {
    NameAddr out;
    ValueError why = ValueError::none;
    const bool ok = parse_name_addr(value, out, why);
    if (error != nullptr) *error = why;
    if (!ok) return std::nullopt;
    return out;
}

bool parse_contact(std::string_view value, Contact& contact, ValueError& why) {
    contact.star = false;
    contact.expires.reset();
    contact.expires_overflow = false;
    why = ValueError::none;
    if (scan::trim(value) == "*") {
        contact.star = true;
        contact.address = NameAddr{};
        return true;
    }
    if (!parse_name_addr(value, contact.address, why)) return false;
    // No 'x' in the parameters, no "expires" among them: one block scan
    // spares the walk over the usual ;+sip.instance="<urn:...>".
    if (scan::find_first_of<scan::cls::letter_x, 'x', 'X'>(contact.address.params) == scan::npos) return true;
    if (const auto expires = contact.address.param("expires")) {
        bool overflow = false;
        const auto v = scan::parse_decimal(*expires, UINT32_MAX, &overflow);
        if (v) contact.expires = static_cast<std::uint32_t>(*v);
        contact.expires_overflow = overflow;
    }
    return true;
}

std::optional<Contact> parse_contact(std::string_view value, ValueError* error) {
    Contact contact;
    ValueError why = ValueError::none;
    const bool ok = parse_contact(value, contact, why);
    if (error != nullptr) *error = why;
    if (!ok) return std::nullopt;
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
