// Header-name lookup: a compile-time open-addressing table keyed by length,
// first and last letter, confirmed by one case-insensitive comparison.
#include <array>

#include "sip/header_id.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
struct NameEntry {
    std::string_view name;
    HeaderId id;
};

// Long names in enum order (index = HeaderId), then compact forms.
constexpr std::array<NameEntry, k_header_id_count> k_long{{
    {"", HeaderId::other},
    {"Via", HeaderId::via},
    {"From", HeaderId::from},
    {"To", HeaderId::to},
    {"Call-ID", HeaderId::call_id},
    {"CSeq", HeaderId::cseq},
    {"Contact", HeaderId::contact},
    {"Max-Forwards", HeaderId::max_forwards},
    {"Content-Length", HeaderId::content_length},
    {"Content-Type", HeaderId::content_type},
    {"Content-Encoding", HeaderId::content_encoding},
    {"Content-Disposition", HeaderId::content_disposition},
    {"Expires", HeaderId::expires},
    {"User-Agent", HeaderId::user_agent},
    {"Server", HeaderId::server},
    {"Authorization", HeaderId::authorization},
    {"WWW-Authenticate", HeaderId::www_authenticate},
    {"Proxy-Authenticate", HeaderId::proxy_authenticate},
    {"Proxy-Authorization", HeaderId::proxy_authorization},
    {"Allow", HeaderId::allow},
    {"Record-Route", HeaderId::record_route},
    {"Route", HeaderId::route},
    {"P-Asserted-Identity", HeaderId::p_asserted_identity},
    {"P-Preferred-Identity", HeaderId::p_preferred_identity},
    {"Remote-Party-ID", HeaderId::remote_party_id},
    {"Diversion", HeaderId::diversion},
    {"Subject", HeaderId::subject},
    {"Supported", HeaderId::supported},
    {"Require", HeaderId::require},
    {"Proxy-Require", HeaderId::proxy_require},
    {"Accept", HeaderId::accept},
    {"Date", HeaderId::date},
    {"Event", HeaderId::event},
    {"Allow-Events", HeaderId::allow_events},
    {"Refer-To", HeaderId::refer_to},
    {"Referred-By", HeaderId::referred_by},
    {"Session-Expires", HeaderId::session_expires},
    {"Identity", HeaderId::identity},
    {"Identity-Info", HeaderId::identity_info},
    {"Accept-Contact", HeaderId::accept_contact},
    {"Reject-Contact", HeaderId::reject_contact},
    {"Request-Disposition", HeaderId::request_disposition},
    {"Warning", HeaderId::warning},
    {"Retry-After", HeaderId::retry_after},
    {"Organization", HeaderId::organization},
    {"X-Asterisk-HangupCause", HeaderId::x_asterisk_hangupcause},
}};

// RFC 3261 (i m e l c f s k t v), RFC 6665 (o u), RFC 3515 (r), RFC 3892 (b),
// RFC 4028 (x), RFC 4474 (y n), RFC 3841 (a j d).
constexpr std::array<NameEntry, 20> k_compact{{
    {"i", HeaderId::call_id},
    {"m", HeaderId::contact},
    {"e", HeaderId::content_encoding},
    {"l", HeaderId::content_length},
    {"c", HeaderId::content_type},
    {"f", HeaderId::from},
    {"s", HeaderId::subject},
    {"k", HeaderId::supported},
    {"t", HeaderId::to},
    {"v", HeaderId::via},
    {"o", HeaderId::event},
    {"u", HeaderId::allow_events},
    {"r", HeaderId::refer_to},
    {"b", HeaderId::referred_by},
    {"x", HeaderId::session_expires},
    {"y", HeaderId::identity},
    {"n", HeaderId::identity_info},
    {"a", HeaderId::accept_contact},
    {"j", HeaderId::reject_contact},
    {"d", HeaderId::request_disposition},
}};

constexpr std::size_t k_slots = 256;  // power of two, > 3x the entries

constexpr std::size_t slot_of(std::string_view name) {
    const auto first = static_cast<unsigned char>(scan::lower(name.front()));
    const auto last = static_cast<unsigned char>(scan::lower(name.back()));
    return (name.size() * 31U + first * 7U + last * 13U) & (k_slots - 1);
}

using Table = std::array<NameEntry, k_slots>;

constexpr void insert(Table& table, NameEntry entry) {
    std::size_t slot = slot_of(entry.name);
    while (!table[slot].name.empty()) slot = (slot + 1) & (k_slots - 1);
    table[slot] = entry;
}

constexpr Table build() {
    Table table{};
    for (std::size_t i = 1; i < k_long.size(); ++i) insert(table, k_long[i]);
    for (const NameEntry& e : k_compact) insert(table, e);
    return table;
}

constexpr Table k_table = build();

constexpr bool long_names_in_enum_order() {
    for (std::size_t i = 0; i < k_long.size(); ++i) {
        if (static_cast<std::size_t>(k_long[i].id) != i) return false;
    }
    return true;
}
static_assert(long_names_in_enum_order(), "k_long must list every HeaderId in enum order");

constexpr bool names_fit() {
    for (const NameEntry& e : k_long) {
        if (e.name.size() > 24) return false;
    }
    return true;
}
static_assert(names_fit(), "LowerNames holds names of at most 24 characters");

// Lowercase copies of the table names, so a lookup folds only its input.
struct LowerNames {
    std::array<std::array<char, 24>, k_slots> text{};
};
constexpr LowerNames lower_names() {
    LowerNames out{};
    for (std::size_t i = 0; i < k_slots; ++i) {
        const std::string_view n = k_table[i].name;
        for (std::size_t j = 0; j < n.size() && j < out.text[i].size(); ++j) out.text[i][j] = scan::lower(n[j]);
    }
    return out;
}
constexpr LowerNames k_lower = lower_names();

bool matches(std::size_t slot, std::string_view name) {
    if (k_table[slot].name.size() != name.size()) return false;
    const auto& lower = k_lower.text[slot];
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (scan::lower(name[i]) != lower[i]) return false;
    }
    return true;
}
}  // namespace

HeaderId header_id(std::string_view name) {
    if (name.empty()) return HeaderId::other;
    for (std::size_t slot = slot_of(name);; slot = (slot + 1) & (k_slots - 1)) {
        const NameEntry& e = k_table[slot];
        if (e.name.empty()) return HeaderId::other;
        if (matches(slot, name)) return e.id;
    }
}

std::string_view header_name(HeaderId id) {
    const auto i = static_cast<std::size_t>(id);
    return i < k_long.size() ? k_long[i].name : std::string_view{};
}

}  // namespace sipwarden::sip
