// Fuzz target: the kamailio.cfg reader (preprocessor, listen, loadmodule).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/kamailio_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::audit;
    sipwarden::core::DiagnosticList diagnostics;
    (void)read_kamailio(std::string_view(reinterpret_cast<const char*>(data), size), "kamailio.cfg", Limits{},
                        diagnostics);
    return 0;
}
