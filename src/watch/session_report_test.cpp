#include "watch/session_report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace sipwarden::watch {
namespace {

TEST(CsvField, QuotesAndEscapesAsRfc4180) {
    EXPECT_EQ(csv_field("1001"), "1001");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("line\r\nbreak"), "line\\x0d\\x0abreak");
}

// Header text is chosen by whoever sent the SIP message; a cell that a
// spreadsheet would evaluate gets a leading apostrophe (OWASP CSV injection).
TEST(CsvField, FormulasAreNeutralised) {
    EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csv_field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    EXPECT_EQ(csv_field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
    // Telephone numbers keep their sign and separators.
    EXPECT_EQ(csv_field("+4930123456"), "+4930123456");
    EXPECT_EQ(csv_field("+1 (555) 010-0000"), "+1 (555) 010-0000");
    EXPECT_EQ(csv_field("-"), "-");
    EXPECT_EQ(csv_field(""), "");
    // Only the first byte matters.
    EXPECT_EQ(csv_field("a=b"), "a=b");
}

// The JSON lines a report writes for `events` (AOR, source address, outcome).
std::vector<nlohmann::json> registration_report(
    const std::vector<std::tuple<std::string, std::string, session::RegistrationOutcome>>& events,
    std::size_t aggregate_entries) {
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&text, &size);
    {
        ReportLimits limits;
        limits.aggregate_entries = aggregate_entries;
        SessionReport report(ReportFormat::json, out, limits);
        for (const auto& [aor, ip, outcome] : events) {
            session::RegistrationInfo info;
            info.aor = aor;
            info.source = core::Endpoint{*core::IpAddress::parse(ip), 5060};
            info.time = core::Timestamp::from_seconds(1000);
            info.status = outcome == session::RegistrationOutcome::succeeded ? 200 : 0;
            report.on_event(session::RegistrationEvent{outcome, info});
        }
        report.finish(CaptureSummary{}, session::TrackerStats{}, false);
    }
    std::fclose(out);
    std::vector<nlohmann::json> lines;
    std::istringstream in(std::string(text, size));
    std::free(text);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

// One row per (AOR, source address), sorted; rows past the table's bound
// are counted as dropped while the kept ones go on counting.
TEST(SessionReport, RegistrationRowsPerAorAndSourceUpToTheBound) {
    using session::RegistrationOutcome;
    const auto lines = registration_report({{"sip:b@x", "10.0.0.1", RegistrationOutcome::attempted},
                                            {"sip:a@x", "10.0.0.1", RegistrationOutcome::attempted},
                                            {"sip:a@x", "10.0.0.2", RegistrationOutcome::attempted},
                                            {"sip:c@x", "10.0.0.1", RegistrationOutcome::attempted},
                                            {"sip:a@x", "10.0.0.1", RegistrationOutcome::succeeded},
                                            {"sip:b@x", "10.0.0.1", RegistrationOutcome::attempted},
                                            {"sip:d@x", "10.0.0.3", RegistrationOutcome::attempted}},
                                           3);
    ASSERT_EQ(lines.size(), 4U);
    const auto row = [&](std::size_t i) {
        return std::tuple(lines[i]["aor"].get<std::string>(), lines[i]["source_ip"].get<std::string>(),
                          lines[i]["attempts"].get<int>(), lines[i]["successes"].get<int>());
    };
    EXPECT_EQ(row(0), std::tuple(std::string("sip:a@x"), std::string("10.0.0.1"), 1, 1));
    EXPECT_EQ(row(1), std::tuple(std::string("sip:a@x"), std::string("10.0.0.2"), 1, 0));
    EXPECT_EQ(row(2), std::tuple(std::string("sip:b@x"), std::string("10.0.0.1"), 2, 0));
    EXPECT_EQ(lines[3]["type"], "summary");
    EXPECT_EQ(lines[3]["tracker"]["report_rows_dropped"], 2);
}

}  // namespace
}  // namespace sipwarden::watch
