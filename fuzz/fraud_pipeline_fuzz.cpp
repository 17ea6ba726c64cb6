// Fuzz target: the whole fraud pipeline on arbitrary CDR text: format
// detection, parsing, number classification, every detector, alert building.
// A fresh monitor per input, so every finding reproduces from its input alone.
#include <memory>

#include "cdr_fuzz_support.h"
#include "fraud/monitor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden;
    fraud::MonitorSetup setup;
    setup.site.home_country = "GB";
    setup.site.timezone = "Europe/London";
    setup.site.dialing.outside_line_prefix = "9";
    setup.fraud.new_destination.learning_days = 0;
    core::DiagnosticList diagnostics;
    auto monitor = fraud::FraudMonitor::create(setup, diagnostics);
    if (!monitor) return 0;
    auto& m = **monitor;
    m.set_alert_handler([](const core::Alert& alert, std::string_view) {
        (void)alert.to_eve().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    });
    fraud::CdrStream stream("fuzz.csv", std::nullopt, m.cdr_clock());
    stream.feed_all(std::string_view(reinterpret_cast<const char*>(data), size), m);
    return 0;
}
