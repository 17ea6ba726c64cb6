#include "core/large_pages.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace sipwarden::core {
namespace {

TEST(LargePages, LargeBlocksStartOnALargePageAndSmallOnesComeFromTheHeap) {
    LargePageAllocator<std::uint64_t> allocator;
    const std::size_t large = k_large_page / sizeof(std::uint64_t) + 3;  // a little over one large page
    std::uint64_t* block = allocator.allocate(large);
    if (k_large_pages_mapped) {
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % k_large_page, 0u);
    }
    for (std::size_t i = 0; i < large; ++i) block[i] = i;  // every byte of the rounded-up block is usable
    EXPECT_EQ(block[large - 1], large - 1);
    allocator.deallocate(block, large);

    std::uint64_t* small = allocator.allocate(10);
    ASSERT_NE(small, nullptr);
    small[9] = 9;
    allocator.deallocate(small, 10);
}

TEST(LargePages, VectorKeepsItsValuesAcrossGrowthFromSmallToLarge) {
    std::vector<std::uint32_t, LargePageAllocator<std::uint32_t>> values;
    const std::uint32_t count = 3 * k_large_page / sizeof(std::uint32_t);
    for (std::uint32_t i = 0; i < count; ++i) values.push_back(i * 7);
    if (k_large_pages_mapped) {
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(values.data()) % k_large_page, 0u);
    }
    for (std::uint32_t i = 0; i < count; i += 4099) ASSERT_EQ(values[i], i * 7);
    values.resize(5);
    values.shrink_to_fit();  // back to a heap block
    EXPECT_EQ(values[4], 28u);
}

TEST(LargePages, ImpossibleSizesThrowInsteadOfWrapping) {
    LargePageAllocator<std::uint64_t> allocator;
    EXPECT_THROW((void)allocator.allocate(SIZE_MAX / 4), std::bad_array_new_length);
}

}  // namespace
}  // namespace sipwarden::core

namespace sipwarden::core {
namespace {

// The VmFlags line of the /proc/self/smaps mapping that holds `p`.
std::string vm_flags_of(const void* p) {
    std::ifstream smaps("/proc/self/smaps");
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    std::string line;
    bool inside = false;
    while (std::getline(smaps, line)) {
        std::uintptr_t from = 0, to = 0;
        if (std::sscanf(line.c_str(), "%lx-%lx ", &from, &to) == 2 && line.find('-') < 16) {
            inside = from <= at && at < to;
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return line;
        }
    }
    return {};
}

TEST(LargePages, HeapGrownAfterTheAdviceIsOfferedToHugePages) {
    if (!k_large_pages_mapped) GTEST_SKIP() << "sanitizer build: malloc is the sanitizer's";
    advise_heap_large_pages(std::size_t{8} << 20);
    // Small blocks, as the trackers allocate, until the heap has grown by tens of megabytes.
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 40000; ++i) blocks.emplace_back(new char[1000]);
    advise_heap_large_pages();
    const char* last = blocks.back().get();
    if (reinterpret_cast<std::uintptr_t>(last) >= reinterpret_cast<std::uintptr_t>(::sbrk(0)))
        GTEST_SKIP() << "this malloc does not grow the heap with brk";
    EXPECT_NE(vm_flags_of(last).find(" hg"), std::string::npos) << vm_flags_of(last);
}

}  // namespace
}  // namespace sipwarden::core
