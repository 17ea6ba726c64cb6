// A host firewall ruleset in one shape for iptables-save/ip6tables-save and
// nftables (JSON and text): chains with hooks and policies, rules with the
// matches reachability understands, verdicts, and named sets. Matches the
// model does not understand are kept as text and make the rule conditional.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/site.h"
#include "core/diagnostic.h"
#include "core/ip_address.h"

namespace sipwarden::audit {

enum class Verdict { none, accept, drop, reject, jump, go_to, ret, nat, queue };

std::string_view to_string(Verdict verdict);

struct PortMatch {
    std::vector<config::PortRange> ranges;  // empty: any port
    std::string set_name;                   // nft named set of ports
    bool negated = false;
    bool any() const { return ranges.empty() && set_name.empty(); }
};

struct AddressMatch {
    std::vector<core::Cidr> cidrs;  // empty and no set: any address
    std::string set_name;           // ipset or nft named set
    bool negated = false;
    bool any() const { return cidrs.empty() && set_name.empty(); }
};

struct FirewallRule {
    std::string protocol;  // "udp", "tcp", ... ; empty: any
    bool protocol_negated = false;
    AddressMatch source;
    AddressMatch destination;
    PortMatch destination_ports;
    std::string in_interface;  // empty: any
    bool in_interface_negated = false;
    std::vector<std::string> ct_states;  // lower case; empty: not matched on
    bool ct_negated = false;
    // Matches outside the model (rate limits, recent, string, marks, ...):
    // the rule may or may not apply to a given packet.
    std::vector<std::string> conditions;
    Verdict verdict = Verdict::none;
    std::string target;  // chain for jump/goto; the target's name otherwise
    core::SourcePosition where;
    std::string text;  // the rule as written (one line), for reports
};

struct FirewallChain {
    std::string family;  // "ip", "ip6", "inet" (iptables: ip or ip6)
    std::string table;
    std::string name;
    std::string hook;  // "input", "prerouting", "forward", ... ; empty for regular chains
    int priority = 0;
    std::optional<Verdict> policy;  // base chains only
    core::SourcePosition where;
    std::vector<FirewallRule> rules;
};

struct FirewallSet {
    std::string family;
    std::string table;
    std::string name;
    std::vector<core::Cidr> addresses;
    std::vector<config::PortRange> ports;
    bool members_known = true;  // false for ipsets named in iptables-save (members live in `ipset save`)
    core::SourcePosition where;
};

struct Ruleset {
    enum class Kind { iptables, nft_json, nft_text };
    Kind kind = Kind::iptables;
    std::string file;
    std::vector<FirewallChain> chains;
    std::vector<FirewallSet> sets;

    const FirewallChain* chain(std::string_view family, std::string_view table, std::string_view name) const;
    const FirewallSet* set(std::string_view family, std::string_view table, std::string_view name) const;
};

std::string_view to_string(Ruleset::Kind kind);

// The readers. Each reports problems as file:line:col in `diagnostics` and
// returns what it could read.
Ruleset read_iptables_save(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics);
Ruleset read_nft_json(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics);
Ruleset read_nft_text(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics);

// Detects the dump's kind from its content and reads it; nullopt (with a
// diagnostic) when the text is none of the three.
std::optional<Ruleset> read_firewall(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics);

}  // namespace sipwarden::audit
