// Helpers the check functions share: positions of options, defaults, and
// lists for aggregate findings.
#pragma once

#include <string>
#include <vector>

#include "audit/checks.h"
#include "audit/services.h"

namespace sipwarden::audit {

// A hit with the fields most checks fill; the check id is set by the engine.
inline Hit hit_at(core::SourcePosition where, std::string message, std::vector<const Service*> services = {},
                  std::optional<AddressSet> allowed = {}, std::string restriction = {}, std::string mitigation = {}) {
    Hit h;
    h.where = std::move(where);
    h.message = std::move(message);
    h.services = std::move(services);
    h.allowed = std::move(allowed);
    h.restriction = std::move(restriction);
    h.mitigation = std::move(mitigation);
    return h;
}

// Where an option is set, or the section when it is not set (the default applies).
inline core::SourcePosition where_of(const ConfSection& section, std::string_view key) {
    const auto* e = section.find(key);
    return e != nullptr ? e->where : section.where;
}

// "a, b, c and 7 more"
std::string name_list(const std::vector<std::string>& names, std::size_t shown = 8);

// The contexts of pjsip endpoints that authenticate nobody (see toll-fraud and guest checks).
struct Entry {
    std::string what;  // "PJSIP endpoint 'anonymous' (anonymous calls)"
    std::string context;
    core::SourcePosition where;
    std::optional<AddressSet> allowed;  // who can use it (identify match, peer host); nullopt: anyone
    bool trunk = false;                 // a trunk's inbound context: callers only reach its DIDs
};
// Every way into the Asterisk dialplan without a password.
std::vector<Entry> unauthenticated_entries(const AsteriskConfig& config);
// Every FreeSWITCH profile context reachable without authentication.
std::vector<Entry> freeswitch_entries(const FreeswitchConfig& config);

// SIP services of chan_sip, PJSIP or FreeSWITCH only.
std::vector<const Service*> services_labelled(const CheckContext& context, std::string_view kind,
                                              std::string_view label_part);

}  // namespace sipwarden::audit
