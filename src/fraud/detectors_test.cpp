// Every fraud rule fires on its pattern (positive) and stays quiet on the
// nearest innocent pattern (negative).
#include "fraud/detectors.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "config/sipwarden_config.h"
#include "fraud/monitor.h"

namespace sipwarden::fraud {
namespace {

struct Harness {
    std::unique_ptr<FraudMonitor> monitor;
    std::vector<std::pair<core::Alert, std::string>> alerts;
    std::vector<std::string> strings;  // storage the records borrow

    explicit Harness(std::string fraud_yaml = "") {
        core::DiagnosticList diagnostics;
        std::string text =
            "site:\n  home_country: GB\n  timezone: Europe/London\n"
            "  dialing: {international_prefix: '00', national_prefix: '0', outside_line_prefix: '9'}\nfraud:\n";
        if (fraud_yaml.find("new_destination") == std::string::npos) text += "  new_destination: {learning_days: 0}\n";
        text += fraud_yaml;
        auto config = config::load_config_text(text, "test.yaml", diagnostics);
        EXPECT_TRUE(config);
        config::YamlReader reader(config->file, diagnostics);
        auto created =
            FraudMonitor::create({config->site, parse_fraud_config(config->section("fraud"), reader)}, diagnostics);
        EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.items()[0].format();
        EXPECT_TRUE(created) << created.error().message;
        monitor = std::move(created.value());
        monitor->set_alert_handler(
            [this](const core::Alert& a, std::string_view account) { alerts.emplace_back(a, std::string(account)); });
    }

    // `local` is site-local "YYYY-MM-DD HH:MM:SS".
    void call(std::string account, std::string dialled, std::string_view local, std::int64_t billsec = 60,
              Disposition disposition = Disposition::answered, std::string context = "from-internal") {
        strings.push_back(std::move(account));
        const auto a = strings.size() - 1;
        strings.push_back(std::move(dialled));
        const auto d = strings.size() - 1;
        strings.push_back(std::move(context));
        CallRecord r;
        r.account = strings[a];
        r.destination = strings[d];
        r.context = strings.back();
        r.start = monitor->cdr_clock().to_utc(*parse_field_time(local));
        r.end = core::Timestamp::from_ns(r.start.ns() + (billsec + 5) * core::k_ns_per_second);
        r.billsec = disposition == Disposition::answered ? billsec : 0;
        r.duration_s = billsec + 5;
        r.disposition = disposition;
        r.file = "test.csv";
        r.line = strings.size();
        monitor->on_record(r);
    }

    int count(std::string_view rule, core::Severity at_least = core::Severity::info) const {
        int n = 0;
        for (const auto& [a, account] : alerts) n += a.signature_id == rule && a.severity >= at_least ? 1 : 0;
        return n;
    }
};

std::string at(int minute, int second = 0, std::string_view day = "2025-06-04", int hour = 10) {
    return fmt::format("{} {:02}:{:02}:{:02}", day, hour + minute / 60, minute % 60, second);
}

TEST(NewDestination, FirstCallToACountryAlertsOnceWithSeverityByRisk) {
    Harness h;
    h.call("a", "900493012345678", at(0));
    h.call("a", "900493012345679", at(5));
    h.call("a", "900537201234", at(10));
    ASSERT_EQ(h.count(rule::new_destination), 2);
    EXPECT_EQ(h.alerts[0].first.severity, core::Severity::low);
    EXPECT_EQ(h.alerts[1].first.severity, core::Severity::high);
    EXPECT_EQ(h.alerts[1].first.details["fraud"]["destination_key"], "CU");
    EXPECT_EQ(h.alerts[1].first.details["fraud"]["calls"][0]["destination"], "+537201234");
}

TEST(NewDestination, QuietForNationalCallsLearningAndAllowedCountries) {
    Harness h("  new_destination: {learning_days: 30, allow: {countries: [LV]}}\n");
    h.call("a", "902079460018", at(0));
    h.call("a", "900493012345678", at(1));  // learning: medium risk recorded silently
    h.call("a", "90037167000100", at(2));   // allowed country
    EXPECT_EQ(h.count(rule::new_destination), 0);
    h.call("a", "900537201234", at(3));  // high risk alerts even while learning
    EXPECT_EQ(h.count(rule::new_destination, core::Severity::high), 1);
}

TEST(AfterHours, InternationalCallsAtNightEscalate) {
    Harness h;
    for (int i = 0; i < 3; ++i)
        h.call("a", "9003319900123" + std::to_string(i), at(i * 10, 0, "2025-06-08", 3));  // Sunday
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::low), 2);
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::medium), 1);
    h.call("b", "900537201234", at(0, 0, "2025-06-04", 23));
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::high), 1);
}

