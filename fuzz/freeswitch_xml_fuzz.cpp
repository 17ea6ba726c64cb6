// Fuzz target: the FreeSWITCH preprocessor (X-PRE-PROCESS, $${var}) and the
// XML reader, and the dialplan simulator over what it read.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "audit/freeswitch_model.h"
#include "audit/toll_fraud.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::audit;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::map<std::string, std::string> files{{"freeswitch.xml", text},
                                                   {"vars.xml", text.substr(0, text.size() / 2)}};
    sipwarden::core::DiagnosticList diagnostics;
    Limits limits;
    limits.max_include_depth = 4;
    limits.max_dialplan_steps = 2000;
    const auto config = read_freeswitch(MemoryLoader(files), limits, diagnostics);
    for (const auto& context : config.contexts) {
        (void)find_fraud_path(config, context.name, fraud_probes({}), limits);
        break;
    }
    return 0;
}
