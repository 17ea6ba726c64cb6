// `nft list ruleset` (and hand-written `nft -f` files): tables, chains with
// `type ... hook ... priority ...; policy ...;`, sets with elements, rules.
#include <algorithm>
#include <map>

#include "audit/firewall_model.h"
#include "audit/nft_common.h"
#include "audit/source_files.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

using Level = core::Diagnostic::Level;

struct NftToken {
    std::string text;
    std::size_t offset = 0;
    bool quoted = false;
    bool separator() const { return !quoted && (text == "\n" || text == ";"); }
    bool is(std::string_view s) const { return !quoted && text == s; }
};

std::vector<NftToken> lex(std::string_view text) {
    std::vector<NftToken> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
            i += 2;  // line continuation
        } else if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '\n' || c == ';' || c == '{' || c == '}' || c == ',') {
            out.push_back({std::string(1, c), i, false});
            ++i;
        } else if (c == '"') {
            NftToken t{{}, i, true};
            ++i;
            while (i < text.size() && text[i] != '"' && text[i] != '\n') t.text += text[i++];
            if (i < text.size() && text[i] == '"') ++i;
            out.push_back(std::move(t));
        } else {
            NftToken t{{}, i, false};
            while (i < text.size() && std::string_view(" \t\r\n;{},#\"").find(text[i]) == std::string_view::npos)
                t.text += text[i++];
            out.push_back(std::move(t));
        }
    }
    return out;
}

class NftTextParser {
public:
    NftTextParser(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics)
        : m_text(text), m_index(text), m_file(file), m_diagnostics(diagnostics), m_tokens(lex(text)) {
        m_out.kind = Ruleset::Kind::nft_text;
        m_out.file = file;
    }

    Ruleset parse() {
        while (!at_end()) {
            skip_separators();
            if (at_end()) break;
            const auto& t = peek();
            if (t.is("table")) {
                table();
            } else if (t.is("define")) {
                define();
            } else if (t.is("flush") || t.is("add") || t.is("delete") || t.is("include")) {
                skip_statement();
            } else {
                error(t.offset, "expected 'table', got '" + t.text + "'",
                      "nft list ruleset starts with: table inet filter {");
                const auto before = m_pos;
                skip_statement();
                if (m_pos == before) ++m_pos;  // a stray '}' is not a statement: step over it
            }
        }
        return std::move(m_out);
    }

private:
    bool at_end() const { return m_pos >= m_tokens.size(); }
    const NftToken& peek() const { return m_tokens[m_pos]; }
    NftToken next() { return at_end() ? NftToken{"", m_text.size(), false} : m_tokens[m_pos++]; }
    void skip_separators() {
        while (!at_end() && (peek().separator())) ++m_pos;
    }
    void skip_statement() {
        int depth = 0;
        while (!at_end()) {
            const auto& t = peek();
            if (t.is("{")) ++depth;
            if (t.is("}")) {
                if (depth == 0) return;
                --depth;
            }
            ++m_pos;
            if (depth == 0 && t.separator()) return;
        }
    }
    void skip_block() {  // after '{', up to and including the matching '}'
        int depth = 1;
        while (!at_end() && depth > 0) {
            if (peek().is("{")) ++depth;
            if (peek().is("}")) --depth;
            ++m_pos;
        }
    }
    bool expect(std::string_view what) {
        if (!at_end() && peek().is(what)) {
            ++m_pos;
            return true;
        }
        error(at_end() ? m_text.size() : peek().offset, "expected '" + std::string(what) + "'", "");
        return false;
    }

    void define() {
        ++m_pos;
        const auto name = next().text;
        if (!expect("=")) {
            skip_statement();
            return;
        }
        std::vector<NftToken> value;
        int depth = 0;
        while (!at_end() && (depth > 0 || !peek().separator())) {
            if (peek().is("{")) ++depth;
            if (peek().is("}")) --depth;
            value.push_back(next());
        }
        m_defines["$" + name] = std::move(value);
    }

    void table() {
        const auto start = next().offset;
        std::string family = next().text;
        std::string name;
        if (!at_end() && !peek().is("{")) {
            name = next().text;
        } else {
            name = family;
            family = "ip";
        }
        (void)start;
        if (!expect("{")) {
            skip_statement();
            return;
        }
        while (!at_end()) {
            skip_separators();
            if (at_end()) break;
            if (peek().is("}")) {
                ++m_pos;
                return;
            }
            const auto keyword = next();
            if (keyword.is("chain")) {
                chain(family, name, keyword.offset);
            } else if (keyword.is("set")) {
                set(family, name, keyword.offset);
            } else if (keyword.is("flags") || keyword.is("comment")) {
                skip_statement();
            } else {
                // map, flowtable, counter, quota, ct helper ...: not used for reachability.
                while (!at_end() && !peek().is("{") && !peek().separator()) ++m_pos;
                if (!at_end() && peek().is("{")) {
                    ++m_pos;
                    skip_block();
                }
            }
        }
        error(m_text.size(), "table " + name + " is not closed with '}'", "");
    }

