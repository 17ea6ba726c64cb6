// Internal: the kind of a host name or IPv4 address from the character
// classes (scan::classes) of its bytes, shared by the URI and Via parsers
// that gather those classes while finding where the host ends.
#pragma once

#include <cstdint>
#include <string_view>

#include "sip/uri.h"

namespace sipwarden::sip {

// `seen` is the union of scan::classes() over the bytes of `host`, which
// has no brackets. Same result as classify_host(host).
HostKind unbracketed_host_kind(std::string_view host, std::uint32_t seen);

// The end of the dotted quad at `begin` of `s` (four groups of one to three
// digits, each at most 255, joined by dots); npos when there is none.
std::size_t dotted_quad_end(std::string_view s, std::size_t begin);

}  // namespace sipwarden::sip
