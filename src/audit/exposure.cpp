// Site facts and assumptions, Asterisk ACLs, and the reachability verdict
// for one service: bind address, then router (public address or forwards),
// then the host firewall.
#include "audit/exposure.h"

#include <algorithm>

#include "audit/firewall_eval.h"
#include "core/text.h"

namespace sipwarden::audit {

AddressSet SiteFacts::provider_addresses() const {
    AddressSet out;
    for (const auto& p : providers) out = out.united(p.addresses);
    return out;
}

std::string Reach::summary() const {
    if (who.empty()) return "nobody";
    std::string out;
    for (std::size_t i = 0; i < who.size(); ++i) out += (i == 0 ? "" : i + 1 == who.size() ? " and " : ", ") + who[i];
    return out;
}

std::optional<core::Cidr> parse_acl_network(std::string_view text) {
    text = core::trim(text);
    if (!text.empty() && text[0] == '!') text.remove_prefix(1);
    const auto slash = text.find('/');
    if (slash != std::string_view::npos) {
        if (const auto mask = core::IpAddress::parse(text.substr(slash + 1)); mask && mask->is_v4()) {
            const auto address = core::IpAddress::parse(text.substr(0, slash));
            if (!address) return std::nullopt;
            int prefix = 0;
            for (auto byte : mask->bytes()) {
                for (int bit = 7; bit >= 0; --bit) prefix += (byte >> bit) & 1;
            }
            return core::Cidr(*address, std::min(prefix, 32));
        }
    }
    return core::Cidr::parse(text);
}

AddressSet acl_allowed(const std::vector<AclRule>& rules) {
    AddressSet allowed = AddressSet::all();
    for (const auto& r : rules) {
        const auto net = AddressSet::of(r.network);
        allowed = r.permit ? allowed.united(net) : allowed.minus(net);
    }
    return allowed;
}

SiteFacts site_facts(const config::SiteConfig* site, bool have_firewall) {
    SiteFacts facts;
    const bool given = site != nullptr;
    if (given && !site->lan.empty()) {
        facts.lan = AddressSet::of(site->lan);
    } else {
        facts.lan = AddressSet::private_ranges();
        facts.assumptions.push_back(
            "no LAN given (site.networks.lan): the private ranges 10.0.0.0/8, 172.16.0.0/12, "
            "192.168.0.0/16 and fc00::/7 are taken as the LAN");
    }
    if (given) {
        facts.dmz = AddressSet::of(site->dmz);
        facts.pbx_addresses = site->pbx_addresses;
        facts.forwards = site->forwards;
        for (const auto& p : site->providers) {
            facts.providers.push_back({p.name, AddressSet::of(p.addresses), {}, p.where.to_string(), false});
        }
    }
    if (given && site->public_address_given) {
        facts.public_address = site->public_address.has_value();
        facts.public_address_reason = site->public_address
                                          ? "the PBX has the public address " + site->public_address->to_string()
                                          : "the PBX has no public address (site.pbx.public_address: none)";
    } else if (given && !site->forwards.empty()) {
        facts.public_address = false;
        facts.public_address_reason = "the PBX is behind a router that forwards only the ports in site.forwards";
        facts.assumptions.push_back(
            "site.forwards is given and site.pbx.public_address is not: the internet reaches the PBX "
            "only through those forwards");
    } else {
        facts.public_address = true;
        facts.public_address_reason = "assumed: the PBX has a public address";
        facts.assumptions.push_back(
            "nothing says otherwise (site.pbx.public_address, site.forwards): the PBX is assumed to "
            "have a public address, so the internet reaches every port the host firewall lets in");
    }
    if (!have_firewall) {
        facts.assumptions.push_back(
            "no firewall rules given (--firewall): every port the PBX binds is assumed reachable "
            "from every source the router lets through");
    }
    for (const auto& c : given ? site->lan : std::vector<core::Cidr>{}) facts.analyse_ipv6 |= c.network().is_v6();
    return facts;
}

Reachability::Reachability(SiteFacts site, std::vector<Ruleset> rulesets, ExposureOptions options, Limits limits)
    : m_site(std::move(site)), m_rulesets(std::move(rulesets)), m_options(options), m_limits(limits) {
    for (const auto& r : m_rulesets) m_site.analyse_ipv6 |= ruleset_covers(r, "ip6");
    for (const auto& p : m_site.providers)
        m_site.analyse_ipv6 |= !p.addresses.intersected(AddressSet::all_v6()).empty();
    m_universe = m_site.analyse_ipv6 ? AddressSet::all() : AddressSet::all_v4().united(AddressSet::loopback());
    if (!m_site.analyse_ipv6) {
        m_site.assumptions.push_back("IPv6 is not analysed: no IPv6 firewall rules, networks or providers were given");
    }
}

AddressSet Reachability::candidates(const Service& service, std::vector<Decision>& decisions) const {
    if (service.bind && service.bind->is_loopback()) {
        decisions.push_back({"bound to " + service.bind->to_string() + ": only this host can connect", service.where});
        return AddressSet::loopback();
    }
    AddressSet out = AddressSet::loopback().united(m_site.lan).united(m_site.dmz);
    if (service.bind) decisions.push_back({"bound to " + service.bind->to_string(), service.where});
    const auto space = m_universe.united(AddressSet::loopback());
    if (m_site.public_address) {
        decisions.push_back({m_site.public_address_reason, {}});
        return out.united(m_universe).intersected(space);
    }
    for (const auto& f : m_site.forwards) {
        if (f.protocol != service.protocol) continue;
        const auto first_internal = f.to_port.value_or(f.public_ports.first);
        const auto last_internal =
            static_cast<std::uint32_t>(first_internal) + (f.public_ports.last - f.public_ports.first);
        const bool overlaps = service.ports.first <= last_internal && first_internal <= service.ports.last;
        const bool to_pbx = m_site.pbx_addresses.empty() ||
                            std::find(m_site.pbx_addresses.begin(), m_site.pbx_addresses.end(), f.to_host) !=
                                m_site.pbx_addresses.end();
        if (!overlaps || !to_pbx) continue;
        const auto from = f.from_any ? m_universe : AddressSet::of(f.from);
        out = out.united(from);
        decisions.push_back(
            {"router forward " + f.protocol + " " + std::to_string(f.public_ports.first) +
                 (f.public_ports.last != f.public_ports.first ? "-" + std::to_string(f.public_ports.last) : "") +
                 " to " + f.to_host.to_string() + " from " + (f.from_any ? "any source" : from.to_string()),
             f.where});
    }
    if (out.minus(AddressSet::loopback()).minus(m_site.lan).minus(m_site.dmz).empty()) {
        decisions.push_back({m_site.public_address_reason + ", and no router forward reaches this port", {}});
    }
    return out.intersected(space);
}

AddressSet Reachability::through_firewall(const Service& service, const AddressSet& candidates,
                                          std::vector<Decision>& decisions, std::vector<std::string>& notes) const {
    if (m_rulesets.empty()) return candidates;
    Packet packet{service.protocol, service.ports.first, m_site.pbx_addresses};
    if (service.bind) packet.destinations.push_back(*service.bind);
    AddressSet accepted = candidates;
    for (const auto& ruleset : m_rulesets) {
        const auto verdict = evaluate_firewall(ruleset, packet, accepted, m_limits);
        accepted = verdict.accepted;
        for (const auto& d : verdict.decided) {
            if (d.sources.intersected(candidates).minus(AddressSet::loopback()).empty()) continue;
            decisions.push_back({std::string(d.verdict == Verdict::accept ? "accepted" : "dropped") + " for " +
                                     d.sources.intersected(candidates).to_string(4) + " by " + d.text,
                                 d.where});
        }
        notes.insert(notes.end(), verdict.notes.begin(), verdict.notes.end());
    }
    return accepted;
}

ExposureClass Reachability::classify(const AddressSet& sources) const {
    const auto untrusted =
        sources.minus(m_site.lan).minus(m_site.dmz).minus(AddressSet::loopback()).minus(m_site.provider_addresses());
    if (!untrusted.empty()) {
        const int v4 = untrusted.widest_prefix_v4();
        const int v6 = untrusted.widest_prefix_v6();
        const bool wide =
            (v4 >= 0 && v4 <= m_options.internet_prefix_v4) || (v6 >= 0 && v6 <= m_options.internet_prefix_v6);
        return wide ? ExposureClass::internet : ExposureClass::provider;
    }
    if (!sources.intersected(m_site.provider_addresses()).empty()) return ExposureClass::provider;
    if (!sources.intersected(m_site.lan.united(m_site.dmz)).minus(AddressSet::loopback()).empty())
        return ExposureClass::lan;
    if (!sources.intersected(AddressSet::loopback()).empty()) return ExposureClass::localhost;
    return ExposureClass::nobody;
}

std::vector<std::string> Reachability::describe(const AddressSet& sources) const {
    std::vector<std::string> who;
    const auto untrusted =
        sources.minus(m_site.lan).minus(m_site.dmz).minus(AddressSet::loopback()).minus(m_site.provider_addresses());
    if (!untrusted.empty()) {
        if (classify(untrusted) == ExposureClass::internet) {
            who.push_back(untrusted.covers(m_universe.minus(m_site.lan)
                                               .minus(m_site.dmz)
                                               .minus(AddressSet::loopback())
                                               .minus(m_site.provider_addresses()))
                              ? "the internet (any source)"
                              : "the internet (" + untrusted.to_string(3) + ")");
        } else {
            who.push_back("hosts " + untrusted.to_string(4) + " (allowed by the firewall, not declared as providers)");
        }
    }
    for (const auto& p : m_site.providers) {
        const auto part = sources.intersected(p.addresses);
        if (!part.empty()) who.push_back("provider " + p.name + " (" + part.to_string(3) + ")");
    }
    if (!sources.intersected(m_site.lan).minus(AddressSet::loopback()).empty()) who.push_back("the LAN");
    if (!sources.intersected(m_site.dmz).empty()) who.push_back("the DMZ");
    if (who.empty() && !sources.intersected(AddressSet::loopback()).empty())
        who.push_back("only this host (localhost)");
    return who;
}

Reach Reachability::evaluate(const Service& service, const AddressSet* allowed) const {
    Reach r;
    auto sources = candidates(service, r.decisions);
    sources = through_firewall(service, sources, r.decisions, r.notes);
    if (allowed != nullptr) sources = sources.intersected(*allowed);
    r.sources = sources;
    r.exposure = classify(sources);
    r.who = describe(sources);
    return r;
}

}  // namespace sipwarden::audit
