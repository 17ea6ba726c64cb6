// Symbolic evaluation of a firewall ruleset for a new connection to one
// protocol/port: which source addresses the host accepts, and which rule or
// policy decided for each part of the address space.
#pragma once

#include <string>
#include <vector>

#include "audit/address_set.h"
#include "audit/firewall_model.h"
#include "audit/limits.h"

namespace sipwarden::audit {

struct Packet {
    std::string protocol;  // udp or tcp
    std::uint16_t port = 0;
    std::vector<core::IpAddress> destinations;  // the PBX's own addresses, when known
};

// Which rule (or chain policy) took a verdict for a part of the sources.
struct Attribution {
    AddressSet sources;
    Verdict verdict = Verdict::accept;
    std::string text;  // "rule -A INPUT -p udp ... -j ACCEPT" or "policy DROP of chain INPUT"
    core::SourcePosition where;
};

struct FirewallVerdict {
    AddressSet accepted;
    std::vector<Attribution> decided;  // in evaluation order
    std::vector<std::string> notes;    // conditional rules, unknown set members, ...
};

// Evaluates every base chain on the prerouting and input hooks, in hook and
// priority order; a source must be accepted by all of them. "May" semantics:
// a rule whose extra conditions (rate limits, interfaces other than lo, ...)
// cannot be decided is assumed to accept when it accepts and not to drop
// when it drops, so the result over-approximates who can get in.
FirewallVerdict evaluate_firewall(const Ruleset& ruleset, const Packet& packet, const AddressSet& candidates,
                                  const Limits& limits);

// True when the ruleset filters this address family ("ip" or "ip6").
bool ruleset_covers(const Ruleset& ruleset, std::string_view family);

}  // namespace sipwarden::audit
