// Fuzz target: Kamailio acc flatstore lines (transactions paired by Call-ID).
#include "cdr_fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    sipwarden::fuzz::fuzz_format(data, size, sipwarden::fraud::built_in_format("kamailio-acc"));
    return 0;
}
