#include "watch/session_report.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sipwarden::watch
