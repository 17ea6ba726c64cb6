// Parsing of the site: section.
#include "config/site.h"

#include <array>

#include "core/text.h"

namespace sipwarden::config {

namespace {

constexpr std::array<std::string_view, 12> k_site_keys{"name",      "home_country", "timezone",       "business_hours",
                                                       "holidays",  "dialing",      "networks",       "pbx",
                                                       "providers", "forwards",     "public_address", "notes"};

std::vector<core::Cidr> cidr_list(const YAML::Node& map, std::string_view key, YamlReader& reader) {
    std::vector<core::Cidr> out;
    const auto items = reader.string_list(map, key);
    if (!items) return out;
    for (const auto& text : *items) {
        if (auto cidr = core::Cidr::parse(text)) {
            out.push_back(*cidr);
        } else {
            reader.error(map[std::string(key)], "'" + std::string(key) + "': '" + text +
                                                    "' is not an address or network (expected e.g. 192.0.2.0/24)");
        }
    }
    return out;
}

std::optional<int> parse_clock(std::string_view text) {
    // "HH:MM", 00:00 .. 24:00
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto h = core::parse_uint(text.substr(0, 2), 24);
    const auto m = core::parse_uint(text.substr(3, 2), 59);
    if (!h || !m || (*h == 24 && *m != 0)) return std::nullopt;
    return static_cast<int>(*h * 60 + *m);
}

BusinessHours parse_business_hours(const YAML::Node& node, YamlReader& reader) {
    BusinessHours hours;
    constexpr std::array<std::string_view, 3> keys{"days", "start", "end"};
    if (!reader.check_keys(node, "site.business_hours", keys)) return hours;
    constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (auto days = reader.string_list(node, "days")) {
        hours.days = 0;
        for (const auto& day : *days) {
            bool found = false;
            for (std::size_t i = 0; i < day_names.size(); ++i) {
                if (core::istarts_with(day, day_names[i])) {
                    hours.days = static_cast<std::uint8_t>(hours.days | (1u << i));
                    found = true;
                }
            }
            if (!found)
                reader.error(node["days"], "site.business_hours.days: unknown day '" + day + "' (use mon..sun)");
        }
    }
    for (auto [key, target] : {std::pair{"start", &hours.start_minute}, std::pair{"end", &hours.end_minute}}) {
        if (auto text = reader.string(node, key)) {
            if (auto minute = parse_clock(*text)) {
                *target = *minute;
            } else {
                reader.error(node[key],
                             std::string("site.business_hours.") + key + ": expected HH:MM, got '" + *text + "'");
            }
        }
    }
    return hours;
}

std::optional<PortRange> parse_ports(std::string_view text) {
    const auto dash = text.find('-');
    const auto first = core::parse_uint(core::trim(text.substr(0, dash)), 65535);
    const auto last =
        dash == std::string_view::npos ? first : core::parse_uint(core::trim(text.substr(dash + 1)), 65535);
    if (!first || !last || *first > *last || *first == 0) return std::nullopt;
    return PortRange{static_cast<std::uint16_t>(*first), static_cast<std::uint16_t>(*last)};
}

PortForward parse_forward(const YAML::Node& node, YamlReader& reader) {
    PortForward forward;
    forward.where = position(reader.file(), node);
    constexpr std::array<std::string_view, 6> keys{"proto", "ports", "to", "to_port", "from", "notes"};
    if (!reader.check_keys(node, "site.forwards[]", keys)) return forward;
    forward.protocol = core::to_lower(reader.string(node, "proto").value_or("udp"));
    if (forward.protocol != "udp" && forward.protocol != "tcp") {
        reader.error(node["proto"], "site.forwards[].proto: expected udp or tcp, got '" + forward.protocol + "'");
    }
    if (auto ports = reader.string(node, "ports")) {
        if (auto range = parse_ports(*ports)) {
            forward.public_ports = *range;
        } else {
            reader.error(node["ports"],
                         "site.forwards[].ports: expected a port or a range like 10000-20000, got '" + *ports + "'");
        }
    } else {
        reader.error(node, "site.forwards[]: 'ports' is required");
    }
    if (auto to = reader.string(node, "to")) {
        if (auto address = core::IpAddress::parse(*to)) {
            forward.to_host = *address;
        } else {
            reader.error(node["to"], "site.forwards[].to: '" + *to + "' is not an IP address");
        }
    } else {
        reader.error(node, "site.forwards[]: 'to' (the internal host) is required");
    }
    if (auto port = reader.integer(node, "to_port", 1, 65535)) forward.to_port = static_cast<std::uint16_t>(*port);
    const auto from = node["from"];
    if (from && !(from.IsScalar() && core::iequals(from.Scalar(), "any"))) {
        forward.from_any = false;
        forward.from = cidr_list(node, "from", reader);
    }
    return forward;
}

void parse_networks(const YAML::Node& node, SiteConfig& site, YamlReader& reader) {
    constexpr std::array<std::string_view, 2> keys{"lan", "dmz"};
    if (!reader.check_keys(node, "site.networks", keys)) return;
    site.lan = cidr_list(node, "lan", reader);
    site.dmz = cidr_list(node, "dmz", reader);
}

void parse_pbx(const YAML::Node& node, SiteConfig& site, YamlReader& reader) {
    constexpr std::array<std::string_view, 2> keys{"addresses", "public_address"};
    if (!reader.check_keys(node, "site.pbx", keys)) return;
    for (const auto& cidr : cidr_list(node, "addresses", reader)) site.pbx_addresses.push_back(cidr.network());
    if (auto text = reader.string(node, "public_address")) {
        site.public_address_given = true;
        if (!core::iequals(*text, "none")) {
            if (auto address = core::IpAddress::parse(*text)) {
                site.public_address = *address;
            } else {
                reader.error(node["public_address"],
                             "site.pbx.public_address: '" + *text + "' is not an IP address (or 'none')");
            }
        }
    }
}

void parse_dialing(const YAML::Node& node, Dialing& dialing, YamlReader& reader) {
    constexpr std::array<std::string_view, 3> keys{"international_prefix", "national_prefix", "outside_line_prefix"};
    if (!reader.check_keys(node, "site.dialing", keys)) return;
    for (auto [key, target] : {std::pair{"international_prefix", &dialing.international_prefix},
                               std::pair{"national_prefix", &dialing.national_prefix},
                               std::pair{"outside_line_prefix", &dialing.outside_line_prefix}}) {
        if (auto text = reader.string(node, key)) {
            if (!text->empty() && !core::parse_uint(*text)) {
                reader.error(node[key], std::string("site.dialing.") + key + ": expected digits, got '" + *text + "'");
            } else {
                *target = *text;
            }
        }
    }
}

}  // namespace

SiteConfig parse_site(const YAML::Node& node, YamlReader& reader) {
    SiteConfig site;
    if (!node || !reader.check_keys(node, "site", k_site_keys)) return site;
    site.name = reader.string(node, "name").value_or("");
    if (auto country = reader.string(node, "home_country")) {
        const bool ok = country->size() == 2 && std::isalpha(static_cast<unsigned char>((*country)[0])) &&
                        std::isalpha(static_cast<unsigned char>((*country)[1]));
        if (ok) {
            site.home_country = {static_cast<char>(std::toupper((*country)[0])),
                                 static_cast<char>(std::toupper((*country)[1]))};
        } else {
            reader.error(node["home_country"],
                         "site.home_country: expected a two-letter country code like GB or US, got '" + *country + "'");
        }
    }
    site.timezone = reader.string(node, "timezone").value_or("");
    if (node["business_hours"]) site.business_hours = parse_business_hours(node["business_hours"], reader);
    site.holidays = reader.string_list(node, "holidays").value_or(std::vector<std::string>{});
    if (node["dialing"]) parse_dialing(node["dialing"], site.dialing, reader);
    if (node["networks"]) parse_networks(node["networks"], site, reader);
    if (node["pbx"]) parse_pbx(node["pbx"], site, reader);
    if (node["public_address"])
        reader.error(node["public_address"], "site.public_address: belongs under site.pbx",
                     "did you mean 'site.pbx.public_address'?");
    if (const auto providers = node["providers"]) {
        if (!providers.IsSequence()) {
            reader.error(providers, "site.providers: expected a list of {name, addresses}");
        } else {
            for (const auto& item : providers) {
                constexpr std::array<std::string_view, 3> keys{"name", "addresses", "notes"};
                if (!reader.check_keys(item, "site.providers[]", keys)) continue;
                Provider provider;
                provider.where = position(reader.file(), item);
                provider.name = reader.string(item, "name").value_or("provider");
                provider.addresses = cidr_list(item, "addresses", reader);
                site.providers.push_back(std::move(provider));
            }
        }
    }
    if (const auto forwards = node["forwards"]) {
        if (!forwards.IsSequence()) {
            reader.error(forwards, "site.forwards: expected a list of {proto, ports, to, from}");
        } else {
            for (const auto& item : forwards) site.forwards.push_back(parse_forward(item, reader));
        }
    }
    return site;
}

}  // namespace sipwarden::config
