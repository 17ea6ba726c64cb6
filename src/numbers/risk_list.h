// The editable high-risk destination list (rules/high-risk-destinations.yaml):
// E.164 prefixes, number types and reaches mapped to a risk class, each
// entry with its reason. The file names its sources.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/yaml_file.h"
#include "core/diagnostic.h"
#include "core/result.h"
#include "numbers/destination.h"
#include "numbers/prefix_trie.h"

namespace sipwarden::numbers {

struct RiskEntry {
    // Exactly one of these says what the entry matches.
    std::string prefix;              // E.164 digits without '+'
    std::optional<NumberType> type;  // a number type anywhere
    std::optional<Reach> reach;      // national or international
    RiskClass risk = RiskClass::medium;
    std::string name;  // e.g. the country
    std::string reason;
    core::SourcePosition where;
};

class RiskList {
public:
    RiskList() = default;
    // The list shipped in rules/high-risk-destinations.yaml (compiled in).
    static RiskList built_in();
    // Problems go to `diagnostics`; bad entries are skipped.
    static core::Result<RiskList> load(const std::string& path, core::DiagnosticList& diagnostics);
    static RiskList parse(const config::YamlFile& file, core::DiagnosticList& diagnostics);

    const std::string& source() const { return m_source; }
    const std::vector<RiskEntry>& entries() const { return m_entries; }

    // Risk of a classified destination: the longest matching prefix entry or
    // else the reach entry sets the base; type entries can only raise it.
    // Sets destination.risk and destination.risk_rule.
    void apply(Destination& destination) const;

private:
    void index();
    int longest_prefix(std::string_view digits) const;

    std::string m_source;
    std::vector<RiskEntry> m_entries;
    PrefixTrie m_prefixes;  // prefix -> entry index + 1
    std::vector<int> m_type_entries;
    int m_national = 0;       // entry index + 1
    int m_international = 0;  // entry index + 1
};

}  // namespace sipwarden::numbers