TEST(AfterHours, AHabitOfCallingAbroadInTheEveningStaysLow) {
    Harness h;
    for (int day = 2; day <= 5; ++day) {  // Monday to Thursday, 20:00
        for (int i = 0; i < 3; ++i)
            h.call("a", "90012125550" + std::to_string(100 + i), at(i * 10, 0, fmt::format("2025-06-{:02}", day), 20));
    }
    // Burst on the first evenings (no habit yet), none once it is a habit.
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::medium), 3);
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::low), 3 + 4);
    h.call("a", "900537201234", at(0, 0, "2025-06-06", 20));  // a high-risk destination still is high
    EXPECT_EQ(h.count(rule::after_hours, core::Severity::high), 1);
}

TEST(AfterHours, QuietInOfficeHoursAndForNationalCalls) {
    Harness h;
    for (int i = 0; i < 5; ++i) h.call("a", "9003319900123" + std::to_string(i), at(i));  // Wednesday 10:00
    for (int i = 0; i < 5; ++i) h.call("b", "90207946001" + std::to_string(i), at(i, 0, "2025-06-08", 3));
    EXPECT_EQ(h.count(rule::after_hours), 0);
}

TEST(Velocity, CallsPerMinuteAboveTheCap) {
    Harness h;
    for (int i = 0; i < 11; ++i) h.call("a", "902079460" + std::to_string(100 + i * 37), at(0, i * 5), 2);
    EXPECT_EQ(h.count(rule::calls_per_minute, core::Severity::high), 1);
    Harness quiet;
    for (int i = 0; i < 10; ++i) quiet.call("a", "902079460" + std::to_string(100 + i * 37), at(0, i * 5), 2);
    EXPECT_EQ(quiet.count(rule::calls_per_minute), 0);
}

TEST(Velocity, AboveTheAccountsOwnHourOfWeekBaseline) {
    auto learn = [](Harness& h, int usual) {
        for (int week = 0; week < 3; ++week) {
            const auto day = fmt::format("2025-06-{:02}", 2 + week * 7);  // Mondays
            for (int i = 0; i < usual; ++i)
                h.call("a", "902079460" + std::to_string(100 + i * 37), at(0, i * 5, day), 2);
        }
    };
    Harness h("  velocity: {min_weeks: 2}\n");
    learn(h, 1);
    for (int i = 0; i < 6; ++i) h.call("a", "902079460" + std::to_string(300 + i * 37), at(0, i * 5, "2025-06-23"), 2);
    EXPECT_EQ(h.count(rule::calls_per_minute, core::Severity::medium), 1);
    EXPECT_EQ(h.alerts.back().first.details["fraud"]["over_cap"], false);
    Harness busy("  velocity: {min_weeks: 2}\n");
    learn(busy, 4);
    for (int i = 0; i < 6; ++i)
        busy.call("a", "902079460" + std::to_string(300 + i * 37), at(0, i * 5, "2025-06-23"), 2);
    EXPECT_EQ(busy.count(rule::calls_per_minute), 0);
}

