// Shared nftables match/verdict translation.
#include "audit/nft_common.h"

#include "audit/address_set.h"
#include "audit/firewall_text.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

// "192.0.2.10-192.0.2.20" as the CIDR blocks that cover exactly that range.
std::vector<core::Cidr> range_cidrs(std::string_view first, std::string_view last) {
    const auto a = core::IpAddress::parse(core::trim(first));
    const auto b = core::IpAddress::parse(core::trim(last));
    if (!a || !b) return {};
    return AddressSet::range(*a, *b).to_cidrs(4096);
}

std::string address_values(AddressMatch& match, bool negated, const std::vector<std::string>& values) {
    match.negated = negated;
    for (const auto& v : values) {
        if (!v.empty() && v[0] == '@') {
            match.set_name = v.substr(1);
            continue;
        }
        if (const auto dash = v.find('-'); dash != std::string::npos && v.find(':') == std::string::npos) {
            auto cidrs = range_cidrs(v.substr(0, dash), v.substr(dash + 1));
            if (cidrs.empty()) return "'" + v + "' is not an address range";
            match.cidrs.insert(match.cidrs.end(), cidrs.begin(), cidrs.end());
            continue;
        }
        auto cidr = parse_address_mask(v);
        if (!cidr) return "'" + v + "' is not an address or prefix";
        match.cidrs.push_back(*cidr);
    }
    return {};
}

std::string port_values(PortMatch& match, bool negated, const std::vector<std::string>& values) {
    match.negated = negated;
    for (const auto& v : values) {
        if (!v.empty() && v[0] == '@') {
            match.set_name = v.substr(1);
            continue;
        }
        auto range = parse_port_range(v, '-');
        if (!range) return "'" + v + "' is not a port or a port range";
        match.ranges.push_back(*range);
    }
    return {};
}

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ",") + v;
    return out;
}

}  // namespace

std::string nft_match(FirewallRule& rule, std::string_view subject, bool negated,
                      const std::vector<std::string>& values) {
    const auto space = subject.find(' ');
    const std::string protocol(space == std::string_view::npos ? std::string_view{} : subject.substr(0, space));
    const std::string field(space == std::string_view::npos ? subject : subject.substr(space + 1));
    if ((protocol == "ip" || protocol == "ip6") && field == "saddr")
        return address_values(rule.source, negated, values);
    if ((protocol == "ip" || protocol == "ip6") && field == "daddr")
        return address_values(rule.destination, negated, values);
    if ((protocol == "udp" || protocol == "tcp" || protocol == "sctp" || protocol == "th") && field == "dport") {
        if (protocol != "th") rule.protocol = protocol;
        return port_values(rule.destination_ports, negated, values);
    }
    if ((protocol == "meta" && field == "l4proto") || (protocol == "ip" && field == "protocol") ||
        (protocol == "ip6" && field == "nexthdr")) {
        if (values.size() == 1) {
            rule.protocol = core::to_lower(values[0]);
            rule.protocol_negated = negated;
            return {};
        }
        rule.conditions.push_back(std::string(subject) + " " + joined(values));
        return {};
    }
    if ((protocol == "meta" || protocol.empty()) && (field == "iif" || field == "iifname")) {
        if (values.size() == 1 && values[0].find('*') == std::string::npos) {
            rule.in_interface = values[0];
            rule.in_interface_negated = negated;
            return {};
        }
    }
    if (protocol == "ct" && field == "state") {
        for (const auto& v : values) rule.ct_states.push_back(core::to_lower(v));
        rule.ct_negated = negated;
        return {};
    }
    if ((protocol == "meta" || protocol == "fib") && (field == "nfproto" || field.starts_with("daddr"))) return {};
    rule.conditions.push_back(std::string(subject) + (negated ? " != " : " ") + joined(values));
    return {};
}

bool nft_verdict(FirewallRule& rule, std::string_view verb, std::string_view target) {
    rule.target = std::string(target.empty() ? verb : target);
    if (verb == "accept")
        rule.verdict = Verdict::accept;
    else if (verb == "drop")
        rule.verdict = Verdict::drop;
    else if (verb == "reject")
        rule.verdict = Verdict::reject;
    else if (verb == "return")
        rule.verdict = Verdict::ret;
    else if (verb == "jump")
        rule.verdict = Verdict::jump;
    else if (verb == "goto")
        rule.verdict = Verdict::go_to;
    else if (verb == "queue")
        rule.verdict = Verdict::queue;
    else if (verb == "dnat" || verb == "snat" || verb == "masquerade" || verb == "redirect")
        rule.verdict = Verdict::nat;
    else
        return false;
    return true;
}

std::optional<int> nft_priority(std::string_view text) {
    text = core::trim(text);
    int offset = 0;
    if (const auto sign = text.find_first_of("+-", 1); sign != std::string_view::npos) {
        const auto n = core::parse_uint(core::trim(text.substr(sign + 1)), 10000);
        if (!n) return std::nullopt;
        offset = text[sign] == '-' ? -static_cast<int>(*n) : static_cast<int>(*n);
        text = core::trim(text.substr(0, sign));
    }
    if (text == "raw") return -300 + offset;
    if (text == "mangle") return -150 + offset;
    if (text == "dstnat") return -100 + offset;
    if (text == "filter") return 0 + offset;
    if (text == "security") return 50 + offset;
    if (text == "srcnat") return 100 + offset;
    const bool minus = !text.empty() && text[0] == '-';
    const auto n = core::parse_uint(minus ? text.substr(1) : text, 100000);
    if (!n) return std::nullopt;
    return (minus ? -static_cast<int>(*n) : static_cast<int>(*n)) + offset;
}

void nft_set_elements(FirewallSet& set, const std::vector<std::string>& elements) {
    for (const auto& e : elements) {
        if (auto cidr = parse_address_mask(e)) {
            set.addresses.push_back(*cidr);
        } else if (auto range = parse_port_range(e, '-')) {
            set.ports.push_back(*range);
        } else if (const auto dash = e.find('-'); dash != std::string::npos) {
            const auto cidrs = range_cidrs(std::string_view(e).substr(0, dash), std::string_view(e).substr(dash + 1));
            set.addresses.insert(set.addresses.end(), cidrs.begin(), cidrs.end());
        }
    }
}

}  // namespace sipwarden::audit
