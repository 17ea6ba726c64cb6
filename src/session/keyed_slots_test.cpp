#include "session/keyed_slots.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace sipwarden::session {
namespace {

struct Record {
    int key = 0;
};

std::uint64_t spread(int i) { return static_cast<std::uint64_t>(i) * std::uint64_t{0x9e3779b97f4a7c15}; }

std::uint32_t find(const KeyedSlots<Record>& slots, std::uint64_t hash, int key) {
    return slots.find(hash, [&](const Record& r) { return r.key == key; });
}

TEST(KeyedSlots, FindsRecordsSharingAHashByTheirKey) {
    KeyedSlots<Record> slots;
    const std::uint32_t a = slots.insert(7);
    slots.at(a).key = 1;
    const std::uint32_t b = slots.insert(7);
    slots.at(b).key = 2;
    EXPECT_EQ(find(slots, 7, 1), a);
    EXPECT_EQ(find(slots, 7, 2), b);
    EXPECT_EQ(find(slots, 7, 3), k_no_slot);
    slots.erase(a);
    EXPECT_EQ(find(slots, 7, 1), k_no_slot);
    EXPECT_EQ(find(slots, 7, 2), b);
    EXPECT_EQ(slots.size(), 1U);
}

// A refiled record is found under its new hash only, keeps its slot and
// generation, and survives the index growing around it.
TEST(KeyedSlots, RefiledRecordsAreFoundUnderTheirNewHash) {
    KeyedSlots<Record> slots;
    const std::uint32_t moved = slots.insert(100);
    slots.at(moved).key = 42;
    const std::uint32_t generation = slots.generation(moved);
    slots.refile(moved, 200);
    EXPECT_EQ(find(slots, 100, 42), k_no_slot);
    EXPECT_EQ(find(slots, 200, 42), moved);
    EXPECT_EQ(slots.hash_of(moved), 200U);
    EXPECT_TRUE(slots.live(moved, generation));
    // Enough records and refiles to rehash the index several times.
    std::vector<std::uint32_t> others;
    for (int i = 0; i < 1000; ++i) {
        const std::uint32_t s = slots.insert(spread(i));
        slots.at(s).key = 1000 + i;
        others.push_back(s);
        if (i % 3 == 0) slots.refile(s, static_cast<std::uint64_t>(i) + 1);
    }
    EXPECT_EQ(find(slots, 200, 42), moved);
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t hash = i % 3 == 0 ? static_cast<std::uint64_t>(i) + 1 : spread(i);
        EXPECT_EQ(find(slots, hash, 1000 + i), others[static_cast<std::size_t>(i)]) << i;
    }
    slots.erase(moved);
    EXPECT_EQ(find(slots, 200, 42), k_no_slot);
    EXPECT_EQ(slots.size(), 1000U);
}

}  // namespace
}  // namespace sipwarden::session
