// What the two nftables readers (JSON and text) share: turning one match
// ("ip saddr != @providers", "udp dport { 5060, 10000-20000 }") or one
// statement ("jump sip", "accept") into the firewall model, and base-chain
// priorities by name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/firewall_model.h"

namespace sipwarden::audit {

// `subject` is "PROTOCOL FIELD" or "meta KEY" / "ct KEY" ("udp dport",
// "ip saddr", "meta l4proto", "ct state", "iifname"). Values are single
// values, ranges "a-b", prefixes "a/n" or "@set". Subjects the model does not
// use become conditions. Returns an error message, empty when fine.
std::string nft_match(FirewallRule& rule, std::string_view subject, bool negated,
                      const std::vector<std::string>& values);

// "accept", "drop", "reject", "return", "jump", "goto", "queue", "dnat", ...
// Returns false when `verb` is not a verdict or a terminal statement.
bool nft_verdict(FirewallRule& rule, std::string_view verb, std::string_view target);

// Numeric priority of "filter", "raw", "mangle", "dstnat", "security", "srcnat"
// or a number, optionally with "+N"/"-N".
std::optional<int> nft_priority(std::string_view text);

// Fills `set` members from element texts (addresses, prefixes, ranges, ports).
void nft_set_elements(FirewallSet& set, const std::vector<std::string>& elements);

}  // namespace sipwarden::audit