    void set(const std::string& family, const std::string& table, std::size_t offset) {
        FirewallSet s;
        s.family = family;
        s.table = table;
        s.name = next().text;
        s.where = position(offset);
        if (!expect("{")) return;
        while (!at_end() && !peek().is("}")) {
            const auto t = next();
            if (t.is("elements")) {
                if (!at_end() && peek().is("=")) ++m_pos;
                if (!expect("{")) break;
                std::vector<std::string> elements;
                while (!at_end() && !peek().is("}")) {
                    const auto e = next();
                    if (!e.separator() && !e.is(",") && !e.is("\n")) elements.push_back(expand_one(e.text));
                }
                expect("}");
                nft_set_elements(s, elements);
            } else if (t.is("flags")) {
                while (!at_end() && !peek().separator() && !peek().is("}")) {
                    const auto f = next();
                    if (f.is("dynamic") || f.is("timeout")) s.members_known = true;  // snapshot of the moment
                }
            }
        }
        expect("}");
        m_out.sets.push_back(std::move(s));
    }

    void chain(const std::string& family, const std::string& table, std::size_t offset) {
        FirewallChain c;
        c.family = family;
        c.table = table;
        c.name = next().text;
        c.where = position(offset);
        if (!expect("{")) return;
        while (!at_end()) {
            skip_separators();
            if (at_end()) break;
            if (peek().is("}")) {
                ++m_pos;
                m_out.chains.push_back(std::move(c));
                return;
            }
            statement(c);
        }
        error(m_text.size(), "chain " + c.name + " is not closed with '}'", "");
        m_out.chains.push_back(std::move(c));
    }

    // One statement up to a separator at brace depth 0 (anonymous sets may span lines).
    std::vector<NftToken> statement_tokens() {
        std::vector<NftToken> out;
        int depth = 0;
        while (!at_end()) {
            const auto& t = peek();
            if (depth == 0 && (t.separator() || t.is("}"))) break;
            if (t.is("{")) ++depth;
            if (t.is("}")) --depth;
            if (!(depth > 0 && t.is("\n"))) {
                auto expanded = m_defines.find(t.text);
                if (!t.quoted && expanded != m_defines.end()) {
                    for (auto copy : expanded->second) {
                        copy.offset = t.offset;
                        out.push_back(std::move(copy));
                    }
                } else {
                    out.push_back(t);
                }
            }
            ++m_pos;
        }
        return out;
    }

    std::string expand_one(const std::string& word) const {
        const auto it = m_defines.find(word);
        return it != m_defines.end() && it->second.size() == 1 ? it->second[0].text : word;
    }

