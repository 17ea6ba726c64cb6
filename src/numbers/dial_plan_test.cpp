#include "numbers/dial_plan.h"

#include <gtest/gtest.h>

namespace sipwarden::numbers {
namespace {

std::string normalised(const DialPlan& plan, std::string_view dialled, DialForm expected) {
    Digits digits;
    EXPECT_EQ(plan.normalise(dialled, digits), expected) << dialled;
    return std::string(digits.view());
}

DialPlan uk() { return DialPlan({"GB", "00", "0", "9", 6}, 44); }
DialPlan us() { return DialPlan({"US", "011", "1", "", 6}, 1); }

TEST(DialPlan, UkNationalInternationalAndPlus) {
    const auto plan = uk();
    EXPECT_EQ(normalised(plan, "020 7946 0018", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "+44 (20) 7946-0018", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "0044 20 7946 0018", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "0053 7 2001234", DialForm::e164), "5372001234");
}

TEST(DialPlan, OutsideLinePrefixIsStrippedOnlyBeforeLongNumbers) {
    const auto plan = uk();
    EXPECT_EQ(normalised(plan, "900537 2001234", DialForm::e164), "5372001234");
    EXPECT_EQ(normalised(plan, "902079460018", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "9112", DialForm::short_), "9112");
    EXPECT_EQ(plan.strip_outside_line("9112"), "112");
}

TEST(DialPlan, ShortStringsStayInternal) {
    const auto plan = uk();
    EXPECT_EQ(normalised(plan, "1001", DialForm::short_), "1001");
    EXPECT_EQ(normalised(plan, "*97", DialForm::short_), "*97");
    EXPECT_EQ(normalised(plan, "s", DialForm::short_), "s");
    EXPECT_EQ(normalised(plan, "", DialForm::invalid), "");
}

TEST(DialPlan, UrisAreReducedToTheirUserPart) {
    const auto plan = uk();
    EXPECT_EQ(normalised(plan, "sip:+442079460018@pbx.example.com;user=phone", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "tel:+1-212-555-0123", DialForm::e164), "12125550123");
}

TEST(DialPlan, NanpHabits) {
    const auto plan = us();
    EXPECT_EQ(normalised(plan, "011 44 20 7946 0018", DialForm::e164), "442079460018");
    EXPECT_EQ(normalised(plan, "1 212 555 0123", DialForm::e164), "12125550123");
    EXPECT_EQ(normalised(plan, "212-555-0123", DialForm::e164), "12125550123");
    EXPECT_EQ(normalised(plan, "917-375-0980", DialForm::e164), "19173750980");
}

TEST(DialPlan, SeveralInternationalPrefixes) {
    const DialPlan plan({"DE", "00,011", "0", "", 6}, 49);
    EXPECT_EQ(normalised(plan, "011 53 7 2001234", DialForm::e164), "5372001234");
    EXPECT_EQ(normalised(plan, "030 123456", DialForm::e164), "4930123456");
}

TEST(DialPlan, OverlongInputIsInvalidNotTruncated) {
    const auto plan = uk();
    EXPECT_EQ(normalised(plan, std::string(40, '7'), DialForm::short_), std::string(Digits::k_capacity, '7'));
}

}  // namespace
}  // namespace sipwarden::numbers
