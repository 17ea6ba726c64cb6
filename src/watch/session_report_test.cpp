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

// Requests per source and method: registered methods and others (by their
// text, case kept: "invite" is not INVITE), sources in address order, and
// sources past the bound dropped.
TEST(SessionReport, SourceRowsCountMethodsByName) {
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&text, &size);
    {
        ReportLimits limits;
        limits.aggregate_entries = 2;
        SessionReport report(ReportFormat::json, out, limits);
        const auto request = [&](const char* method, const char* ip) {
            session::RequestSeen seen;
            seen.method = method;
            seen.source = core::Endpoint{*core::IpAddress::parse(ip), 5060};
            report.on_event(seen);
        };
        for (const char* method : {"OPTIONS", "FOO", "invite", "OPTIONS", "MESSAGE"}) request(method, "10.0.0.9");
        request("OPTIONS", "10.0.0.1");
        request("OPTIONS", "10.0.0.5");  // a third source: past the bound
        session::RegistrationInfo info;
        info.aor = "sip:a@x";
        info.source = core::Endpoint{*core::IpAddress::parse("10.0.0.1"), 5060};
        report.on_event(session::RegistrationEvent{session::RegistrationOutcome::attempted, info});
        report.finish(CaptureSummary{}, session::TrackerStats{}, false);
    }
    std::fclose(out);
    std::istringstream in(std::string(text, size));
    std::free(text);
    nlohmann::json summary;
    for (std::string line; std::getline(in, line);) summary = nlohmann::json::parse(line);
    ASSERT_EQ(summary["type"], "summary");
    const auto& sources = summary["sources"];
    ASSERT_EQ(sources.size(), 2U);
    EXPECT_EQ(sources[0]["ip"], "10.0.0.1");
    EXPECT_EQ(sources[0]["requests"], 2);
    EXPECT_EQ(sources[0]["methods"].dump(), R"({"OPTIONS":1,"REGISTER":1})");
    EXPECT_EQ(sources[1]["ip"], "10.0.0.9");
    EXPECT_EQ(sources[1]["requests"], 5);
    EXPECT_EQ(sources[1]["methods"].dump(), R"({"FOO":1,"MESSAGE":1,"OPTIONS":2,"invite":1})");
}

}  // namespace
}  // namespace sipwarden::watch
