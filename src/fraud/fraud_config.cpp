// Parsing of the fraud: section.
#include "fraud/fraud_config.h"

#include <array>
#include <filesystem>

#include "core/text.h"

namespace sipwarden::fraud {

namespace {

using config::YamlReader;
using Keys = std::initializer_list<std::string_view>;

bool check(const YAML::Node& node, std::string_view where, Keys keys, YamlReader& reader) {
    const std::vector<std::string_view> allowed(keys);
    return reader.check_keys(node, where, allowed);
}

void read_int(const YAML::Node& node, std::string_view key, int& target, int min, int max, YamlReader& reader) {
    if (auto value = reader.integer(node, key, min, max)) target = static_cast<int>(*value);
}

void read_number(const YAML::Node& node, std::string_view key, double& target, double min, double max,
                 YamlReader& reader) {
    if (auto value = reader.number(node, key, min, max)) target = *value;
}

void read_bool(const YAML::Node& node, std::string_view key, bool& target, YamlReader& reader) {
    if (auto value = reader.boolean(node, key)) target = *value;
}

void read_severity(const YAML::Node& node, std::string_view key, core::Severity& target, YamlReader& reader) {
    const auto text = reader.string(node, key);
    if (!text) return;
    if (auto severity = core::parse_severity(*text)) {
        target = *severity;
    } else {
        reader.error(node[std::string(key)],
                     "'" + std::string(key) + "': expected info, low, medium, high or critical, got '" + *text + "'");
    }
}

AllowList read_allow(const YAML::Node& node, YamlReader& reader) {
    AllowList allow;
    if (!node || !check(node, "allow", {"accounts", "destinations", "countries"}, reader)) return allow;
    allow.accounts = reader.string_list(node, "accounts").value_or(std::vector<std::string>{});
    for (auto prefix : reader.string_list(node, "destinations").value_or(std::vector<std::string>{})) {
        std::string_view digits = prefix;
        if (digits.starts_with('+')) digits.remove_prefix(1);
        if (!core::parse_uint(digits)) {
            reader.error(node["destinations"],
                         "allow.destinations: expected E.164 prefixes like +4420, got '" + prefix + "'");
            continue;
        }
        allow.prefixes.emplace_back(digits);
    }
    for (auto country : reader.string_list(node, "countries").value_or(std::vector<std::string>{})) {
        for (auto& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        allow.countries.push_back(country);
    }
    return allow;
}

void read_metric(const YAML::Node& node, std::string_view key, VelocityMetric& metric, YamlReader& reader) {
    const auto m = node[std::string(key)];
    if (!m || !check(m, "fraud.velocity." + std::string(key), {"cap", "floor", "factor", "sigmas"}, reader)) return;
    read_number(m, "cap", metric.cap, 0, 1e9, reader);
    read_number(m, "floor", metric.floor, 0, 1e9, reader);
    read_number(m, "factor", metric.factor, 1, 1e6, reader);
    read_number(m, "sigmas", metric.sigmas, 0, 1e6, reader);
}

void read_new_destination(const YAML::Node& n, NewDestinationConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.new_destination", {"enabled", "learning_days", "severity", "allow"}, reader)) return;
    read_bool(n, "enabled", c.enabled, reader);
    read_int(n, "learning_days", c.learning_days, 0, 3650, reader);
    read_severity(n, "severity", c.severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_after_hours(const YAML::Node& n, AfterHoursConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.after_hours",
               {"enabled", "window_minutes", "min_calls", "first_severity", "burst_severity", "habit_days", "allow"},
               reader))
        return;
    read_bool(n, "enabled", c.enabled, reader);
    read_int(n, "window_minutes", c.window_minutes, 1, 24 * 60, reader);
    read_int(n, "min_calls", c.min_calls, 1, 100000, reader);
    read_severity(n, "first_severity", c.first_severity, reader);
    read_severity(n, "burst_severity", c.burst_severity, reader);
    read_int(n, "habit_days", c.habit_days, 0, 3650, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_velocity(const YAML::Node& n, VelocityConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.velocity",
               {"enabled", "calls_per_minute", "minutes_per_hour", "destinations_per_hour", "min_weeks", "alpha",
                "baseline_severity", "cap_severity", "allow"},
               reader)) {
        return;
    }
    read_bool(n, "enabled", c.enabled, reader);
    read_metric(n, "calls_per_minute", c.calls_per_minute, reader);
    read_metric(n, "minutes_per_hour", c.minutes_per_hour, reader);
    read_metric(n, "destinations_per_hour", c.destinations_per_hour, reader);
    read_int(n, "min_weeks", c.min_weeks, 1, 520, reader);
    read_number(n, "alpha", c.alpha, 0.001, 1, reader);
    read_severity(n, "baseline_severity", c.baseline_severity, reader);
    read_severity(n, "cap_severity", c.cap_severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_concurrency(const YAML::Node& n, ConcurrencyConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.concurrency", {"enabled", "max_calls", "max_call_hours", "severity", "allow"}, reader)) return;
    read_bool(n, "enabled", c.enabled, reader);
    read_int(n, "max_calls", c.max_calls, 1, 100000, reader);
    read_int(n, "max_call_hours", c.max_call_hours, 1, 48, reader);
    read_severity(n, "severity", c.severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_probing(const YAML::Node& n, ProbingConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.probing", {"enabled", "window_minutes", "min_numbers", "tail_digits", "severity", "allow"},
               reader))
        return;
    read_bool(n, "enabled", c.enabled, reader);
    read_int(n, "window_minutes", c.window_minutes, 1, 24 * 60, reader);
    read_int(n, "min_numbers", c.min_numbers, 2, 100000, reader);
    read_int(n, "tail_digits", c.tail_digits, 1, 6, reader);
    read_severity(n, "severity", c.severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_short_calls(const YAML::Node& n, ShortCallsConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.short_calls",
               {"enabled", "window_minutes", "min_attempts", "short_seconds", "severity", "allow"}, reader))
        return;
    read_bool(n, "enabled", c.enabled, reader);
    read_int(n, "window_minutes", c.window_minutes, 1, 24 * 60, reader);
    read_int(n, "min_attempts", c.min_attempts, 2, 100000, reader);
    read_int(n, "short_seconds", c.short_seconds, 0, 3600, reader);
    read_severity(n, "severity", c.severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

// Paths in sipwarden.yaml are relative to the file's own directory.
std::string config_path(const std::optional<std::string>& value, const YamlReader& reader) {
    if (!value || value->empty()) return "";
    const std::filesystem::path path(*value);
    if (path.is_absolute()) return *value;
    return (std::filesystem::path(reader.file().path).parent_path() / path).lexically_normal().string();
}

void read_spend(const YAML::Node& n, SpendConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.spend", {"rate_table", "per_hour", "per_day", "currency", "severity", "allow"}, reader))
        return;
    c.rate_table = config_path(reader.string(n, "rate_table"), reader);
    read_number(n, "per_hour", c.per_hour, 0, 1e12, reader);
    read_number(n, "per_day", c.per_day, 0, 1e12, reader);
    c.currency = reader.string(n, "currency").value_or(c.currency);
    read_severity(n, "severity", c.severity, reader);
    c.allow = read_allow(n["allow"], reader);
}

void read_response(const YAML::Node& n, ResponseConfig& c, YamlReader& reader) {
    if (!check(n, "fraud.response", {"block_at", "block_minutes", "max_alert_age_minutes", "exec", "kamailio"}, reader))
        return;
    read_severity(n, "block_at", c.block_at, reader);
    read_int(n, "block_minutes", c.block_minutes, 0, 366 * 24 * 60, reader);
    read_int(n, "max_alert_age_minutes", c.max_alert_age_minutes, 0, 366 * 24 * 60, reader);
    if (const auto exec = n["exec"];
        exec && check(exec, "fraud.response.exec", {"block", "unblock", "timeout_seconds"}, reader)) {
        c.exec_block = reader.string_list(exec, "block").value_or(std::vector<std::string>{});
        c.exec_unblock = reader.string_list(exec, "unblock").value_or(std::vector<std::string>{});
        read_int(exec, "timeout_seconds", c.exec_timeout_seconds, 1, 3600, reader);
        if (c.exec_block.empty())
            reader.error(exec, "fraud.response.exec: 'block' (the program and its arguments, as a list) is required");
    }
    if (const auto kam = n["kamailio"];
        kam && check(kam, "fraud.response.kamailio", {"url", "htable", "timeout_seconds"}, reader)) {
        c.kamailio_url = reader.string(kam, "url").value_or("");
        c.kamailio_htable = reader.string(kam, "htable").value_or(c.kamailio_htable);
        read_int(kam, "timeout_seconds", c.kamailio_timeout_seconds, 1, 600, reader);
        if (!c.kamailio_url.starts_with("http://") && !c.kamailio_url.starts_with("https://")) {
            reader.error(kam, "fraud.response.kamailio.url: expected the JSON-RPC URL, e.g. http://127.0.0.1:5071/RPC");
        }
    }
    c.enabled = !c.exec_block.empty() || !c.kamailio_url.empty();
}

std::optional<CdrFormat> read_format(const std::string& name, const YAML::Node& n, YamlReader& reader) {
    const std::string where = "fraud.formats." + name;
    if (!check(n, where, {"kind", "separator", "quote", "header", "columns", "template", "times"}, reader))
        return std::nullopt;
    CdrFormat format;
    format.name = name;
    if (auto kind = reader.string(n, "kind")) {
        if (*kind == "kamailio-acc") {
            format = *built_in_format("kamailio-acc");
            format.name = name;
        } else if (*kind != "call") {
            reader.error(n["kind"], where + ".kind: expected call or kamailio-acc, got '" + *kind + "'");
        }
    }
    if (auto sep = reader.string(n, "separator")) {
        const std::string value = *sep == "\\t" || *sep == "tab" ? "\t" : *sep;
        if (value.size() != 1)
            reader.error(n["separator"], where + ".separator: expected one character");
        else
            format.syntax.separator = value[0];
    }
    if (auto quote = reader.string(n, "quote")) {
        if (quote->size() > 1)
            reader.error(n["quote"], where + ".quote: expected one character or ''");
        else
            format.syntax.quote = quote->empty() ? '\0' : (*quote)[0];
    }
    read_bool(n, "header", format.header, reader);
    if (auto times = reader.string(n, "times")) {
        if (*times == "utc")
            format.times_utc = true;
        else if (*times != "local")
            reader.error(n["times"], where + ".times: expected local or utc");
    }
    if (auto text = reader.string(n, "template")) format.set_columns(columns_from_template(*text));
    const auto columns = n["columns"];
    if (columns && columns.IsSequence()) {
        format.set_columns(reader.string_list(n, "columns").value_or(std::vector<std::string>{}));
    } else if (columns && columns.IsMap()) {
        for (const auto& item : columns) {
            const auto key = item.first.as<std::string>("");
            const auto field = field_for_column_name(key);
            if (!field) {
                reader.error(item.first, where + ".columns: unknown field '" + key + "'",
                             "fields: account, source, destination, start, answer, end, duration, billsec, "
                             "disposition, context, channel, unique_id");
                continue;
            }
            const auto value = item.second.as<std::string>("");
            if (auto index = core::parse_uint(value, 1000); index && *index >= 1) {
                format.set(*field, static_cast<int>(*index - 1));
                format.min_columns = std::max(format.min_columns, static_cast<std::size_t>(*index));
            } else if (format.header) {
                format.header_names.emplace_back(*field, value);
            } else {
                reader.error(item.second,
                             where + ".columns." + key +
                                 ": expected a 1-based column number (or a header name with header: true)");
            }
        }
    }
    if (format.at(CdrField::destination) < 0 && format.header_names.empty()) {
        reader.error(n, where + ": no destination column (map 'destination' or 'dst')");
    }
    return format;
}

void read_formats(const YAML::Node& n, FraudConfig& c, YamlReader& reader) {
    if (!n.IsMap()) {
        reader.error(n, "fraud.formats: expected a mapping of format names to layouts");
        return;
    }
    for (const auto& item : n) {
        const auto name = item.first.as<std::string>("");
        if (built_in_format(name)) {
            reader.error(item.first, "fraud.formats: '" + name + "' is a built-in format name; choose another");
            continue;
        }
        if (auto format = read_format(name, item.second, reader)) c.formats[name] = std::move(*format);
    }
}

}  // namespace

bool AllowList::allows(std::string_view account, const numbers::Destination& destination) const {
    for (const auto& a : accounts) {
        if (a == account) return true;
    }
    const auto digits = destination.digits.view();
    for (const auto& p : prefixes) {
        if (digits.starts_with(p)) return true;
    }
    for (const auto& c : countries) {
        if (c == destination.region_code()) return true;
    }
    return false;
}

FraudConfig parse_fraud_config(const YAML::Node& node, config::YamlReader& reader) {
    FraudConfig c;
    if (!node || node.IsNull()) return c;
    if (!check(node, "fraud",
               {"format", "formats", "inbound_contexts", "cdr_timezone", "risk_list", "max_internal_digits",
                "max_calls_in_alert", "checkpoint_records", "checkpoint_seconds", "poll_milliseconds", "allow",
                "new_destination", "after_hours", "velocity", "concurrency", "probing", "short_calls", "spend",
                "response"},
               reader)) {
        return c;
    }
    c.format = reader.string(node, "format").value_or(c.format);
    if (node["formats"]) read_formats(node["formats"], c, reader);
    if (c.format != "auto" && !built_in_format(c.format) && !c.formats.contains(c.format)) {
        auto names = built_in_format_names();
        for (const auto& [name, f] : c.formats) names.push_back(name);
        auto near = core::suggest(c.format, names);
        reader.error(node["format"], "fraud.format: unknown CDR format '" + c.format + "'",
                     near ? "did you mean '" + *near + "'?" : "");
    }
    if (auto contexts = reader.string_list(node, "inbound_contexts")) c.inbound_contexts = *contexts;
    c.cdr_timezone = reader.string(node, "cdr_timezone").value_or("");
    c.risk_list = config_path(reader.string(node, "risk_list"), reader);
    read_int(node, "max_internal_digits", c.max_internal_digits, 1, 12, reader);
    read_int(node, "max_calls_in_alert", c.max_calls_in_alert, 1, 1000, reader);
    read_int(node, "checkpoint_records", c.checkpoint_records, 1, 100'000'000, reader);
    read_int(node, "checkpoint_seconds", c.checkpoint_seconds, 1, 3600, reader);
    read_int(node, "poll_milliseconds", c.poll_milliseconds, 10, 60'000, reader);
    c.allow = read_allow(node["allow"], reader);
    if (node["new_destination"]) read_new_destination(node["new_destination"], c.new_destination, reader);
    if (node["after_hours"]) read_after_hours(node["after_hours"], c.after_hours, reader);
    if (node["velocity"]) read_velocity(node["velocity"], c.velocity, reader);
    if (node["concurrency"]) read_concurrency(node["concurrency"], c.concurrency, reader);
    if (node["probing"]) read_probing(node["probing"], c.probing, reader);
    if (node["short_calls"]) read_short_calls(node["short_calls"], c.short_calls, reader);
    if (node["spend"]) read_spend(node["spend"], c.spend, reader);
    if (node["response"]) read_response(node["response"], c.response, reader);
    return c;
}

}  // namespace sipwarden::fraud
