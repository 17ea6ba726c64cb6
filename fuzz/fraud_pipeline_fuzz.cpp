// Fuzz target: the whole fraud pipeline on arbitrary CDR text: format
// detection, parsing, number classification, every detector, alert building.
#include <memory>

#include "cdr_fuzz_support.h"
#include "fraud/monitor.h"

namespace {
sipwarden::fraud::FraudMonitor& monitor() {
    static std::unique_ptr<sipwarden::fraud::FraudMonitor> instance = [] {
        sipwarden::fraud::MonitorSetup setup;
        setup.site.home_country = "GB";
        setup.site.timezone = "Europe/London";
        setup.site.dialing.outside_line_prefix = "9";
        setup.fraud.new_destination.learning_days = 0;
        sipwarden::core::DiagnosticList diagnostics;
        auto created = sipwarden::fraud::FraudMonitor::create(setup, diagnostics);
        auto m = std::move(created.value());
        m->set_alert_handler([](const sipwarden::core::Alert& alert, std::string_view) {
            (void)alert.to_eve().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        });
        return m;
    }();
    return *instance;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto& m = monitor();
    fraud::CdrStream stream("fuzz.csv", std::nullopt, m.cdr_clock());
    stream.feed_all(text, m);
    return 0;
}
