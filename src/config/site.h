// The `site:` section of sipwarden.yaml: facts about the place the PBX lives
// that audit (who can reach what), fraud (home country, business hours) and
// the monitor (own networks, providers) all rely on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/yaml_file.h"
#include "core/diagnostic.h"
#include "core/ip_address.h"

namespace sipwarden::config {

struct PortRange {
    std::uint16_t first = 0;
    std::uint16_t last = 0;
    bool contains(std::uint16_t port) const { return port >= first && port <= last; }
};

// A trunk provider and the addresses its traffic comes from.
struct Provider {
    std::string name;
    std::vector<core::Cidr> addresses;
    core::SourcePosition where;
};

// A router port forward: public ports -> internal host, from some sources.
struct PortForward {
    std::string protocol;  // "udp" or "tcp"
    PortRange public_ports;
    core::IpAddress to_host;
    std::optional<std::uint16_t> to_port;  // first internal port; default: same as public
    bool from_any = true;
    std::vector<core::Cidr> from;  // when !from_any
    core::SourcePosition where;
};

struct BusinessHours {
    // Bit i set: day i (0 = Monday ... 6 = Sunday) is a business day.
    std::uint8_t days = 0x1f;
    int start_minute = 8 * 60;  // minutes after local midnight
    int end_minute = 18 * 60;
};

struct Dialing {
    std::string international_prefix = "00";  // "011" in NANP countries
    std::string national_prefix = "0";
    std::string outside_line_prefix;  // e.g. "9"; empty when none
};

struct SiteConfig {
    std::string name;
    std::string home_country;  // ISO 3166-1 alpha-2, upper case; empty when not given
    std::string timezone;      // IANA name; empty means UTC
    BusinessHours business_hours;
    std::vector<std::string> holidays;  // YYYY-MM-DD
    Dialing dialing;
    std::vector<core::Cidr> lan;
    std::vector<core::Cidr> dmz;
    std::vector<core::IpAddress> pbx_addresses;
    std::optional<core::IpAddress> public_address;
    bool public_address_given = false;  // `public_address: none` also counts as given
    std::vector<Provider> providers;
    std::vector<PortForward> forwards;
};

// Reads `site:`; problems go to the reader's diagnostics, the rest is kept.
SiteConfig parse_site(const YAML::Node& node, YamlReader& reader);

}  // namespace sipwarden::config
