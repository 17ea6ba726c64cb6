// The process-wide hash seed.
#include "core/hash.h"

#include <chrono>
#include <random>

namespace sipwarden::core {

std::uint64_t hash_seed() {
    static const std::uint64_t seed = [] {
        std::random_device device;
        const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        return mix64((std::uint64_t{device()} << 32) ^ device() ^ now);
    }();
    return seed;
}

}  // namespace sipwarden::core
