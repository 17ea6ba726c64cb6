#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace sipwarden::core {
namespace {

TEST(Diagnostic, FormatsLocationLineAndCaret) {
    Diagnostic d;
    d.where = {"sip.conf", 12, 5};
    d.message = "unknown option 'alowguest'";
    d.line_text = "    alowguest=yes";
    d.suggestion = "did you mean 'allowguest'?";
    EXPECT_EQ(d.format(),
              "sip.conf:12:5: error: unknown option 'alowguest'\n"
              "        alowguest=yes\n"
              "        ^\n"
              "    did you mean 'allowguest'?");
}

TEST(Diagnostic, ListKnowsWhetherAnErrorWasSeen) {
    DiagnosticList list;
    list.add({Diagnostic::Level::warning, {"f", 1, 0}, "w", "", ""});
    EXPECT_FALSE(list.has_errors());
    list.add({Diagnostic::Level::error, {"f", 2, 0}, "e", "", ""});
    EXPECT_TRUE(list.has_errors());
}

}  // namespace
}  // namespace sipwarden::core
