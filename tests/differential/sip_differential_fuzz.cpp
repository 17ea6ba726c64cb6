// Differential fuzz target: any input on which the base revision's parser
// and this tree's disagree aborts, with the first differing dump line.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "sip_differential.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string diff =
        sipwarden::differential::compare(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!diff.empty()) {
        std::fprintf(stderr, "%s", diff.c_str());
        std::abort();
    }
    return 0;
}
