// Large-page blocks: mmap, trim to a 2 MiB boundary, madvise(MADV_HUGEPAGE).
#include "core/large_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>

namespace sipwarden::core {

namespace {
std::atomic<std::size_t> g_mapped{0};

std::size_t whole_pages(std::size_t bytes) { return (bytes + k_large_page - 1) / k_large_page * k_large_page; }
}  // namespace

void* map_large(std::size_t bytes) {
    const std::size_t size = whole_pages(bytes);
    // Map one large page more, then unmap the ends so the block starts on a boundary.
    const std::size_t span = size + k_large_page;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + k_large_page - 1) & ~(std::uintptr_t{k_large_page} - 1);
    const std::size_t head = aligned - start;
    const std::size_t tail = span - head - size;
    if (head > 0) ::munmap(raw, head);
    if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
    void* block = reinterpret_cast<void*>(aligned);
    g_mapped.fetch_add(size, std::memory_order_relaxed);
    // Advice only: without transparent huge pages the block is ordinary memory.
    ::madvise(block, size, MADV_HUGEPAGE);
    return block;
}

void advise_heap_large_pages(std::size_t step) noexcept {
    static std::uintptr_t advised_end = 0;
    if (!k_large_pages_mapped) return;
    if (advised_end == 0) {
        ::mallopt(M_TOP_PAD, static_cast<int>(step));
        advised_end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
        return;
    }
    const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
    if (end <= advised_end) return;
    const std::uintptr_t from = advised_end & ~(std::uintptr_t{k_large_page} - 1);
    ::madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
    advised_end = end;
}

void unmap_large(void* block, std::size_t bytes) noexcept {
    if (block == nullptr) return;
    ::munmap(block, whole_pages(bytes));
    g_mapped.fetch_sub(whole_pages(bytes), std::memory_order_relaxed);
}

std::size_t large_bytes_mapped() noexcept { return g_mapped.load(std::memory_order_relaxed); }

}  // namespace sipwarden::core
