// The network services a PBX configuration opens (SIP transports, RTP, IAX2,
// AMI, HTTP/ARI, the FreeSWITCH event socket) and the trunk providers its
// configuration names (for the zero-site-file case).
#pragma once

#include <vector>

#include "audit/asterisk_model.h"
#include "audit/exposure.h"
#include "audit/freeswitch_model.h"

namespace sipwarden::audit {

std::vector<Service> asterisk_services(const AsteriskConfig& config);
std::vector<Service> freeswitch_services(const FreeswitchConfig& config);

// Providers named by trunk configuration: PJSIP identify/match and trunk
// AORs, registrations, chan_sip/IAX2 peers with a fixed host, FreeSWITCH
// gateways. Only literal addresses count as addresses; host names are kept
// as names.
std::vector<Provider> asterisk_providers(const AsteriskConfig& config);
std::vector<Provider> freeswitch_providers(const FreeswitchConfig& config);

// "0.0.0.0:5060", "[::]:5061", "192.0.2.1", "" -> address (nullopt: every
// address) and port (nullopt: not given).
struct BindAddress {
    std::optional<core::IpAddress> address;
    std::optional<std::uint16_t> port;
    bool valid = true;
};
BindAddress parse_bind(std::string_view text);

// A permit/deny/acl list of an Asterisk object as the sources it allows
// (named ACLs looked up in acl.conf). nullopt when it has no ACL at all.
std::optional<AddressSet> asterisk_acl(const AsteriskConfig& config, const ConfSection& section,
                                       std::string_view permit_key = "permit", std::string_view deny_key = "deny",
                                       std::string_view acl_key = "acl");

// "yes", "true", "on", "1" (case-insensitive).
bool is_true(std::string_view value);

}  // namespace sipwarden::audit
