// ParseMemo: the last successful results of a header-value parser, keyed by
// the exact bytes of the value. The messages of one dialog repeat their
// From, To and Contact values byte for byte (an INVITE, its 100, 180 and
// 200, the ACK, the BYE ...), so a hit replaces a parse of about a
// thousand instructions by a hash, a comparison and a copy. A result depends
// on nothing but the value's bytes, so a hit gives exactly what parsing
// would: the remembered result is kept relative to a private copy of the
// bytes and moved onto the new value. Failures are not remembered (they take
// the parser's slow paths and are rare). Each parsing thread has its own
// memo (thread_local), a fixed direct-mapped table: no locking, bounded
// memory, and a flood of unique values costs only the misses (hash and copy).
// See docs/sip-parser.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace sipwarden::sip {

// A cheap hash of `text` from its size and three of its 8-byte words (the
// first, the middle and the last): it only picks a slot, and find()
// compares every byte, so values that share those words merely evict each
// other.
inline std::uint64_t memo_hash(std::string_view text) {
    const std::size_t n = text.size();
    std::uint64_t a = 0, b = 0, c = 0;
    if (n >= 8) {
        std::memcpy(&a, text.data(), 8);
        std::memcpy(&b, text.substr(n / 2 - 4, 8).data(), 8);
        std::memcpy(&c, text.substr(n - 8).data(), 8);
    } else {
        std::memcpy(&a, text.data(), n);
    }
    std::uint64_t h = (a ^ (b << 1 | b >> 63) ^ (c << 3 | c >> 61) ^ n) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

// Moves a view into [from, from + size] onto the same offset of `to`; views
// elsewhere (null, literals) are left alone. Unsigned arithmetic: a view
// before `from` wraps around to a large offset.
inline void rebase(std::string_view& view, const char* from, std::size_t size, const char* to) {
    const std::uintptr_t offset =
        reinterpret_cast<std::uintptr_t>(view.data()) - reinterpret_cast<std::uintptr_t>(from);
    if (offset <= size) view = std::string_view(to + offset, view.size());
}

// `Result` must provide a free function for_each_view(Result&, F) that calls
// F on every std::string_view it holds.
template <typename Result, std::size_t Slots = 256, std::size_t MaxBytes = 112>
class ParseMemo {
    static_assert((Slots & (Slots - 1)) == 0, "Slots must be a power of two");

public:
    static constexpr std::size_t k_max_bytes = MaxBytes;

    // True, with `out` set as parsing `text` would set it, when `text` was
    // remembered. Empty values never are (an empty slot has size 0).
    bool find(std::string_view text, std::uint64_t hash, Result& out) const {
        const Entry& e = m_entries[hash & (Slots - 1)];
        if (text.empty() || e.hash != hash || e.size != text.size() ||
            std::memcmp(e.bytes.data(), text.data(), text.size()) != 0)
            return false;
        out = e.result;
        move_views(out, e.bytes.data(), text.size(), text.data());
        return true;
    }

    // Remembers `result`, parsed from `text`, in place of what had its slot.
    void remember(std::string_view text, std::uint64_t hash, const Result& result) {
        if (text.size() > MaxBytes || text.empty()) return;
        Entry& e = m_entries[hash & (Slots - 1)];
        e.hash = hash;
        e.size = text.size();
        std::memcpy(e.bytes.data(), text.data(), text.size());
        e.result = result;
        move_views(e.result, text.data(), text.size(), e.bytes.data());
    }

private:
    struct Entry {
        std::uint64_t hash = 0;
        std::size_t size = 0;  // 0: empty (empty values are never remembered)
        std::array<char, MaxBytes> bytes{};
        Result result{};
    };

    [[gnu::always_inline]] static void move_views(Result& result, const char* from, std::size_t size, const char* to) {
        for_each_view(result, [&](std::string_view& view) { rebase(view, from, size, to); });
    }

    std::array<Entry, Slots> m_entries{};
};

// Parses `value` with `Fresh` (bool(std::string_view, Result&, Why&), Why{}
// meaning no error), answering from this thread's memo for `Fresh` when it
// remembers `value` and remembering what `Fresh` parses successfully.
template <auto Fresh, typename Result, typename Why>
bool parse_memoized(std::string_view value, Result& out, Why& why) {
    using Memo = ParseMemo<Result>;
    if (value.empty() || value.size() > Memo::k_max_bytes) return Fresh(value, out, why);
    thread_local std::unique_ptr<Memo> memo;
    if (!memo) memo = std::make_unique<Memo>();
    const std::uint64_t hash = memo_hash(value);
    if (memo->find(value, hash, out)) {
        why = Why{};
        return true;
    }
    if (!Fresh(value, out, why)) return false;
    memo->remember(value, hash, out);
    return true;
}

}  // namespace sipwarden::sip
