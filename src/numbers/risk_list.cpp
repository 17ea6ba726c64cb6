// Loading and applying the high-risk destination list.
#include "numbers/risk_list.h"

#include <array>

#include "core/text.h"

namespace sipwarden::numbers {

namespace {

constexpr char k_built_in[] =
#include "numbers/high_risk_destinations.inc"
    ;

std::optional<RiskEntry> parse_entry(const YAML::Node& node, config::YamlReader& reader) {
    constexpr std::array<std::string_view, 6> keys{"prefix", "type", "reach", "risk", "name", "reason"};
    if (!reader.check_keys(node, "destinations[]", keys)) return std::nullopt;
    RiskEntry entry;
    entry.where = config::position(reader.file(), node);
    int selectors = 0;
    if (auto prefix = reader.string(node, "prefix")) {
        std::string_view digits = *prefix;
        if (digits.starts_with('+')) digits.remove_prefix(1);
        if (digits.empty() || digits.size() > 15 || !core::parse_uint(digits)) {
            reader.error(node["prefix"],
                         "destinations[].prefix: expected E.164 digits like +53, got '" + *prefix + "'");
            return std::nullopt;
        }
        entry.prefix = digits;
        ++selectors;
    }
    if (auto type = reader.string(node, "type")) {
        entry.type = parse_number_type(*type);
        if (!entry.type) {
            reader.error(node["type"], "destinations[].type: unknown number type '" + *type + "'",
                         "use premium_rate, shared_cost, voip, uan, international_network, ...");
            return std::nullopt;
        }
        ++selectors;
    }
    if (auto reach = reader.string(node, "reach")) {
        if (*reach == "national")
            entry.reach = Reach::national;
        else if (*reach == "international")
            entry.reach = Reach::international;
        else {
            reader.error(node["reach"],
                         "destinations[].reach: expected national or international, got '" + *reach + "'");
            return std::nullopt;
        }
        ++selectors;
    }
    if (selectors != 1) {
        reader.error(node, "destinations[]: give exactly one of prefix, type or reach");
        return std::nullopt;
    }
    const auto risk = reader.string(node, "risk").value_or("");
    const auto parsed = parse_risk_class(risk);
    if (!parsed) {
        reader.error(node["risk"] ? node["risk"] : node,
                     "destinations[].risk: expected low, medium or high, got '" + risk + "'");
        return std::nullopt;
    }
    entry.risk = *parsed;
    entry.name = reader.string(node, "name").value_or("");
    entry.reason = reader.string(node, "reason").value_or("");
    return entry;
}

}  // namespace

RiskList RiskList::built_in() {
    core::DiagnosticList diagnostics;
    auto file = config::load_yaml_text(k_built_in, "rules/high-risk-destinations.yaml");
    if (!file) return {};
    return parse(*file, diagnostics);
}

core::Result<RiskList> RiskList::load(const std::string& path, core::DiagnosticList& diagnostics) {
    auto file = config::load_yaml_file(path);
    if (!file) return file.error();
    return parse(*file, diagnostics);
}

RiskList RiskList::parse(const config::YamlFile& file, core::DiagnosticList& diagnostics) {
    RiskList list;
    config::YamlReader reader(file, diagnostics);
    constexpr std::array<std::string_view, 2> keys{"source", "destinations"};
    if (!reader.check_keys(file.root, "high-risk destination list", keys)) return list;
    list.m_source = reader.string(file.root, "source").value_or("");
    if (list.m_source.empty())
        reader.error(file.root, "high-risk destination list: 'source' (where the data comes from) is required");
    const auto items = file.root["destinations"];
    if (items && !items.IsSequence()) reader.error(items, "destinations: expected a list of entries");
    if (items && items.IsSequence()) {
        for (const auto& item : items) {
            if (auto entry = parse_entry(item, reader)) list.m_entries.push_back(std::move(*entry));
        }
    }
    list.index();
    return list;
}

void RiskList::index() {
    m_prefixes = PrefixTrie{};
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const auto& entry = m_entries[i];
        const int id = static_cast<int>(i) + 1;
        if (entry.type) m_type_entries.push_back(id);
        if (entry.reach == Reach::national) m_national = id;
        if (entry.reach == Reach::international) m_international = id;
        if (!entry.prefix.empty()) m_prefixes.insert(entry.prefix, id);  // a later duplicate wins
    }
}

int RiskList::longest_prefix(std::string_view digits) const { return m_prefixes.longest(digits); }

void RiskList::apply(Destination& destination) const {
    destination.risk = RiskClass::low;
    destination.risk_rule = 0;
    if (destination.reach != Reach::national && destination.reach != Reach::international) return;
    int rule = longest_prefix(destination.digits.view());
    if (rule == 0) rule = destination.reach == Reach::national ? m_national : m_international;
    auto set = [&](int id) {
        destination.risk = m_entries[static_cast<std::size_t>(id - 1)].risk;
        destination.risk_rule = static_cast<std::uint16_t>(id);
    };
    if (rule != 0) set(rule);
    for (int id : m_type_entries) {
        const auto& entry = m_entries[static_cast<std::size_t>(id - 1)];
        if (entry.type == destination.type && entry.risk > destination.risk) set(id);
    }
}

}  // namespace sipwarden::numbers
