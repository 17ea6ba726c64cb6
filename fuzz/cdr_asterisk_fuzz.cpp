// Fuzz target: Asterisk cdr_csv Master.csv lines.
#include "cdr_fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    sipwarden::fuzz::fuzz_format(data, size, sipwarden::fraud::built_in_format("asterisk"));
    return 0;
}
