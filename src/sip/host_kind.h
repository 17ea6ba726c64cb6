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

}  // namespace sipwarden::sip