    void statement(FirewallChain& c) {
        const auto tokens = statement_tokens();
        if (tokens.empty()) return;
        if (tokens[0].is("type")) {
            for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
                if (tokens[i].is("hook")) c.hook = tokens[i + 1].text;
                if (tokens[i].is("priority")) {
                    std::string text;  // "filter", "-150", "filter + 10"
                    for (std::size_t j = i + 1; j < tokens.size() && !tokens[j].is("policy"); ++j)
                        text += tokens[j].text;
                    if (auto p = nft_priority(text))
                        c.priority = *p;
                    else
                        error(tokens[i + 1].offset, "unknown priority '" + text + "'",
                              "use a number or filter, raw, mangle, dstnat, srcnat, security");
                }
            }
            return;
        }
        if (tokens[0].is("policy") && tokens.size() > 1) {
            c.policy = tokens[1].text == "drop" ? Verdict::drop : Verdict::accept;
            return;
        }
        if (tokens[0].is("comment") || tokens[0].is("devices")) return;
        c.rules.push_back(rule(tokens));
    }

    // Values after a match subject: "x", "{ a, b }", with "," between bare values.
    std::vector<std::string> values(const std::vector<NftToken>& tokens, std::size_t& i) {
        std::vector<std::string> out;
        if (i < tokens.size() && tokens[i].is("{")) {
            ++i;
            while (i < tokens.size() && !tokens[i].is("}")) {
                if (!tokens[i].is(",") && !tokens[i].is("\n")) out.push_back(tokens[i].text);
                ++i;
            }
            ++i;
            return out;
        }
        while (i < tokens.size()) {
            out.push_back(tokens[i++].text);
            if (i < tokens.size() && tokens[i].is(",")) {
                ++i;
            } else {
                break;
            }
        }
        return out;
    }

    FirewallRule rule(const std::vector<NftToken>& tokens) {
        FirewallRule r;
        r.where = position(tokens[0].offset);
        const auto end = tokens.back().offset + tokens.back().text.size();
        r.text = std::string(core::trim(m_text.substr(tokens[0].offset, end - tokens[0].offset)));
        if (const auto nl = r.text.find('\n'); nl != std::string::npos) r.text = r.text.substr(0, nl) + " ...";
        static const std::vector<std::string_view> two_word{"ip",   "ip6", "udp", "tcp",  "th",    "sctp",
                                                            "meta", "ct",  "fib", "icmp", "icmpv6"};
        std::size_t i = 0;
        while (i < tokens.size()) {
            const auto& t = tokens[i];
            const std::string word = t.text;
            if (std::find(two_word.begin(), two_word.end(), word) != two_word.end() && i + 1 < tokens.size()) {
                std::string subject = word + " " + tokens[i + 1].text;
                i += 2;
                match(r, subject, tokens, i);
            } else if (word == "iif" || word == "iifname" || word == "oif" || word == "oifname" || word == "l4proto" ||
                       word == "mark" || word == "nfproto") {
                ++i;
                match(r, word == "l4proto" ? "meta l4proto" : word, tokens, i);
            } else if (word == "jump" || word == "goto") {
                nft_verdict(r, word, i + 1 < tokens.size() ? tokens[i + 1].text : "");
                i += 2;
            } else if (nft_verdict(r, word, "")) {
                ++i;
                while (i < tokens.size()) ++i;  // "reject with ...", "dnat to ...": the rest belongs to the verdict
            } else if (word == "counter") {
                ++i;
                while (i + 1 < tokens.size() && (tokens[i].is("packets") || tokens[i].is("bytes"))) i += 2;
            } else if (word == "log") {
                ++i;
                while (i + 1 < tokens.size() && (tokens[i].is("prefix") || tokens[i].is("level") ||
                                                 tokens[i].is("group") || tokens[i].is("flags")))
                    i += 2;
            } else if (word == "comment") {
                i += 2;
            } else if (word == "continue") {
                ++i;
            } else {
                // limit rate ..., numgen, update @set ...: the rule becomes conditional.
                std::string text;
                const auto first = i;
                while (i < tokens.size() && !is_keyword(tokens[i].text))
                    text += (text.empty() ? "" : " ") + tokens[i++].text;
                if (i == first) text = tokens[i++].text;  // a keyword out of place: consume it all the same
                r.conditions.push_back(text);
            }
        }
        return r;
    }

    static bool is_keyword(std::string_view w) {
        for (auto k : {"ip",      "ip6",     "udp",   "tcp",    "th",   "meta",       "ct",      "iif",
                       "iifname", "accept",  "drop",  "reject", "jump", "goto",       "return",  "counter",
                       "log",     "comment", "queue", "dnat",   "snat", "masquerade", "redirect"}) {
            if (w == k) return true;
        }
        return false;
    }

    void match(FirewallRule& r, const std::string& subject, const std::vector<NftToken>& tokens, std::size_t& i) {
        bool negated = false;
        if (i < tokens.size() && (tokens[i].is("!=") || tokens[i].is("=="))) negated = tokens[i++].is("!=");
        if (i < tokens.size() && tokens[i].is("vmap")) {
            ++i;
            values(tokens, i);
            r.conditions.push_back(subject + " vmap");
            return;
        }
        const auto offset = i < tokens.size() ? tokens[i].offset : m_text.size();
        const auto vals = values(tokens, i);
        if (vals.empty()) {
            error(offset, "'" + subject + "' without a value", "");
            return;
        }
        const auto problem = nft_match(r, subject, negated, vals);
        if (!problem.empty()) error(offset, problem, "");
    }

    core::SourcePosition position(std::size_t offset) const { return m_index.position(m_file, offset); }
    void error(std::size_t offset, std::string message, std::string hint) {
        m_diagnostics.add(error_at(m_index, m_file, offset, std::move(message), std::move(hint)));
    }

    std::string_view m_text;
    LineIndex m_index;
    std::string m_file;
    core::DiagnosticList& m_diagnostics;
    std::vector<NftToken> m_tokens;
    std::size_t m_pos = 0;
    std::map<std::string, std::vector<NftToken>> m_defines;
    Ruleset m_out;
};

}  // namespace

Ruleset read_nft_text(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics) {
    return NftTextParser(text, file, diagnostics).parse();
}

}  // namespace sipwarden::audit
