// Header-name lookup: a compile-time open-addressing table keyed by length,
// first and last letter, confirmed by one case-insensitive comparison.
#include <array>
#include <cstring>

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
constexpr std::size_t k_max_name = 24;

constexpr bool names_fit() {
    for (const NameEntry& e : k_long) {
        if (e.name.size() > k_max_name) return false;
    }
    return true;
}
static_assert(names_fit(), "Slot holds names of at most 24 characters");

constexpr bool names_are_letters_and_dashes() {
    for (const NameEntry& e : k_long) {
        for (char c : e.name) {
            if (!scan::is_alpha(c) && c != '-') return false;
        }
    }
    return true;
}
static_assert(names_are_letters_and_dashes(), "word_matches relies on names made of letters and '-'");

// Hash of a name by its length and its first and last byte with the case
// bit set (exact for letters, and any byte hashes consistently).
constexpr std::size_t slot_of(std::size_t size, char first, char last) {
    const auto f = static_cast<unsigned char>(first | 0x20);
    const auto l = static_cast<unsigned char>(last | 0x20);
    return (size * 31U + f * 7U + l * 13U) & (k_slots - 1);
}

// One slot of the open-addressing table: the name in lower case, zero-padded.
struct Slot {
    std::uint8_t size = 0;  // 0: empty
    HeaderId id = HeaderId::other;
    std::array<char, k_max_name> lower{};
};
using Table = std::array<Slot, k_slots>;

constexpr void insert(Table& table, NameEntry entry) {
    std::size_t slot = slot_of(entry.name.size(), entry.name.front(), entry.name.back());
    while (table[slot].size != 0) slot = (slot + 1) & (k_slots - 1);
    table[slot].size = static_cast<std::uint8_t>(entry.name.size());
    table[slot].id = entry.id;
    for (std::size_t i = 0; i < entry.name.size(); ++i) table[slot].lower[i] = scan::lower(entry.name[i]);
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

// Eight bytes of `text` at `at` against the table name at the same offset,
// counting only the bytes set in `keep`: a byte matches when equal, or when
// the table byte is a letter and the input byte is its uppercase form.
// Table bytes are letters (bit 0x40 set) or '-', so the letters' case bit
// (0x20) is the only one allowed to differ.
inline std::uint64_t word_difference(std::string_view text, const Slot& slot, std::size_t at) {
    std::uint64_t w = 0, t = 0;
    std::memcpy(&w, text.substr(at, 8).data(), 8);
    std::memcpy(&t, slot.lower.data() + at, 8);
    return (w ^ t) & ~((t & 0x4040404040404040ULL) >> 1);
}

// Whether the first `n` bytes of `text` spell the slot's name (n == its size).
bool matches(const Slot& slot, std::string_view text, std::size_t n) {
    if (n < 8) {
        if (text.size() >= 8) return (word_difference(text, slot, 0) & ((1ULL << (8 * n)) - 1)) == 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (scan::fold(text[i]) != slot.lower[i]) return false;
        }
        return true;
    }
    // Whole words, the last one overlapping the one before so it ends at the end of the name.
    std::uint64_t difference = word_difference(text, slot, n - 8);
    for (std::size_t at = 0; at + 8 < n; at += 8) difference |= word_difference(text, slot, at);
    return difference == 0;
}
}  // namespace

HeaderId header_id(std::string_view name) { return header_id_prefix(name, name.size()); }

HeaderId header_id_prefix(std::string_view text, std::size_t n) {
    if (n == 0 || n > text.size()) return HeaderId::other;
    for (std::size_t slot = slot_of(n, text.front(), text[n - 1]);; slot = (slot + 1) & (k_slots - 1)) {
        const Slot& e = k_table[slot];
        if (e.size == n && matches(e, text, n)) return e.id;
        if (e.size == 0) return HeaderId::other;
    }
}

std::string_view header_name(HeaderId id) {
    const auto i = static_cast<std::size_t>(id);
    return i < k_long.size() ? k_long[i].name : std::string_view{};
}

}  // namespace sipwarden::sip
