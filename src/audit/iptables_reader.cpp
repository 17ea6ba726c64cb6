// iptables-save / ip6tables-save: tables, chains with policies, `-A` rules with
// the common matches (protocol, addresses, interfaces, ports incl. multiport,
// state/conntrack, ipset), jumps, gotos and returns.
#include <algorithm>

#include "audit/firewall_model.h"
#include "audit/firewall_text.h"
#include "audit/source_files.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

using Level = core::Diagnostic::Level;

struct Token {
    std::string text;
    std::size_t column = 0;  // 1-based
};

// Splits an iptables-save line into words; double quotes group words.
std::vector<Token> tokenize(std::string_view line) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && core::is_space(line[i])) ++i;
        if (i >= line.size()) break;
        Token t;
        t.column = i + 1;
        if (line[i] == '"') {
            ++i;
            while (i < line.size() && line[i] != '"') {
                if (line[i] == '\\' && i + 1 < line.size()) ++i;
                t.text += line[i++];
            }
            ++i;
        } else {
            while (i < line.size() && !core::is_space(line[i])) t.text += line[i++];
        }
        out.push_back(std::move(t));
    }
    return out;
}

class IptablesParser {
public:
    IptablesParser(const std::string& file, core::DiagnosticList& diagnostics)
        : m_file(file), m_diagnostics(diagnostics) {
        m_out.kind = Ruleset::Kind::iptables;
        m_out.file = file;
    }

    Ruleset parse(std::string_view text) {
        const LineIndex index(text);
        m_family = text.find("ip6tables-save") != std::string_view::npos ? "ip6" : "ip";
        for (int n = 1; n <= index.line_count(); ++n) {
            const auto line = index.line_text(n);
            const auto trimmed = core::trim(line);
            if (trimmed.empty() || trimmed[0] == '#') continue;
            m_line = line;
            m_where = {m_file, n, static_cast<int>(trimmed.data() - line.data()) + 1};
            if (trimmed[0] == '*') {
                m_table = std::string(core::trim(trimmed.substr(1)));
            } else if (trimmed[0] == ':') {
                chain_line(trimmed);
            } else if (trimmed == "COMMIT") {
                m_table.clear();
            } else if (core::istarts_with(trimmed, "-A ") || core::istarts_with(trimmed, "-I ")) {
                rule_line(line);
            } else {
                error(m_where, "not an iptables-save line", "expected *table, :CHAIN POLICY, -A CHAIN ... or COMMIT");
            }
        }
        if (!m_table.empty()) {
            m_diagnostics.add(make_diagnostic(Level::warning, {m_file, index.line_count(), 0},
                                              "table *" + m_table + " has no COMMIT; the dump may be cut short"));
        }
        fix_family();
        return std::move(m_out);
    }

private:
    void chain_line(std::string_view text) {
        const auto words = tokenize(text.substr(1));
        if (words.empty()) {
            error(m_where, "chain declaration without a name", "expected :CHAIN POLICY [packets:bytes]");
            return;
        }
        FirewallChain chain;
        chain.family = m_family;
        chain.table = m_table.empty() ? "filter" : m_table;
        chain.name = words[0].text;
        chain.where = m_where;
        chain.hook = builtin_hook(chain.name);
        if (!chain.hook.empty() && words.size() > 1) {
            const auto policy = core::to_lower(words[1].text);
            if (policy == "accept")
                chain.policy = Verdict::accept;
            else if (policy == "drop")
                chain.policy = Verdict::drop;
            else if (policy != "-")
                error(m_where, "unknown chain policy '" + words[1].text + "'", "expected ACCEPT or DROP");
        }
        m_out.chains.push_back(std::move(chain));
    }

    static std::string builtin_hook(std::string_view name) {
        if (name == "INPUT") return "input";
        if (name == "PREROUTING") return "prerouting";
        if (name == "FORWARD") return "forward";
        if (name == "OUTPUT") return "output";
        if (name == "POSTROUTING") return "postrouting";
        return {};
    }

    FirewallChain* find_chain(std::string_view name) {
        const auto table = m_table.empty() ? std::string("filter") : m_table;
        for (auto& c : m_out.chains) {
            if (c.table == table && c.name == name) return &c;
        }
        return nullptr;
    }

    void rule_line(std::string_view line) {
        const auto words = tokenize(line);
        FirewallRule rule;
        rule.where = m_where;
        rule.text = std::string(core::trim(line));
        if (words.size() < 2) {
            error(m_where, "-A without a chain name", "");
            return;
        }
        auto* chain = find_chain(words[1].text);
        if (chain == nullptr) {
            auto at = m_where;
            at.column = static_cast<int>(words[1].column);
            error(at, "rule for chain '" + words[1].text + "', which is not declared in table *" + m_table,
                  "declare it first with :" + words[1].text + " - [0:0]");
            return;
        }
        if (parse_options(words, rule)) chain->rules.push_back(std::move(rule));
    }

