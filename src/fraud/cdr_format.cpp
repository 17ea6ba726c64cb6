// Built-in CDR layouts, column-name mapping and format detection.
#include "fraud/cdr_format.h"

#include <utility>

#include "core/text.h"
#include "fraud/call_record.h"
#include "fraud/site_clock.h"

namespace sipwarden::fraud {

namespace {

constexpr std::array<std::string_view, k_cdr_field_count> k_field_names{
    "account", "source",   "destination", "context",     "channel", "unique_id", "start",   "answer",
    "end",     "duration", "billsec",     "disposition", "method",  "call_id",   "sip_code"};

constexpr std::array<std::pair<std::string_view, CdrField>, 28> k_aliases{{
    {"accountcode", CdrField::account},
    {"src", CdrField::source},
    {"caller_id_number", CdrField::source},
    {"src_user", CdrField::source},
    {"dst", CdrField::destination},
    {"destination_number", CdrField::destination},
    {"dst_user", CdrField::destination},
    {"dcontext", CdrField::context},
    {"context", CdrField::context},
    {"channel_name", CdrField::channel},
    {"uniqueid", CdrField::unique_id},
    {"uuid", CdrField::unique_id},
    {"start_stamp", CdrField::start},
    {"start_time", CdrField::start},
    {"calldate", CdrField::start},
    {"answer_stamp", CdrField::answer},
    {"answer_time", CdrField::answer},
    {"end_stamp", CdrField::end},
    {"end_time", CdrField::end},
    {"hangup_cause", CdrField::disposition},
    {"callid", CdrField::call_id},
    {"sip_code", CdrField::sip_code},
    {"time", CdrField::start},
    {"billable", CdrField::billsec},
    {"caller", CdrField::source},
    {"callee", CdrField::destination},
    {"called", CdrField::destination},
    {"called_number", CdrField::destination},
}};

CdrFormat positional(std::string name, std::initializer_list<std::string_view> columns, std::size_t min_columns) {
    CdrFormat format;
    format.name = std::move(name);
    std::vector<std::string> names(columns.begin(), columns.end());
    format.set_columns(names);
    format.min_columns = min_columns;
    return format;
}

// Asterisk cdr_csv.c build_csv_record: 16 columns, then optional uniqueid,
// userfield, peeraccount, linkedid, sequence.
CdrFormat asterisk() {
    return positional("asterisk",
                      {"accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
                       "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid"},
                      16);
}

// cdr_custom.conf.sample's Master.csv mapping.
CdrFormat asterisk_custom() {
    return positional("asterisk-custom",
                      {"clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "start",
                       "answer", "end", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid"},
                      16);
}

// FreeSWITCH cdr_csv.conf.xml `example` template (the default).
CdrFormat freeswitch() {
    return positional(
        "freeswitch",
        {"caller_id_name", "caller_id_number", "destination_number", "context", "start_stamp", "answer_stamp",
         "end_stamp", "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid", "accountcode"},
        12);
}

// FreeSWITCH `asterisk` template: Master.csv's order with FreeSWITCH values.
CdrFormat freeswitch_asterisk() {
    auto format = asterisk();
    format.name = "freeswitch-asterisk";
    return format;
}

// Kamailio acc via db_flatstore with the default kamailio.cfg db_extra
// (src_user, src_domain, src_ip, dst_ouser, dst_user, dst_domain).
CdrFormat kamailio_acc() {
    auto format = positional("kamailio-acc",
                             {"method", "from_tag", "to_tag", "callid", "sip_code", "sip_reason", "time", "src_user",
                              "src_domain", "src_ip", "dst_ouser", "dst_user", "dst_domain"},
                             7);
    format.kind = RecordKind::kamailio_transaction;
    format.syntax = {'|', '\0'};
    format.times_utc = true;
    format.set(CdrField::account, format.at(CdrField::source));
    return format;
}

bool looks_like_time(std::string_view text) { return parse_field_time(text).has_value(); }

}  // namespace

std::string_view to_string(CdrField field) { return k_field_names[static_cast<std::size_t>(field)]; }

std::optional<CdrField> field_for_column_name(std::string_view name) {
    name = core::trim(name);
    for (std::size_t i = 0; i < k_field_names.size(); ++i) {
        if (core::iequals(name, k_field_names[i])) return static_cast<CdrField>(i);
    }
    for (const auto& [alias, field] : k_aliases) {
        if (core::iequals(name, alias)) return field;
    }
    return std::nullopt;
}

CdrFormat::CdrFormat() { column.fill(-1); }

void CdrFormat::set_columns(const std::vector<std::string>& names) {
    column.fill(-1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto field = field_for_column_name(names[i]);
        if (field && at(*field) < 0) set(*field, static_cast<int>(i));
    }
    min_columns = names.size();
}

core::Result<void> CdrFormat::resolve_header(const std::vector<std::string_view>& names) {
    for (const auto& [field, wanted] : header_names) {
        bool found = false;
        for (std::size_t i = 0; i < names.size() && !found; ++i) {
            if (core::iequals(core::trim(names[i]), wanted)) {
                set(field, static_cast<int>(i));
                found = true;
            }
        }
        if (!found)
            return core::make_error("header has no column '" + wanted + "' (for " + std::string(to_string(field)) +
                                    ")");
    }
    min_columns = 1;
    for (int c : column) min_columns = std::max(min_columns, static_cast<std::size_t>(c + 1));
    return {};
}

std::optional<CdrFormat> built_in_format(std::string_view name) {
    if (name == "asterisk") return asterisk();
    if (name == "asterisk-custom") return asterisk_custom();
    if (name == "freeswitch") return freeswitch();
    if (name == "freeswitch-asterisk") return freeswitch_asterisk();
    if (name == "kamailio-acc") return kamailio_acc();
    return std::nullopt;
}

std::vector<std::string> built_in_format_names() {
    return {"asterisk", "asterisk-custom", "freeswitch", "freeswitch-asterisk", "kamailio-acc"};
}

std::vector<std::string> columns_from_template(std::string_view text) {
    if (const auto arrow = text.find("=>"); arrow != std::string_view::npos) text.remove_prefix(arrow + 2);
    if (const auto eq = text.find('=');
        eq != std::string_view::npos && text.substr(0, eq).find("fields") != std::string_view::npos) {
        text.remove_prefix(eq + 1);
    }
    std::vector<std::string> names;
    for (auto item : core::split(text, ',')) {
        std::string_view name = item;
        if (const auto cdr = item.find("CDR("); cdr != std::string_view::npos) {
            name = item.substr(cdr + 4);
            name = name.substr(0, name.find_first_of(",)"));
        } else if (const auto var = item.rfind("${"); var != std::string_view::npos) {
            name = item.substr(var + 2);
            name = name.substr(0, name.find('}'));
        } else {
            name = name.substr(0, name.find('('));  // `start(%FT%T%z)` qualifiers
        }
        std::string clean;
        for (char c : core::trim(name)) {
            if (c != '"') clean.push_back(core::ascii_lower(c));
        }
        names.push_back(clean);
    }
    return names;
}

std::optional<CdrFormat> detect_format(const std::vector<std::string_view>& lines) {
    DelimitedSplitter csv;
    DelimitedSplitter bars({'|', '\0'});
    for (auto line : lines) {
        if (core::trim_lines(line).empty()) continue;
        if (bars.split(line) && bars.fields().size() >= 7 && line.find('"') == std::string_view::npos) {
            const auto& f = bars.fields();
            if (core::parse_uint(f[4], 999) && looks_like_time(f[6])) return kamailio_acc();
        }
        if (!csv.split(line)) continue;
        const auto& f = csv.fields();
        const auto disposition_at = [&](std::size_t i) {
            return i < f.size() && parse_disposition(f[i]) != Disposition::unknown;
        };
        if (f.size() >= 16 && looks_like_time(f[9]) && disposition_at(14)) return asterisk();
        if (f.size() >= 16 && looks_like_time(f[8]) && disposition_at(13)) return asterisk_custom();
        if (f.size() >= 12 && looks_like_time(f[4]) && disposition_at(9)) return freeswitch();
    }
    return std::nullopt;
}

}  // namespace sipwarden::fraud
