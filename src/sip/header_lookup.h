// Internal: the header-name lookup, a compile-time table without collisions,
// indexed by a multiplicative hash of the name's size and first eight bytes
// (case bits set), confirmed by a case-insensitive comparison a word at a
// time. Inline: Message::parse_table_lines looks up every header line's
// name, and the call cost about a third of the lookup (header_table.cpp has
// the public functions).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "sip/header_id.h"
#include "sip/scan.h"

namespace sipwarden::sip::header_lookup {

struct NameEntry {
    std::string_view name;
    HeaderId id;
};

// Long names in enum order (index = HeaderId), then compact forms.
inline constexpr std::array<NameEntry, k_header_id_count> k_long{{
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
inline constexpr std::array<NameEntry, 20> k_compact{{
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

inline constexpr std::size_t k_max_name = 24;

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
static_assert(names_are_letters_and_dashes(), "word_difference relies on names made of letters and '-'");

constexpr bool long_names_in_enum_order() {
    for (std::size_t i = 0; i < k_long.size(); ++i) {
        if (static_cast<std::size_t>(k_long[i].id) != i) return false;
    }
    return true;
}
static_assert(long_names_in_enum_order(), "k_long must list every HeaderId in enum order");

// A name in lower case, zero-padded, and its first eight bytes as a
// little-endian word, with the bits of that word that a match must equal:
// all but the case bit of letters, within the name.
struct Entry {
    std::uint8_t size = 0;  // 0: none
    HeaderId id = HeaderId::other;
    std::uint64_t first = 0;
    std::uint64_t first_mask = 0;
    std::array<char, k_max_name> lower{};
};

inline constexpr std::uint64_t k_case_bits = 0x2020202020202020ULL;

// The bits of the first min(n, 8) bytes of a little-endian word (0 < n).
constexpr std::uint64_t low_bytes_mask(std::size_t n) {
    return ~std::uint64_t{0} >> (8 * (8 - std::min<std::size_t>(n, 8)));
}

// The slot of a name from its size and its first word with every case bit
// set: equal for the same letters in any case.
inline constexpr std::size_t k_slot_bits = 9;
constexpr std::size_t slot_of(std::uint64_t first_word, std::size_t n, std::uint64_t multiplier) {
    const std::uint64_t folded = ((first_word | k_case_bits) & low_bytes_mask(n)) ^ (std::uint64_t{n} << 59);
    return static_cast<std::size_t>((folded * multiplier) >> (64 - k_slot_bits));
}

constexpr Entry entry_of(NameEntry e) {
    Entry out;
    out.size = static_cast<std::uint8_t>(e.name.size());
    out.id = e.id;
    for (std::size_t i = 0; i < e.name.size(); ++i) {
        out.lower[i] = scan::lower(e.name[i]);
        if (i < 8) out.first |= std::uint64_t{static_cast<unsigned char>(out.lower[i])} << (8 * i);
    }
    out.first_mask = ~((out.first & 0x4040404040404040ULL) >> 1) & low_bytes_mask(out.size);
    return out;
}

inline constexpr std::size_t k_entries = k_long.size() - 1 + k_compact.size();

constexpr std::array<Entry, k_entries> entries() {
    std::array<Entry, k_entries> out{};
    std::size_t n = 0;
    for (std::size_t i = 1; i < k_long.size(); ++i) out[n++] = entry_of(k_long[i]);
    for (const NameEntry& e : k_compact) out[n++] = entry_of(e);
    return out;
}

inline constexpr std::array<Entry, k_entries> k_entries_list = entries();

// A table without collisions: slot -> 1 + entry index (0: none). The
// multiplier is the first odd one from a fixed sequence that leaves every
// name alone in its slot, found at compile time.
struct Table {
    std::uint64_t multiplier = 0;
    std::array<std::uint8_t, std::size_t{1} << k_slot_bits> slots{};
};

constexpr Table build() {
    std::uint64_t candidate = 0x9e3779b97f4a7c15ULL;
    for (int attempt = 0; attempt < 100000; ++attempt) {
        Table t;
        t.multiplier = candidate | 1;
        bool clash = false;
        for (std::size_t i = 0; i < k_entries && !clash; ++i) {
            std::uint8_t& slot = t.slots[slot_of(k_entries_list[i].first, k_entries_list[i].size, t.multiplier)];
            if (slot != 0) clash = true;
            slot = static_cast<std::uint8_t>(i + 1);
        }
        if (!clash) return t;
        candidate = candidate * 6364136223846793005ULL + 1442695040888963407ULL;
    }
    return Table{};
}

inline constexpr Table k_table = build();
static_assert(k_table.multiplier != 0, "no collision-free multiplier found");

// Bytes of `word` against the table's lower-case `name` word, non-zero where
// they differ: a byte matches when equal, or when the table byte is a letter
// and the input byte is its other case. Table bytes are letters
// (bit 0x40 set) or '-', so the letters' case bit (0x20) is the only one
// allowed to differ.
constexpr std::uint64_t word_difference(std::uint64_t word, std::uint64_t name) {
    return (word ^ name) & ~((name & 0x4040404040404040ULL) >> 1);
}

inline std::uint64_t load_word(const char* p) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    return w;
}
// header_id_prefix (header_id.h).
inline HeaderId lookup_prefix(std::string_view text, std::size_t n) {
    if (n - 1 >= k_max_name || n > text.size()) return HeaderId::other;  // n == 0 wraps around
    std::uint64_t first = 0;
    if (text.size() >= 8) {
        first = load_word(text.data());
    } else {
        for (std::size_t i = 0; i < text.size(); ++i)
            first |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
    }
    const std::uint8_t index = k_table.slots[slot_of(first, n, k_table.multiplier)];
    if (index == 0) return HeaderId::other;
    const Entry& e = k_entries_list[index - 1];
    if (e.size != n || ((first ^ e.first) & e.first_mask) != 0) return HeaderId::other;
    // The rest in whole words, the last one ending at the end of the name
    // (overlapping the one before), against the table's bytes at the same
    // offsets; the byte order does not matter to a bytewise comparison.
    for (std::size_t at = 8; at < n; at += 8) {
        const std::size_t from = std::min(at, n - 8);
        std::uint64_t word = 0, name = 0;
        std::memcpy(&word, text.data() + from, 8);
        std::memcpy(&name, e.lower.data() + from, 8);
        if (word_difference(word, name) != 0) return HeaderId::other;
    }
    return e.id;
}

}  // namespace sipwarden::sip::header_lookup
