#include "fraud/cdr_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sipwarden::fraud {
namespace {

struct Collected {
    std::string account, source, destination, context, channel, key, disposition;
    std::int64_t start = 0, end = 0, billsec = 0, duration = 0;
    bool answered_at = false;
    std::uint64_t line = 0;
};

class Collector : public CdrSink {
public:
    std::vector<Collected> records;
    std::vector<core::Diagnostic> bad;
    void on_record(const CallRecord& r) override {
        records.push_back({std::string(r.account), std::string(r.source), std::string(r.destination),
                           std::string(r.context), std::string(r.channel), std::string(r.account_key()),
                           std::string(to_string(r.disposition)), r.start.seconds(), r.end.seconds(), r.billsec,
                           r.duration_s, r.answer.has_value(), r.line});
    }
    void on_bad_line(const core::Diagnostic& d) override { bad.push_back(d); }
};

const SiteClock& utc_clock() {
    static const SiteClock clock = std::move(SiteClock::create("").value());
    return clock;
}

Collector read_text(std::string_view text, std::optional<CdrFormat> format, const std::string& name = "test.csv") {
    Collector out;
    CdrStream stream(name, std::move(format), utc_clock());
    stream.feed_all(text, out);
    return out;
}

TEST(CdrReader, AsteriskMasterCsvWithAndWithoutOptionalColumns) {
    const auto out = read_text(
        "\"acct-1\",\"1001\",\"0044207946001\",\"from-internal\",\"\"\"Desk, one\"\" "
        "<1001>\",\"PJSIP/1001-00000001\",\"PJSIP/trunk-00000002\","
        "\"Dial\",\"PJSIP/0044207946001@trunk,60\",\"2025-03-01 10:00:00\",\"2025-03-01 10:00:05\",\"2025-03-01 "
        "10:01:05\",65,60,\"ANSWERED\",\"DOCUMENTATION\"\n"
        "\"\",\"1002\",\"00537201234\",\"from-internal\",\"\",\"PJSIP/1002-00000003\",\"\",\"Dial\",\"\",\"2025-03-01 "
        "11:00:00\",,"
        "\"2025-03-01 11:00:20\",20,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1740826800.3\",\"\",\"\",\"1740826800.3\",7\n",
        built_in_format("asterisk"));
    ASSERT_TRUE(out.bad.empty()) << out.bad[0].format();
    ASSERT_EQ(out.records.size(), 2u);
    EXPECT_EQ(out.records[0].key, "acct-1");
    EXPECT_EQ(out.records[0].billsec, 60);
    EXPECT_EQ(out.records[0].end - out.records[0].start, 65);
    EXPECT_EQ(out.records[1].key, "PJSIP/1002");  // no accountcode: the source channel
    EXPECT_FALSE(out.records[1].answered_at);
    EXPECT_EQ(out.records[1].disposition, "NO ANSWER");
}

TEST(CdrReader, BadLinesAreReportedWithFileLineAndColumnAndTheRestIsRead) {
    const auto out = read_text(
        "\"\",\"1001\",\"100\",\"c\",\"\",\"SIP/1001-1\",\"\",\"Dial\",\"\",\"2025-03-01 10:00:00\",,\"2025-03-01 "
        "10:00:10\",10,0,\"BUSY\",\"DOCUMENTATION\"\n"
        "\"\",\"1001\",\"100\",\"c\",\"\",\"SIP/1001-1\",\"\",\"Dial\",\"\",\"tomorrow\",,\"2025-03-01 "
        "10:00:10\",10,0,\"BUSY\",\"DOCUMENTATION\"\n"
        "\"\",\"1001\",\"100\",\"c\n"
        "just,three,fields\n"
        "\"\",\"1001\",\"100\",\"c\",\"\",\"SIP/1001-1\",\"\",\"Dial\",\"\",\"2025-03-01 10:00:00\",,\"2025-03-01 "
        "10:00:10\",ten,0,\"BUSY\",\"DOCUMENTATION\"\n"
        "\"\",\"1001\",\"100\",\"c\",\"\",\"SIP/1001-1\",\"\",\"Dial\",\"\",\"2025-03-01 10:00:00\",,\"2025-03-01 "
        "10:00:10\",10,0,\"BUSY\",\"DOCUMENTATION\"\n",
        built_in_format("asterisk"), "Master.csv");
    EXPECT_EQ(out.records.size(), 2u);
    ASSERT_EQ(out.bad.size(), 4u);
    EXPECT_EQ(out.bad[0].where.to_string(), "Master.csv:2:50");
    EXPECT_NE(out.bad[0].message.find("start: 'tomorrow' is not a time"), std::string::npos);
    EXPECT_EQ(out.bad[1].where.line, 3);
    EXPECT_EQ(out.bad[1].message, "unterminated quoted field");
    EXPECT_NE(out.bad[2].message.find("expected at least 16 columns"), std::string::npos);
    EXPECT_NE(out.bad[3].message.find("duration"), std::string::npos);
    EXPECT_EQ(out.records[1].line, 6u);
}

TEST(CdrReader, DetectsFreeSwitchAndCdrCustomLayouts) {
    const auto fs = read_text(
        "\"Desk\",\"1002\",\"0033199001234\",\"default\",\"2025-03-01 10:00:00\",\"2025-03-01 10:00:04\",\"2025-03-01 "
        "10:02:04\","
        "\"124\",\"120\",\"NORMAL_CLEARING\",\"d80e22e0-4c15-11ea-97a0-9dd79410affb\",\"\",\"acct-9\",\"PCMU\","
        "\"PCMU\"\n",
        std::nullopt);
    ASSERT_EQ(fs.records.size(), 1u);
    EXPECT_EQ(fs.records[0].destination, "0033199001234");
    EXPECT_EQ(fs.records[0].key, "acct-9");
    EXPECT_EQ(fs.records[0].disposition, "ANSWERED");
    const auto custom = read_text(
        "\"\"\"\"\" "
        "<client1>\",\"client1\",\"6789\",\"default\",\"PJSIP/client1-00000002\",\"PJSIP/"
        "client2-00000003\",\"Dial\",\"PJSIP/client2\","
        "\"2023-07-26 01:51:32\",\"2023-07-26 01:51:50\",\"2023-07-26 "
        "01:52:04\",\"31\",\"13\",\"ANSWERED\",\"DOCUMENTATION\",\"\",\"1690325492.2\",\"\",2\n",
        std::nullopt);
    ASSERT_EQ(custom.records.size(), 1u) << (custom.bad.empty() ? "" : custom.bad[0].format());
    EXPECT_EQ(custom.records[0].key, "PJSIP/client1");
    EXPECT_EQ(custom.records[0].billsec, 13);
}

TEST(CdrReader, KamailioAccTransactionsArePairedIntoCalls) {
    const auto out = read_text(
        "INVITE|ft1|tt1|call-1@host|200|OK|1740823200|1001|example.org|192.0.2.10|0044207946001|0044207946001|example."
        "org\n"
        "INVITE|ft2|tt2|call-2@host|486|Busy "
        "Here|1740823210|1002|example.org|192.0.2.11|00537201234|00537201234|example.org\n"
        "BYE|ft1|tt1|call-1@host|200|OK|1740823290|1001|example.org|192.0.2.10|0044207946001|0044207946001|example."
        "org\n"
        "INVITE|ft3|tt3|call-3@host|200|OK|1740823300|1003|example.org|192.0.2.12|2000|2000|example.org\n",
        std::nullopt);
    ASSERT_TRUE(out.bad.empty()) << out.bad[0].format();
    ASSERT_EQ(out.records.size(), 3u);
    EXPECT_EQ(out.records[0].key, "1002");
    EXPECT_EQ(out.records[0].disposition, "BUSY");
    EXPECT_EQ(out.records[1].key, "1001");
    EXPECT_EQ(out.records[1].billsec, 90);
    EXPECT_EQ(out.records[1].destination, "0044207946001");
    EXPECT_EQ(out.records[2].key, "1003");  // no BYE by the end: flushed with unknown duration
}

TEST(CdrReader, UserMappedCsvWithAHeader) {
    CdrFormat format;
    format.name = "billing";
    format.header = true;
    format.syntax.separator = ';';
    format.header_names = {{CdrField::account, "Customer"},
                           {CdrField::destination, "Called"},
                           {CdrField::start, "Start (UTC)"},
                           {CdrField::billsec, "Seconds"}};
    const auto out =
        read_text("Start (UTC);Customer;Called;Seconds\n2025-03-01T10:00:00Z;c-1;+5372011234;75\n", format);
    ASSERT_TRUE(out.bad.empty()) << out.bad[0].format();
    ASSERT_EQ(out.records.size(), 1u);
    EXPECT_EQ(out.records[0].key, "c-1");
    EXPECT_EQ(out.records[0].billsec, 75);
    CdrFormat missing = format;
    missing.header_names.emplace_back(CdrField::source, "Caller");
    const auto bad = read_text("Start (UTC);Customer;Called;Seconds\n", missing);
    ASSERT_EQ(bad.bad.size(), 1u);
    EXPECT_NE(bad.bad[0].message.find("header has no column 'Caller'"), std::string::npos);
}

TEST(CdrFormat, ColumnsFromCdrCustomMappingAndFreeSwitchTemplate) {
    const auto mapping = columns_from_template(
        "Master.csv => "
        "${CSV_QUOTE(${CDR(clid)})},${CSV_QUOTE(${CDR(src)})},${CSV_QUOTE(${CDR(dst)})},${CDR(start)},${CDR("
        "accountcode)}");
    EXPECT_EQ(mapping, (std::vector<std::string>{"clid", "src", "dst", "start", "accountcode"}));
    const auto fs =
        columns_from_template(R"("${caller_id_name}","${caller_id_number}","${destination_number}","${start_stamp}")");
    EXPECT_EQ(fs,
              (std::vector<std::string>{"caller_id_name", "caller_id_number", "destination_number", "start_stamp"}));
    const auto fields = columns_from_template("fields = clid,src,dst,start(%FT%T%z),billsec");
    EXPECT_EQ(fields, (std::vector<std::string>{"clid", "src", "dst", "start", "billsec"}));
    CdrFormat format;
    format.set_columns(mapping);
    EXPECT_EQ(format.at(CdrField::destination), 2);
    EXPECT_EQ(format.at(CdrField::account), 4);
}

// The corpus's real CDR files: counts and no bad lines, except the one the
// Asterisk testsuite made broken on purpose.
std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(CdrReader, CorpusFiles) {
    const std::filesystem::path corpus = SIPWARDEN_SHARED_DIR "/corpus/cdr";
    if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "shared corpus not found at " << corpus;
    const std::vector<std::tuple<std::string, std::size_t, std::size_t>> expected{
        {"asterisk-testsuite/self_test/Master.csv", 2, 0}, {"asterisk-testsuite/cdrlib/good.csv", 5, 0},
        {"asterisk-testsuite/cdrlib/buggy.csv", 0, 1},     {"asterisk-kelysaina/Master.csv", 14, 0},
        {"freeswitch-cdr-csv/Master.csv", 10, 0},          {"asterisk-pseudonymized-fafeitsch/cdr.csv", 218, 0},
        {"asterisk-dj-asterisk-cdr/Master.csv", 84, 0},    {"asterisk-issabel-lab/Master.csv", 736, 0},
    };
    for (const auto& [file, records, bad] : expected) {
        const auto out = read_text(slurp(corpus / file), std::nullopt, file);
        EXPECT_EQ(out.records.size(), records) << file;
        EXPECT_EQ(out.bad.size(), bad) << file << (out.bad.empty() ? "" : ": " + out.bad[0].format());
    }
}

}  // namespace
}  // namespace sipwarden::fraud