TEST(Velocity, MinutesAndDestinationsPerHourCaps) {
    Harness h(
        "  velocity: {minutes_per_hour: {cap: 100}, destinations_per_hour: {cap: 5}}\n  concurrency: {max_calls: "
        "50}\n");
    h.call("a", "902079460100", at(0), 3600);
    EXPECT_EQ(h.count(rule::minutes_per_hour), 0);
    h.call("a", "902079460101", at(1), 3600);
    EXPECT_EQ(h.count(rule::minutes_per_hour, core::Severity::high), 1);
    for (int i = 0; i < 3; ++i) h.call("a", "90161496010" + std::to_string(i), at(10 + i * 5), 10);
    EXPECT_EQ(h.count(rule::destinations_per_hour), 0);
    h.call("a", "901614960109", at(40), 10);
    EXPECT_EQ(h.count(rule::destinations_per_hour, core::Severity::high), 1);
}

TEST(Concurrency, SimultaneousCallsOverTheLimit) {
    Harness h;
    for (int i = 0; i < 7; ++i) h.call("a", "90049301234510" + std::to_string(i), at(0, i * 10), 1800);
    EXPECT_EQ(h.count(rule::concurrency, core::Severity::high), 1);
    Harness quiet;
    for (int i = 0; i < 6; ++i) quiet.call("a", "90049301234510" + std::to_string(i), at(0, i * 10), 1800);
    for (int i = 0; i < 10; ++i)
        quiet.call("b", "90049301234510" + std::to_string(i), at(i * 31), 1800);  // one after another
    EXPECT_EQ(quiet.count(rule::concurrency), 0);
}

TEST(Probing, ConsecutiveNumbersUnderOnePrefix) {
    Harness h;
    for (int i = 0; i < 5; ++i)
        h.call("a", "90037167000" + std::to_string(100 + i), at(0, i * 20), 0, Disposition::no_answer);
    EXPECT_EQ(h.count(rule::probing, core::Severity::high), 1);
    EXPECT_EQ(h.alerts.back().first.details["fraud"]["prefix"], "+371670001xx");
    Harness quiet;
    for (int i = 0; i < 5; ++i)
        quiet.call("a", "90037167000" + std::to_string(100 + i * 100), at(0, i * 20), 0, Disposition::no_answer);
    for (int i = 0; i < 5; ++i)
        quiet.call("b", "90037167000" + std::to_string(100 + i), at(i * 15), 0, Disposition::no_answer);
    EXPECT_EQ(quiet.count(rule::probing), 0);
}

TEST(ShortCalls, BurstOfFailedInternationalAttempts) {
    Harness h;
    for (int i = 0; i < 6; ++i) h.call("a", "9004930123456" + std::to_string(i), at(0, i * 30), 0, Disposition::failed);
    EXPECT_EQ(h.count(rule::short_calls, core::Severity::high), 1);
    Harness quiet;
    for (int i = 0; i < 6; ++i) quiet.call("a", "9004930123456" + std::to_string(i), at(i), 300);
    for (int i = 0; i < 6; ++i) quiet.call("b", "90207946012" + std::to_string(i), at(i), 0, Disposition::failed);
    EXPECT_EQ(quiet.count(rule::short_calls), 0);
}

