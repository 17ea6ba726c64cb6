// CDR layouts: which column holds which call field, for the built-in formats
// (Asterisk cdr_csv Master.csv, cdr_custom's sample mapping, FreeSWITCH
// cdr_csv templates, Kamailio acc flatstore) and for layouts mapped by the
// user (a column list, a cdr_custom mapping or cdr_csv template line, or a
// header-named generic CSV).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "fraud/delimited.h"

namespace sipwarden::fraud {

enum class CdrField : std::uint8_t {
    account,
    source,
    destination,
    context,
    channel,
    unique_id,
    start,
    answer,
    end,
    duration,
    billsec,
    disposition,
    // Kamailio acc transaction records.
    method,
    call_id,
    sip_code,
    count
};
constexpr std::size_t k_cdr_field_count = static_cast<std::size_t>(CdrField::count);

std::string_view to_string(CdrField field);
// Column names as Asterisk (CDR variables), FreeSWITCH (channel variables),
// Kamailio (acc columns) and sipwarden call them; case-insensitive.
std::optional<CdrField> field_for_column_name(std::string_view name);

enum class RecordKind : std::uint8_t {
    call,                  // one line = one call
    kamailio_transaction,  // one line = one SIP transaction (INVITE, BYE), paired by Call-ID
};

struct CdrFormat {
    std::string name;
    RecordKind kind = RecordKind::call;
    DelimitedSyntax syntax;
    std::array<int, k_cdr_field_count> column{};  // 0-based; -1 when absent
    std::size_t min_columns = 1;
    bool header = false;                                         // the first line names the columns
    std::vector<std::pair<CdrField, std::string>> header_names;  // resolved on the header line
    bool times_utc = false;                                      // times without an offset are UTC, not site-local

    CdrFormat();
    int at(CdrField field) const { return column[static_cast<std::size_t>(field)]; }
    void set(CdrField field, int index) { column[static_cast<std::size_t>(field)] = index; }
    // Fills `column` from positional names; unknown names are columns we skip.
    void set_columns(const std::vector<std::string>& names);
    // Resolves header_names against a header line; error names what is missing.
    core::Result<void> resolve_header(const std::vector<std::string_view>& names);
};

// Built-in formats by name: asterisk, asterisk-custom, freeswitch,
// freeswitch-asterisk, kamailio-acc.
std::optional<CdrFormat> built_in_format(std::string_view name);
std::vector<std::string> built_in_format_names();

// Column names from a cdr_custom mapping (`Master.csv => ${CSV_QUOTE(${CDR(clid)})},...`),
// a cdr_custom `fields = clid,src,...` list or a FreeSWITCH cdr_csv template
// (`"${caller_id_name}","${caller_id_number}",...`).
std::vector<std::string> columns_from_template(std::string_view text);

// Guesses the format of a file from its first lines; nullopt when unsure.
std::optional<CdrFormat> detect_format(const std::vector<std::string_view>& lines);

}  // namespace sipwarden::fraud
