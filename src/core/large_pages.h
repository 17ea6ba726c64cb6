// An allocator for the trackers' large tables: blocks of 2 MiB and more are
// mapped on their own, aligned to 2 MiB and offered to the kernel's
// transparent huge pages (madvise), so that a table of tens of megabytes
// costs a few page faults and TLB entries instead of thousands. Smaller
// blocks come from operator new. docs/performance.md has the figures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace sipwarden::core {

inline constexpr std::size_t k_large_page = std::size_t{2} << 20;

// Under AddressSanitizer every block comes from operator new, so that the
// sanitizer still checks the tables' bounds.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool k_large_pages_mapped = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool k_large_pages_mapped = false;
#else
inline constexpr bool k_large_pages_mapped = true;
#endif
#else
inline constexpr bool k_large_pages_mapped = true;
#endif

// A block of at least `bytes` (rounded up to whole large pages), aligned to
// a large page; throws std::bad_alloc when the kernel refuses the mapping.
void* map_large(std::size_t bytes);
void unmap_large(void* block, std::size_t bytes) noexcept;
// Bytes of large-page blocks mapped now (whole large pages), for memory figures.
std::size_t large_bytes_mapped() noexcept;

// The process's heap (malloc's brk heap) on large pages too: the first call
// makes the heap grow in steps of `step` bytes (M_TOP_PAD); every later call
// offers the part grown since the one before to the kernel's transparent
// huge pages, before most of it is touched. Cheap when nothing grew (one
// sbrk(0)): call it now and then, always from the same thread, the one that
// allocates the most. It changes no result, only page faults and TLB misses
// (what glibc's tunable glibc.malloc.hugetlb=1 does, which a program cannot
// set for itself). A no-op under AddressSanitizer.
void advise_heap_large_pages(std::size_t step = std::size_t{64} << 20) noexcept;

template <typename T>
class LargePageAllocator {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "over-aligned records need an aligned operator new");

public:
    using value_type = T;

    LargePageAllocator() = default;
    template <typename U>
    LargePageAllocator(const LargePageAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (k_large_pages_mapped && bytes >= k_large_page) return static_cast<T*>(map_large(bytes));
        return static_cast<T*>(::operator new(bytes));
    }

    // The size tells the two kinds of block apart, as std::allocator's contract passes the same n.
    void deallocate(T* p, std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if (k_large_pages_mapped && bytes >= k_large_page) {
            unmap_large(p, bytes);
        } else {
            ::operator delete(p);
        }
    }

    template <typename U>
    bool operator==(const LargePageAllocator<U>&) const noexcept {
        return true;
    }
};

}  // namespace sipwarden::core
