// `nft -j list ruleset`: the libnftables JSON schema (tables, chains, sets,
// rules with match/verdict expressions). Positions of the commands are found
// by a scan of the text so each rule can be named by file:line:col.
#include <nlohmann/json.hpp>

#include "audit/firewall_model.h"
#include "audit/nft_common.h"
#include "audit/source_files.h"
#include "core/text.h"

namespace sipwarden::audit {

namespace {

using Level = core::Diagnostic::Level;
using nlohmann::json;

// Byte offsets of the commands in {"nftables": [ {CMD: ...}, ... ]}: the keys
// found at object depth 3, in document order.
std::vector<std::size_t> command_offsets(std::string_view text) {
    std::vector<std::size_t> out;
    int depth = 0;  // containers open ('{' or '[')
    bool expecting_key = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const auto start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
            if (expecting_key && depth == 3) out.push_back(start);
            expecting_key = false;
        } else if (c == '{') {
            ++depth;
            expecting_key = true;
        } else if (c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',') {
            expecting_key = depth >= 1;  // only meaningful inside objects; checked with depth above
        }
    }
    return out;
}

std::string value_text(const json& v);

void flatten(const json& v, std::vector<std::string>& out) {
    if (v.is_array()) {
        for (const auto& item : v) flatten(item, out);
    } else if (v.is_object() && v.contains("set")) {
        flatten(v["set"], out);
    } else if (v.is_object() && v.contains("elem") && v["elem"].is_object()) {
        flatten(v["elem"].value("val", json()), out);
    } else {
        out.push_back(value_text(v));
    }
}

std::string value_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_object() && v.contains("prefix") && v["prefix"].is_object()) {
        const auto& p = v["prefix"];
        return value_text(p.value("addr", json(""))) + "/" + value_text(p.value("len", json(0)));
    }
    if (v.is_object() && v.contains("range") && v["range"].is_array() && v["range"].size() == 2) {
        return value_text(v["range"][0]) + "-" + value_text(v["range"][1]);
    }
    return v.dump();
}

// "udp dport", "ip saddr", "meta iifname", "ct state"; empty when not a simple subject.
std::string subject_of(const json& left) {
    if (!left.is_object()) return {};
    if (left.contains("payload") && left["payload"].is_object()) {
        const auto& p = left["payload"];
        return p.value("protocol", std::string("th")) + " " + p.value("field", std::string("?"));
    }
    if (left.contains("meta") && left["meta"].is_object()) return "meta " + left["meta"].value("key", std::string("?"));
    if (left.contains("ct") && left["ct"].is_object()) return "ct " + left["ct"].value("key", std::string("?"));
    return {};
}

class NftJsonParser {
public:
    NftJsonParser(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics)
        : m_text(text), m_index(text), m_file(file), m_diagnostics(diagnostics) {
        m_out.kind = Ruleset::Kind::nft_json;
        m_out.file = file;
    }

