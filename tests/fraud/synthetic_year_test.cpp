// The synthetic year: every injected fraud episode is caught with the right
// account and time, and the clean year raises nothing above low severity.
#include "synthetic_year.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "config/sipwarden_config.h"
#include "fraud/runner.h"

namespace sipwarden::testing {
namespace {

struct Raised {
    core::Alert alert;
    std::string account;
};

std::string write_temp(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / ("sipwarden-synthetic-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::vector<Raised> run_year(const SyntheticYear& year, fraud::MonitorStats* stats = nullptr) {
    const auto rates = write_temp("rates.csv", SyntheticYear::rate_table_csv());
    core::DiagnosticList diagnostics;
    auto config = config::load_config_text(SyntheticYear::config_yaml(rates), "synthetic.yaml", diagnostics);
    EXPECT_TRUE(config);
    config::YamlReader reader(config->file, diagnostics);
    fraud::MonitorSetup setup{config->site, fraud::parse_fraud_config(config->section("fraud"), reader)};
    EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.items()[0].format();
    auto monitor = fraud::FraudMonitor::create(setup, diagnostics);
    EXPECT_TRUE(monitor) << monitor.error().message;
    std::vector<Raised> raised;
    (*monitor)->set_alert_handler([&](const core::Alert& a, std::string_view account) {
        raised.push_back({a, std::string(account)});
    });
    fraud::RunOptions options;
    options.files = {write_temp("Master.csv", year.csv)};
    auto ran = fraud::run(**monitor, nullptr, options);
    EXPECT_TRUE(ran) << ran.error().message;
    EXPECT_EQ((*monitor)->stats().bad_lines, 0u);
    EXPECT_EQ((*monitor)->stats().records, year.records);
    if (stats != nullptr) *stats = (*monitor)->stats();
    return raised;
}

std::string describe(const Raised& r) {
    return r.alert.timestamp.to_iso8601() + " " + std::string(core::to_string(r.alert.severity)) + " " +
           r.alert.signature_id + " [" + r.account + "] " + r.alert.signature;
}

TEST(SyntheticYear, CleanYearRaisesNothingAboveLow) {
    SyntheticOptions options;
    options.inject_fraud = false;
    const auto year = make_synthetic_year(options);
    ASSERT_GT(year.records, 100'000u);
    fraud::MonitorStats stats;
    const auto raised = run_year(year, &stats);
    EXPECT_GT(stats.international, 1000u);
    EXPECT_GT(stats.inbound, 10'000u);
    std::size_t low = 0;
    for (const auto& r : raised) {
        EXPECT_LE(r.alert.severity, core::Severity::low) << describe(r);
        low += r.alert.severity == core::Severity::low ? 1 : 0;
    }
    // Some low alerts are expected (a usual country called for the first time after learning).
    RecordProperty("low_alerts", static_cast<int>(low));
}

TEST(SyntheticYear, EveryInjectedEpisodeIsCaughtWithItsAccountAndTime) {
    const auto year = make_synthetic_year({});
    ASSERT_EQ(year.episodes.size(), 9u);
    const auto raised = run_year(year);
    for (const auto& episode : year.episodes) {
        bool caught = false;
        for (const auto& r : raised) {
            const auto t = r.alert.timestamp.ns();
            if (r.alert.signature_id == episode.rule && r.account == episode.account && t >= episode.start_ns &&
                t <= episode.end_ns + 60 * core::k_ns_per_second && r.alert.severity >= core::Severity::medium) {
                caught = true;
                const auto& fraud = r.alert.details["fraud"];
                EXPECT_EQ(fraud["account"], episode.account);
                EXPECT_FALSE(fraud["calls"].empty());
            }
        }
        EXPECT_TRUE(caught) << episode.kind << " (" << episode.rule << ") on " << episode.account << " at "
                            << core::Timestamp::from_ns(episode.start_ns).to_iso8601() << " was not caught";
    }
    // Nothing above low outside the episodes.
    for (const auto& r : raised) {
        if (r.alert.severity <= core::Severity::low) continue;
        bool explained = false;
        for (const auto& e : year.episodes) {
            explained = explained || (r.account == e.account && r.alert.timestamp.ns() >= e.start_ns &&
                                      r.alert.timestamp.ns() <= e.end_ns + 3600 * core::k_ns_per_second);
        }
        EXPECT_TRUE(explained) << "unexpected: " << describe(r);
    }
}

}  // namespace
}  // namespace sipwarden::testing
