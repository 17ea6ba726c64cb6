// SIP, SIPS and TEL URIs (RFC 3261 §19.1, RFC 3966) as views into the text,
// with %-escapes kept as written and decoded on demand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sip/params.h"

namespace sipwarden::sip {

enum class UriScheme : std::uint8_t { other, sip, sips, tel };
enum class HostKind : std::uint8_t { none, name, ipv4, ipv6 };

struct Uri {
    UriScheme scheme = UriScheme::other;
    std::string_view scheme_text;  // as written ("SIP", "sip", "soap.beep")
    std::string_view user;         // escaped as written; for tel: the number
    std::string_view password;
    std::string_view host;  // as written; an IPv6 reference keeps its brackets
    HostKind host_kind = HostKind::none;
    std::optional<std::uint16_t> port;
    std::string_view params;   // after the first ';' (without it), up to '?'
    std::string_view headers;  // after '?' (without it)
    std::string_view opaque;   // other schemes: everything after "scheme:"
    // A '%' not followed by two hex digits in the user, password, parameters or headers.
    bool bad_escape = false;

    Params parameters() const { return Params(params); }
    std::optional<std::string_view> param(std::string_view name) const { return parameters().find(name); }
    // The host without IPv6 brackets.
    std::string_view host_address() const;
};

// nullopt when `text` is not a URI: no scheme, white space or <> inside, or a
// sip/sips URI without a valid host or with a bad port. Unknown schemes are
// accepted with their text in `opaque`.
std::optional<Uri> parse_uri(std::string_view text);
// The same into `out` (overwritten; meaningful only when true).
bool parse_uri(std::string_view text, Uri& out);

// Kind of a host as written (brackets required around IPv6); HostKind::none
// when it is not a valid host name, IPv4 or bracketed IPv6 reference.
HostKind classify_host(std::string_view host);
// Textual IPv6 address (no brackets) per RFC 4291 §2.2, including the
// trailing dotted-quad form.
bool is_ipv6_address(std::string_view text);
bool is_ipv4_address(std::string_view text);

// True when every '%' in `text` starts a two-hex-digit escape.
bool escapes_valid(std::string_view text);
// Decodes %-escapes of `text` into `out`; the decoded length, or nullopt on a
// bad escape or when `out` is too small. Decoded bytes may include NUL.
std::optional<std::size_t> percent_decode(std::string_view text, std::span<char> out);
// Same, into a string (off the hot path).
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace sipwarden::sip