    Ruleset parse() {
        json doc;
        try {
            doc = json::parse(m_text);
        } catch (const json::parse_error& e) {
            error(e.byte > 0 ? e.byte - 1 : 0, std::string("not valid JSON: ") + e.what(),
                  "give the output of nft -j list ruleset");
            return std::move(m_out);
        }
        if (!doc.is_object() || !doc.contains("nftables") || !doc["nftables"].is_array()) {
            error(0, "JSON without an \"nftables\" array", "give the output of nft -j list ruleset");
            return std::move(m_out);
        }
        const auto offsets = command_offsets(m_text);
        std::size_t n = 0;
        for (const auto& command : doc["nftables"]) {
            const auto offset = n < offsets.size() ? offsets[n] : 0;
            ++n;
            if (!command.is_object() || command.empty()) continue;
            const auto first = command.begin();  // {"chain": {...}}: one key per command
            const std::string kind = first.key();
            const json& body = first.value();
            if (!body.is_object()) continue;
            if (kind == "chain")
                chain(body, offset);
            else if (kind == "set")
                set(body, offset);
            else if (kind == "rule")
                rule(body, offset);
        }
        return std::move(m_out);
    }

private:
    static std::string str(const json& o, const char* key) {
        const auto it = o.find(key);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    void chain(const json& body, std::size_t offset) {
        FirewallChain c;
        c.family = str(body, "family");
        c.table = str(body, "table");
        c.name = str(body, "name");
        c.hook = str(body, "hook");
        c.where = position(offset);
        if (body.contains("prio") && body["prio"].is_number_integer()) {
            c.priority = static_cast<int>(body["prio"].get<std::int64_t>());
        } else if (body.contains("prio") && body["prio"].is_string()) {
            c.priority = nft_priority(body["prio"].get<std::string>()).value_or(0);
        }
        const auto policy = str(body, "policy");
        if (!c.hook.empty()) c.policy = policy == "drop" ? Verdict::drop : Verdict::accept;
        m_out.chains.push_back(std::move(c));
    }

    void set(const json& body, std::size_t offset) {
        FirewallSet s;
        s.family = str(body, "family");
        s.table = str(body, "table");
        s.name = str(body, "name");
        s.where = position(offset);
        std::vector<std::string> elements;
        if (body.contains("elem")) flatten(body["elem"], elements);
        nft_set_elements(s, elements);
        m_out.sets.push_back(std::move(s));
    }

    void rule(const json& body, std::size_t offset) {
        FirewallRule r;
        r.where = position(offset);
        const auto family = str(body, "family");
        const auto table = str(body, "table");
        const auto chain_name = str(body, "chain");
        FirewallChain* chain = nullptr;
        for (auto& c : m_out.chains) {
            if (c.family == family && c.table == table && c.name == chain_name) chain = &c;
        }
        if (chain == nullptr) {
            error(offset,
                  "rule for chain " + family + " " + table + " " + chain_name + ", which is not listed before it", "");
            return;
        }
        if (body.contains("expr") && body["expr"].is_array()) {
            for (const auto& e : body["expr"]) expression(r, e, offset);
        }
        r.text = describe(body);
        chain->rules.push_back(std::move(r));
    }

    void expression(FirewallRule& r, const json& e, std::size_t offset) {
        if (!e.is_object() || e.empty()) return;
        const auto first = e.begin();  // {"match": {...}}, {"accept": null}, ...
        const std::string kind = first.key();
        const json& body = first.value();
        if (kind == "match" && body.is_object()) {
            const auto subject = subject_of(body.value("left", json()));
            const auto op = body.value("op", std::string("=="));
            if (subject.empty() || (op != "==" && op != "!=" && op != "in")) {
                r.conditions.push_back("match " + body.dump());
                return;
            }
            std::vector<std::string> values;
            flatten(body.value("right", json()), values);
            const auto problem = nft_match(r, subject, op == "!=", values);
            if (!problem.empty()) error(offset, problem, "");
        } else if (kind == "jump" || kind == "goto") {
            nft_verdict(r, kind, body.is_object() ? str(body, "target") : std::string());
        } else if (nft_verdict(r, kind, "")) {
            return;
        } else if (kind != "counter" && kind != "log" && kind != "comment") {
            r.conditions.push_back(kind);
        }
    }

    static std::string describe(const json& body) {
        std::string out = str(body, "chain") + " handle " + (body.contains("handle") ? body["handle"].dump() : "?");
        if (body.contains("comment") && body["comment"].is_string())
            out += " (" + body["comment"].get<std::string>() + ")";
        return out;
    }

    core::SourcePosition position(std::size_t offset) const { return m_index.position(m_file, offset); }
    void error(std::size_t offset, std::string message, std::string hint) {
        m_diagnostics.add(error_at(m_index, m_file, offset, std::move(message), std::move(hint)));
    }

    std::string_view m_text;
    LineIndex m_index;
    std::string m_file;
    core::DiagnosticList& m_diagnostics;
    Ruleset m_out;
};

}  // namespace

Ruleset read_nft_json(std::string_view text, const std::string& file, core::DiagnosticList& diagnostics) {
    return NftJsonParser(text, file, diagnostics).parse();
}

}  // namespace sipwarden::audit
