// KeyedSlots: records in a slot vector, found through an open-addressing
// index of 64-bit key hashes. Several records may share a hash (collisions
// or equal keys): lookups confirm the full key with a predicate. Freed slots
// are reused; a generation number per slot tells stale timers apart. Lookup
// and insert are O(1) expected; the index grows by doubling, up to the
// capacity the caller enforces.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/large_pages.h"

namespace sipwarden::session {

inline constexpr std::uint32_t k_no_slot = UINT32_MAX;

template <typename Record>
class KeyedSlots {
public:
    std::size_t size() const { return m_live; }
    Record& at(std::uint32_t slot) { return m_records[slot]; }
    const Record& at(std::uint32_t slot) const { return m_records[slot]; }
    std::uint32_t generation(std::uint32_t slot) const { return m_generations[slot]; }
    bool live(std::uint32_t slot, std::uint32_t generation) const {
        return slot < m_records.size() && m_generations[slot] == generation && m_in_use[slot];
    }

    // The first live record with this hash that `matches`, or k_no_slot.
    template <typename Matches>
    std::uint32_t find(std::uint64_t hash, Matches matches) const {
        if (m_index.empty()) return k_no_slot;
        const auto tag = tag_of(hash);
        for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const Entry& e = m_index[i];
            if (e.slot == k_empty) return k_no_slot;
            if (e.slot != k_deleted && e.tag == tag && matches(m_records[e.slot])) return e.slot;
        }
    }

    // A fresh, default-constructed record filed under `hash`.
    std::uint32_t insert(std::uint64_t hash) {
        if ((m_live + m_deleted + 1) * 2 > m_index.size()) rehash(std::max<std::size_t>(64, m_live * 4));
        std::uint32_t slot;
        if (!m_free.empty()) {
            slot = m_free.back();
            m_free.pop_back();
            m_records[slot] = Record{};
        } else {
            slot = static_cast<std::uint32_t>(m_records.size());
            m_records.emplace_back();
            m_generations.push_back(0);
            m_in_use.push_back(false);
            m_hashes.push_back(0);
        }
        ++m_generations[slot];
        m_in_use[slot] = true;
        m_hashes[slot] = hash;
        place(hash, slot);
        ++m_live;
        return slot;
    }

    // The hash live record `slot` is filed under.
    std::uint64_t hash_of(std::uint32_t slot) const { return m_hashes[slot]; }

    // Files live record `slot` under `hash` instead.
    void refile(std::uint32_t slot, std::uint64_t hash) {
        unplace(slot);
        m_hashes[slot] = hash;
        if ((m_live + m_deleted + 1) * 2 > m_index.size()) {
            rehash(std::max<std::size_t>(64, m_live * 4));  // files every live record under its hash
        } else {
            place(hash, slot);
        }
    }

    void erase(std::uint32_t slot) {
        unplace(slot);
        m_in_use[slot] = false;
        ++m_generations[slot];
        m_records[slot] = Record{};  // release what the record holds
        m_free.push_back(slot);
        --m_live;
    }

    template <typename Visit>
    void for_each(Visit visit) {
        for (std::uint32_t slot = 0; slot < m_records.size(); ++slot) {
            if (m_in_use[slot]) visit(slot, m_records[slot]);
        }
    }
    template <typename Visit>
    void for_each(Visit visit) const {
        for (std::uint32_t slot = 0; slot < m_records.size(); ++slot) {
            if (m_in_use[slot]) visit(slot, m_records[slot]);
        }
    }

private:
    static constexpr std::uint32_t k_empty = UINT32_MAX;
    static constexpr std::uint32_t k_deleted = UINT32_MAX - 1;
    // 8 bytes: the upper half of the hash (the lower bits pick the bucket) and the slot.
    struct Entry {
        std::uint32_t tag = 0;
        std::uint32_t slot = k_empty;
    };
    static std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

    void unplace(std::uint32_t slot) {
        for (std::size_t i = m_hashes[slot] & m_mask;; i = (i + 1) & m_mask) {
            Entry& e = m_index[i];
            if (e.slot == slot) {
                e.slot = k_deleted;
                ++m_deleted;
                return;
            }
        }
    }

    void place(std::uint64_t hash, std::uint32_t slot) {
        for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            if (m_index[i].slot == k_empty || m_index[i].slot == k_deleted) {
                if (m_index[i].slot == k_deleted) --m_deleted;
                m_index[i] = Entry{tag_of(hash), slot};
                return;
            }
        }
    }

    void rehash(std::size_t minimum) {
        std::size_t size = 64;
        while (size < minimum) size *= 2;
        m_index.assign(size, Entry{});
        m_mask = size - 1;
        m_deleted = 0;
        for (std::uint32_t slot = 0; slot < m_records.size(); ++slot) {
            if (m_in_use[slot]) place(m_hashes[slot], slot);
        }
    }

    // The records and the index of the large tables reach tens of megabytes: large pages.
    template <typename T>
    using Table = std::vector<T, core::LargePageAllocator<T>>;
    Table<Record> m_records;
    Table<std::uint32_t> m_generations;
    std::vector<bool> m_in_use;
    Table<std::uint64_t> m_hashes;
    std::vector<std::uint32_t> m_free;
    Table<Entry> m_index;
    std::size_t m_mask = 0;
    std::size_t m_live = 0;
    std::size_t m_deleted = 0;
};

}  // namespace sipwarden::session
