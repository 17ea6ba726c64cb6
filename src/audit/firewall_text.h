// Small parsers shared by the firewall readers: addresses with netmasks or
// prefixes, and port ranges.
#pragma once

#include <optional>
#include <string_view>

#include "config/site.h"
#include "core/ip_address.h"

namespace sipwarden::audit {

// "192.0.2.0/24", "192.0.2.0/255.255.255.0", "2001:db8::/32" or a bare address.
std::optional<core::Cidr> parse_address_mask(std::string_view text);
// "5060", "10000:20000" (separator ':' for iptables, '-' for nft), "1024:" (open end).
std::optional<config::PortRange> parse_port_range(std::string_view text, char separator);

}  // namespace sipwarden::audit
