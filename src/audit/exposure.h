// Who can reach each service the PBX opens: the site facts (networks,
// providers, public address, router forwards — given in sipwarden.yaml or
// assumed and said so), the host firewall, and the service's bind address.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/address_set.h"
#include "audit/firewall_model.h"
#include "audit/knowledge.h"
#include "audit/limits.h"
#include "config/site.h"

namespace sipwarden::audit {

// A network service the configuration opens.
struct Service {
    std::string kind;      // sip, rtp, iax, ami, http, esl, kamailio
    std::string label;     // "SIP over UDP, pjsip transport 'transport-udp'"
    std::string protocol;  // udp or tcp
    config::PortRange ports;
    std::optional<core::IpAddress> bind;  // nullopt: every address of the host
    std::string bind_text;                // as written ("0.0.0.0:5060", "$${local_ip_v4}")
    bool encrypted = false;               // TLS/WSS
    core::SourcePosition where;
};

struct Provider {
    std::string name;
    AddressSet addresses;
    std::vector<std::string> hostnames;  // named by host name only: addresses unknown here
    std::string source;                  // "site.yaml:12" or "inferred from pjsip identify 'trunk' (pjsip.conf:40)"
    bool inferred = false;
};

struct SiteFacts {
    AddressSet lan;
    AddressSet dmz;
    std::vector<Provider> providers;
    bool public_address = true;  // the internet reaches the host directly (not only through forwards)
    std::string public_address_reason;
    std::vector<config::PortForward> forwards;
    std::vector<core::IpAddress> pbx_addresses;
    bool analyse_ipv6 = false;
    std::vector<std::string> assumptions;  // stated in every report

    AddressSet provider_addresses() const;
};

// Tunables of the exposure rating (overridable under `audit:` in sipwarden.yaml).
struct ExposureOptions {
    // Sources outside the LAN and the providers count as "the internet" when
    // they include an IPv4 block this wide or wider (default /16: 65536 hosts);
    // narrower ones are named hosts (rated like providers).
    int internet_prefix_v4 = 16;
    int internet_prefix_v6 = 48;
};

// One reason in a reachability verdict, with where it comes from.
struct Decision {
    std::string text;
    core::SourcePosition where;
};

struct Reach {
    ExposureClass exposure = ExposureClass::nobody;
    AddressSet sources;            // every address that can reach the service
    std::vector<std::string> who;  // "the internet", "provider trunkco (198.51.100.0/28)", "the LAN"
    std::vector<Decision> decisions;
    std::vector<std::string> notes;  // e.g. "rule 12 depends on interface eth1"

    std::string summary() const;  // "the internet (any source)" ...
};

class Reachability {
public:
    Reachability(SiteFacts site, std::vector<Ruleset> rulesets, ExposureOptions options, Limits limits);

    // Who can open a connection (send a packet) to `service`, optionally only
    // counting `allowed` sources (an application-level ACL).
    Reach evaluate(const Service& service, const AddressSet* allowed = nullptr) const;
    // The class of an arbitrary source set (used for ACL-restricted findings).
    ExposureClass classify(const AddressSet& sources) const;
    const SiteFacts& site() const { return m_site; }
    // `sources` limited to the analysed address space, as text.
    std::string visible(const AddressSet& sources) const { return sources.intersected(m_universe).to_string(); }
    const std::vector<Ruleset>& rulesets() const { return m_rulesets; }

private:
    AddressSet candidates(const Service& service, std::vector<Decision>& decisions) const;
    AddressSet through_firewall(const Service& service, const AddressSet& candidates, std::vector<Decision>& decisions,
                                std::vector<std::string>& notes) const;
    std::vector<std::string> describe(const AddressSet& sources) const;

    SiteFacts m_site;
    std::vector<Ruleset> m_rulesets;
    ExposureOptions m_options;
    Limits m_limits;
    AddressSet m_universe;
};

// The site facts from sipwarden.yaml's `site:` (or none), with every missing
// fact replaced by a stated assumption. Inferred providers are added by the
// caller (they come from the PBX configuration).
SiteFacts site_facts(const config::SiteConfig* site, bool have_firewall);

// Asterisk permit/deny rules (in order; the last match wins) as the set of
// allowed sources. An empty rule list allows everyone.
struct AclRule {
    bool permit = true;
    core::Cidr network;
};
AddressSet acl_allowed(const std::vector<AclRule>& rules);
// "192.0.2.0/255.255.255.0", "192.0.2.0/24", "!192.0.2.1" (negation is ignored: rare)
std::optional<core::Cidr> parse_acl_network(std::string_view text);

}  // namespace sipwarden::audit
