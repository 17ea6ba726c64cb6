// Authorization, Proxy-Authorization, WWW-Authenticate and
// Proxy-Authenticate values (RFC 3261 §20.7, §25.1; RFC 2617/7616): the
// scheme and the digest parameters, as views. Quoted values are given without
// their quotes and with quoted-pairs as written; unquote() resolves them.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sip/header_values.h"

namespace sipwarden::sip {

struct Digest {
    std::string_view scheme;  // "Digest", "Basic", or any other token
    std::string_view params;  // everything after the scheme
    // Digest parameters; empty when absent.
    std::string_view username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc, stale, domain;
    // Some value held a quoted-pair (\x): unquote() before comparing it.
    bool has_quoted_pairs = false;
};

// The scheme and its parameters. nullopt when there is no scheme token, a
// parameter has no '=' or an unterminated quoted string (CVE-2023-28098
// shapes). Parameters of unknown schemes are kept in `params` only.
std::optional<Digest> parse_digest(std::string_view value, ValueError* error = nullptr);

// Resolves quoted-pairs ("\x" gives x) of a quoted value's inner text into
// `out`; the length written, or nullopt when `out` is too small.
std::optional<std::size_t> unquote(std::string_view inner, std::span<char> out);
std::string unquote(std::string_view inner);

}  // namespace sipwarden::sip
