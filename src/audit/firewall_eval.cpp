// The firewall evaluator: chains walked with the set of still-undecided
// sources; jumps recurse, returns hand the rest back, policies end base chains.
#include "audit/firewall_eval.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

namespace {

struct ChainResult {
    AddressSet accepted;
    AddressSet returned;
};

// The sources a rule may match, and whether that match is certain.
struct RuleMatch {
    AddressSet sources;
    bool certain = true;
    bool never = false;
};

class Evaluator {
public:
    Evaluator(const Ruleset& ruleset, const Packet& packet, const std::string& family, const Limits& limits,
              FirewallVerdict& out)
        : m_ruleset(ruleset), m_packet(packet), m_family(family), m_limits(limits), m_out(out) {}

    AddressSet base_chain(const FirewallChain& chain, const AddressSet& candidates) {
        auto result = walk(chain, candidates, 0);
        AddressSet accepted = result.accepted;
        if (!result.returned.empty()) {
            const bool accept = !chain.policy || *chain.policy == Verdict::accept;
            if (accept) accepted = accepted.united(result.returned);
            const auto text =
                "policy " + std::string(accept ? "ACCEPT" : "DROP") + " of chain " + chain.table + " " + chain.name;
            m_out.decided.push_back({result.returned, accept ? Verdict::accept : Verdict::drop, text, chain.where});
        }
        return accepted;
    }

private:
    ChainResult walk(const FirewallChain& chain, AddressSet remaining, int depth) {
        ChainResult result;
        if (depth > m_limits.max_chain_depth) {
            m_out.notes.push_back("chain " + chain.name + ": jumps nested deeper than " +
                                  std::to_string(m_limits.max_chain_depth) +
                                  " (a loop?); the rest is treated as accepted");
            result.accepted = remaining;
            return result;
        }
        for (const auto& rule : chain.rules) {
            if (remaining.empty()) break;
            if (++m_steps > m_limits.max_firewall_steps) {
                if (m_steps == m_limits.max_firewall_steps + 1) {
                    m_out.notes.push_back("more than " + std::to_string(m_limits.max_firewall_steps) +
                                          " rule visits (jumps multiply them); the rest is treated as accepted");
                }
                result.accepted = result.accepted.united(remaining);
                return result;
            }
            const auto m = match(rule, chain);
            if (m.never) continue;
            const auto hit = remaining.intersected(m.sources);
            if (hit.empty()) continue;
            apply(rule, m, hit, remaining, result, depth);
        }
        result.returned = result.returned.united(remaining);
        return result;
    }

    void apply(const FirewallRule& rule, const RuleMatch& m, const AddressSet& hit, AddressSet& remaining,
               ChainResult& result, int depth) {
        switch (rule.verdict) {
            case Verdict::accept:
            case Verdict::queue:
                result.accepted = result.accepted.united(hit);
                record(hit, Verdict::accept, rule, m.certain);
                if (m.certain) remaining = remaining.minus(m.sources);
                break;
            case Verdict::drop:
            case Verdict::reject:
                if (m.certain) {
                    record(hit, Verdict::drop, rule, true);
                    remaining = remaining.minus(m.sources);
                }
                break;
            case Verdict::ret:
                result.returned = result.returned.united(hit);
                if (m.certain) remaining = remaining.minus(m.sources);
                break;
            case Verdict::jump:
            case Verdict::go_to: {
                const auto* target = find_chain(rule.target);
                if (target == nullptr) break;
                const auto sub = walk(*target, hit, depth + 1);
                result.accepted = result.accepted.united(sub.accepted);
                if (rule.verdict == Verdict::go_to) {
                    result.returned = result.returned.united(sub.returned);
                    if (m.certain) remaining = remaining.minus(m.sources);
                } else if (m.certain) {
                    remaining = remaining.minus(m.sources).united(sub.returned);
                }
                break;
            }
            case Verdict::none:
            case Verdict::nat: break;
        }
    }

    void record(const AddressSet& sources, Verdict verdict, const FirewallRule& rule, bool certain) {
        std::string text = rule.text;
        if (!certain) {
            text += " (if its other conditions hold: ";
            std::string conditions;
            for (const auto& c : rule.conditions) conditions += (conditions.empty() ? "" : ", ") + c;
            if (!rule.in_interface.empty() && rule.in_interface != "lo")
                conditions += (conditions.empty() ? "" : ", ") + std::string("interface ") + rule.in_interface;
            text += conditions + ")";
        }
        m_out.decided.push_back({sources, verdict, std::move(text), rule.where});
    }

    const FirewallChain* find_chain(const std::string& name) const {
        for (const auto& c : m_ruleset.chains) {
            if (c.name == name && c.family == m_chain_family && c.table == m_chain_table) return &c;
        }
        return nullptr;
    }

    RuleMatch match(const FirewallRule& rule, const FirewallChain& chain) {
        m_chain_family = chain.family;
        m_chain_table = chain.table;
        RuleMatch m;
        m.sources = universe();
        if (!rule.protocol.empty() && rule.protocol != "all") {
            const bool same =
                rule.protocol == m_packet.protocol || rule.protocol == (m_packet.protocol == "udp" ? "17" : "6");
            if (same == rule.protocol_negated) return never();
        }
        if (!ports(rule.destination_ports, m)) return never();
        if (!rule.ct_states.empty()) {
            const bool has_new = std::find(rule.ct_states.begin(), rule.ct_states.end(), "new") != rule.ct_states.end();
            if (has_new == rule.ct_negated) return never();
        }
        interface(rule, m);
        destination(rule, m);
        source(rule, m);
        if (!rule.conditions.empty()) m.certain = false;
        return m;
    }