TEST(Spend, EstimatedCostOverTheHourlyLimit) {
    const auto dir = std::filesystem::temp_directory_path() / ("sipwarden-spend-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "rates.csv") << "+882,1.00\n+44,0.01\n";
    const std::string yaml =
        "  spend: {rate_table: '" + (dir / "rates.csv").string() + "', per_hour: 10, per_day: 1000}\n";
    Harness h(yaml);
    h.call("a", "9008821612345678", at(0), 5 * 60);
    EXPECT_EQ(h.count(rule::spend_hour), 0);
    h.call("a", "9008821612345679", at(10), 6 * 60);
    EXPECT_EQ(h.count(rule::spend_hour, core::Severity::high), 1);
    Harness quiet(yaml);
    quiet.call("a", "902079460100", at(0), 3 * 3600);
    EXPECT_EQ(quiet.count(rule::spend_hour), 0);
}

TEST(Monitor, EmergencyInternalAndInboundCallsAreNeverCounted) {
    Harness h("  allow: {accounts: [lab]}\n");
    for (int i = 0; i < 20; ++i) h.call("a", "999", at(0, i), 60);
    for (int i = 0; i < 20; ++i) h.call("a", "9112", at(1, i), 60);
    for (int i = 0; i < 20; ++i) h.call("a", "900537201234", at(2, i), 0, Disposition::failed, "from-pstn");
    for (int i = 0; i < 20; ++i)
        h.call("lab", "90037167000" + std::to_string(100 + i), at(3, i), 0, Disposition::failed);
    EXPECT_TRUE(h.alerts.empty()) << h.alerts[0].first.signature;
    EXPECT_EQ(h.monitor->stats().emergency, 40u);
    EXPECT_EQ(h.monitor->stats().inbound, 20u);
}

TEST(Monitor, StateSurvivesACheckpointAndReload) {
    auto store = store::StateStore::open(":memory:");
    ASSERT_TRUE(store);
    {
        Harness h("  velocity: {min_weeks: 1}\n");
        h.call("a", "900493012345678", at(0));
        h.call("a", "902079460100", at(0, 0, "2025-06-02"));
        h.call("a", "902079460100", at(0, 0, "2025-06-09"));  // closes the first Monday 10:00 bucket
        ASSERT_TRUE(h.monitor->checkpoint(*store, {{"fraud.file:x", "1 2 3 4 5"}}));
        EXPECT_EQ(*store->count_alerts(), 1);
    }
    Harness h;
    ASSERT_TRUE(h.monitor->load(*store));
    h.call("a", "900493012345999", at(0, 0, "2025-06-10"));  // Germany is not new any more
    EXPECT_EQ(h.count(rule::new_destination), 0);
    h.call("a", "900331990012345", at(0, 0, "2025-06-10"));
    EXPECT_EQ(h.count(rule::new_destination), 1);
    EXPECT_EQ(store->cursor("fraud.file:x")->value_or(""), "1 2 3 4 5");
    int baselines = 0;
    ASSERT_TRUE(store->each_baseline("fraud.velocity", [&](const std::string& account, const std::string& data) {
        Baseline b;
        EXPECT_TRUE(Baseline::deserialize(data, b));
        EXPECT_EQ(account, "a");
        ++baselines;
    }));
    EXPECT_EQ(baselines, 1);
}

TEST(Baseline, RejectsCorruptBlobs) {
    Baseline b;
    b.slots[5].samples = 3;
    b.slots[5].mean[0] = 2.5f;
    const auto data = b.serialize();
    Baseline back;
    ASSERT_TRUE(Baseline::deserialize(data, back));
    EXPECT_EQ(back.slots[5].samples, 3);
    EXPECT_FLOAT_EQ(back.slots[5].mean[0], 2.5f);
    EXPECT_FALSE(Baseline::deserialize(data.substr(1), back));
    EXPECT_FALSE(Baseline::deserialize("\x02" + data.substr(1), back));
}

}  // namespace
}  // namespace sipwarden::fraud

namespace sipwarden::fraud {
namespace {

// Regression (found by fuzz_fraud_pipeline): an account name that is not
// UTF-8 made the alert's JSON dump throw.
TEST(Monitor, AccountNamesThatAreNotUtf8StillGiveValidJson) {
    Harness h;
    h.call("acct-\xff\xfe", "900537201234", at(0));
    ASSERT_EQ(h.count(rule::new_destination), 1);
    const auto text = h.alerts[0].first.to_eve().dump();
    EXPECT_NE(text.find("acct-\\\\xff\\\\xfe"), std::string::npos) << text;
    EXPECT_EQ(h.alerts[0].second, "acct-\xff\xfe");  // the block key stays the account itself
}

// Regression (found by fuzz_cdr_asterisk): years far from now overflowed the
// nanosecond clock.
TEST(Monitor, TimesOutsideTheCdrEraAreBadLines) {
    EXPECT_FALSE(parse_field_time("1012-01-01 00:00:00"));
    EXPECT_FALSE(parse_field_time("9999-12-31 23:59:59"));
    EXPECT_FALSE(parse_field_time("99999999999"));
    EXPECT_TRUE(parse_field_time("2199-12-31 23:59:59"));
}

}  // namespace
}  // namespace sipwarden::fraud