    bool parse_options(const std::vector<Token>& words, FirewallRule& rule) {
        bool negate = false;
        std::string module;
        bool in_target = false;
        for (std::size_t i = 2; i < words.size(); ++i) {
            const auto& w = words[i].text;
            auto value = [&](std::string& out) {
                if (i + 1 >= words.size()) {
                    auto at = m_where;
                    at.column = static_cast<int>(words[i].column);
                    error(at, "option " + w + " without a value", "");
                    return false;
                }
                out = words[++i].text;
                return true;
            };
            std::string v;
            if (w == "!") {
                negate = true;
                continue;
            }
            if (w == "-p" || w == "--protocol") {
                if (!value(v)) return false;
                rule.protocol = core::to_lower(v);
                rule.protocol_negated = negate;
            } else if (w == "-s" || w == "--source" || w == "--src") {
                if (!value(v) || !addresses(v, words[i].column, rule.source)) return false;
                rule.source.negated = negate;
            } else if (w == "-d" || w == "--destination" || w == "--dst") {
                if (!value(v) || !addresses(v, words[i].column, rule.destination)) return false;
                rule.destination.negated = negate;
            } else if (w == "-i" || w == "--in-interface") {
                if (!value(v)) return false;
                rule.in_interface = v;
                rule.in_interface_negated = negate;
            } else if (w == "-m" || w == "--match") {
                if (!value(module)) return false;
            } else if (w == "--dport" || w == "--destination-port" || w == "--dports" || w == "--destination-ports") {
                if (!value(v) || !ports(v, words[i].column, rule.destination_ports)) return false;
                rule.destination_ports.negated = negate;
            } else if (w == "--state" || w == "--ctstate") {
                if (!value(v)) return false;
                for (auto s : core::split(v, ',')) rule.ct_states.push_back(core::to_lower(s));
                rule.ct_negated = negate;
            } else if (w == "--match-set") {
                std::string flags;
                if (!value(v) || !value(flags)) return false;
                if (core::istarts_with(flags, "src")) {
                    rule.source.set_name = v;
                    rule.source.negated = negate;
                    note_ipset(v);
                } else {
                    rule.conditions.push_back("set " + v + " " + flags);
                }
            } else if (w == "-j" || w == "--jump" || w == "-g" || w == "--goto") {
                if (!value(v)) return false;
                target(rule, v, w == "-g" || w == "--goto");
                in_target = true;
            } else if (in_target) {
                continue;  // target options (--reject-with, --to-destination, ...) do not decide who gets in
            } else if (w == "--comment") {
                ++i;
            } else if (module == "addrtype" && (w == "--dst-type")) {
                if (!value(v)) return false;
                if (v != "LOCAL") rule.conditions.push_back("addrtype --dst-type " + v);
            } else if (w.starts_with("-")) {
                // A match the model does not know: keep it (with its value) as a condition.
                std::string text = (negate ? "! " : "") + module + " " + w;
                while (i + 1 < words.size() && !words[i + 1].text.starts_with("-") && words[i + 1].text != "!") {
                    text += " " + words[++i].text;
                }
                rule.conditions.push_back(std::string(core::trim(text)));
            } else {
                auto at = m_where;
                at.column = static_cast<int>(words[i].column);
                error(at, "unexpected word '" + w + "' in rule", "");
                return false;
            }
            negate = false;
        }
        return true;
    }

    void target(FirewallRule& rule, const std::string& name, bool is_goto) {
        rule.target = name;
        if (name == "ACCEPT")
            rule.verdict = Verdict::accept;
        else if (name == "DROP")
            rule.verdict = Verdict::drop;
        else if (name == "REJECT")
            rule.verdict = Verdict::reject;
        else if (name == "RETURN")
            rule.verdict = Verdict::ret;
        else if (name == "DNAT" || name == "SNAT" || name == "MASQUERADE" || name == "REDIRECT")
            rule.verdict = Verdict::nat;
        else if (name == "QUEUE" || name == "NFQUEUE")
            rule.verdict = Verdict::queue;
        else if (find_chain(name) != nullptr)
            rule.verdict = is_goto ? Verdict::go_to : Verdict::jump;
        else
            rule.verdict = Verdict::none;  // LOG, MARK, CT, ...: the packet goes on
    }

    bool addresses(const std::string& text, std::size_t column, AddressMatch& out) {
        for (auto part : core::split(text, ',')) {
            auto cidr = parse_address_mask(part);
            if (!cidr) {
                auto at = m_where;
                at.column = static_cast<int>(column);
                error(at, "'" + std::string(part) + "' is not an address or network",
                      "iptables-save writes 192.0.2.0/24");
                return false;
            }
            out.cidrs.push_back(*cidr);
            if (cidr->network().is_v6()) m_saw_v6 = true;
        }
        return true;
    }

    bool ports(const std::string& text, std::size_t column, PortMatch& out) {
        for (auto part : core::split(text, ',')) {
            auto range = parse_port_range(part, ':');
            if (!range) {
                auto at = m_where;
                at.column = static_cast<int>(column);
                error(at, "'" + std::string(part) + "' is not a port or a range", "write 5060 or 10000:20000");
                return false;
            }
            out.ranges.push_back(*range);
        }
        return true;
    }

    void note_ipset(const std::string& name) {
        for (const auto& s : m_out.sets) {
            if (s.name == name) return;
        }
        FirewallSet set;
        set.family = m_family;
        set.table = m_table;
        set.name = name;
        set.members_known = false;
        set.where = m_where;
        m_out.sets.push_back(std::move(set));
    }

    void fix_family() {
        if (!m_saw_v6) return;
        for (auto& c : m_out.chains) c.family = "ip6";
        for (auto& s : m_out.sets) s.family = "ip6";
    }

    void error(const core::SourcePosition& where, std::string message, std::string hint) {
        m_diagnostics.add(make_diagnostic(Level::error, where, std::move(message), m_line, std::move(hint)));
    }

    std::string m_file;
    core::DiagnosticList& m_diagnostics;
    Ruleset m_out;
    std::string m_family;
    std::string m_table;
    std::string_view m_line;
    core::SourcePosition m_where;
    bool m_saw_v6 = false;
};

}  // namespace

Ruleset read_iptables_save(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics) {
    return IptablesParser(file, diagnostics).parse(text);
}

}  // namespace sipwarden::audit