    static RuleMatch never() {
        RuleMatch m;
        m.never = true;
        return m;
    }

    bool ports(const PortMatch& pm, RuleMatch& m) {
        if (pm.any()) return true;
        bool in =
            std::any_of(pm.ranges.begin(), pm.ranges.end(), [&](const auto& r) { return r.contains(m_packet.port); });
        if (!pm.set_name.empty()) {
            const auto* set = m_ruleset.set(m_chain_family, m_chain_table, pm.set_name);
            if (set == nullptr || !set->members_known) {
                m.certain = false;
                in = true;
            } else if (std::any_of(set->ports.begin(), set->ports.end(),
                                   [&](const auto& r) { return r.contains(m_packet.port); })) {
                in = true;
            }
        }
        return in != pm.negated;
    }

    void interface(const FirewallRule& rule, RuleMatch& m) {
        if (rule.in_interface.empty()) return;
        if (rule.in_interface == "lo") {
            m.sources = rule.in_interface_negated ? m.sources.minus(AddressSet::loopback())
                                                  : m.sources.intersected(AddressSet::loopback());
        } else {
            m.certain = false;  // which network is behind eth1 is not known here
        }
    }

    void destination(const FirewallRule& rule, RuleMatch& m) {
        const auto& d = rule.destination;
        if (d.any()) return;
        const auto set = AddressSet::of(d.cidrs);
        if (!d.negated && d.set_name.empty() && !set.empty() && AddressSet::loopback().covers(set)) {
            m.sources = m.sources.intersected(AddressSet::loopback());  // only the host itself sends to 127.x
            return;
        }
        if (!m_packet.destinations.empty() && d.set_name.empty()) {
            const bool any = std::any_of(m_packet.destinations.begin(), m_packet.destinations.end(),
                                         [&](const core::IpAddress& a) { return set.contains(a); });
            if (any == d.negated) m.never = true;
            return;
        }
        m.certain = false;
    }

    void source(const FirewallRule& rule, RuleMatch& m) {
        const auto& s = rule.source;
        if (s.any()) return;
        AddressSet set = AddressSet::of(s.cidrs);
        if (!s.set_name.empty()) {
            const auto* named = m_ruleset.set(m_chain_family, m_chain_table, s.set_name);
            if (named == nullptr || !named->members_known) {
                m_out.notes.push_back("the members of set '" + s.set_name + "' are not in the dump; rule at " +
                                      rule.where.to_string() + " is assumed to match some sources");
                m.certain = false;
                if (rule.verdict == Verdict::accept && !s.negated) {
                    m.never = true;  // unknown members: it cannot be said whom it admits
                }
                return;
            }
            set = set.united(AddressSet::of(named->addresses));
        }
        m.sources = s.negated ? m.sources.minus(set) : m.sources.intersected(set);
    }

    AddressSet universe() const { return m_family == "ip6" ? AddressSet::all_v6() : AddressSet::all_v4(); }

    const Ruleset& m_ruleset;
    const Packet& m_packet;
    std::string m_family;
    const Limits& m_limits;
    FirewallVerdict& m_out;
    std::string m_chain_family;
    std::string m_chain_table;
    int m_steps = 0;
};

int hook_order(std::string_view hook) { return hook == "prerouting" ? 0 : 1; }

}  // namespace

bool ruleset_covers(const Ruleset& ruleset, std::string_view family) {
    return std::any_of(ruleset.chains.begin(), ruleset.chains.end(), [&](const FirewallChain& c) {
        return !c.hook.empty() && (c.family == family || c.family == "inet");
    });
}

FirewallVerdict evaluate_firewall(const Ruleset& ruleset, const Packet& packet, const AddressSet& candidates,
                                  const Limits& limits) {
    FirewallVerdict out;
    out.accepted = candidates;
    std::vector<const FirewallChain*> base;
    for (const auto& c : ruleset.chains) {
        if ((c.hook == "input" || c.hook == "prerouting") && c.table != "nat") base.push_back(&c);
    }
    std::stable_sort(base.begin(), base.end(), [](const FirewallChain* a, const FirewallChain* b) {
        return std::pair(hook_order(a->hook), a->priority) < std::pair(hook_order(b->hook), b->priority);
    });
    for (const std::string family : {"ip", "ip6"}) {
        const auto universe = family == "ip" ? AddressSet::all_v4() : AddressSet::all_v6();
        AddressSet part = candidates.intersected(universe);
        if (part.empty()) continue;
        for (const auto* chain : base) {
            if (chain->family != family && chain->family != "inet") continue;
            Evaluator evaluator(ruleset, packet, family, limits, out);
            part = evaluator.base_chain(*chain, part);
        }
        out.accepted = out.accepted.minus(universe).united(part);
    }
    return out;
}

}  // namespace sipwarden::audit
