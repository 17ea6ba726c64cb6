// Fuzz target: the Asterisk .conf parser and the dialplan builder, with
// includes resolved against a second in-memory file cut from the input.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "audit/asterisk_model.h"
#include "audit/toll_fraud.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::audit;
    const std::string text(reinterpret_cast<const char*>(data), size);
    // The first half is extensions.conf, the second an included file.
    const auto half = text.size() / 2;
    const std::map<std::string, std::string> files{{"extensions.conf", text.substr(0, half) + "\n#include inc.conf\n"},
                                                   {"inc.conf", text.substr(half)},
                                                   {"pjsip.conf", text}};
    sipwarden::core::DiagnosticList diagnostics;
    Limits limits;
    limits.max_dialplan_steps = 2000;
    const auto config = read_asterisk(MemoryLoader(files), limits, diagnostics);
    for (const auto& [name, context] : config.dialplan.contexts) {
        (void)find_fraud_path(config.dialplan, name, EntryKind::dialled_number, fraud_probes({}), limits);
        break;
    }
    return 0;
}
