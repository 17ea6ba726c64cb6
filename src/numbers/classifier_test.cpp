#include "numbers/classifier.h"

#include <phonenumbers/phonenumberutil.h>

#include <gtest/gtest.h>

#include <set>

namespace sipwarden::numbers {
namespace {

Classifier make(DialHabits habits) {
    auto classifier = Classifier::create(std::move(habits), RiskList::built_in());
    EXPECT_TRUE(classifier) << classifier.error().message;
    return std::move(classifier.value());
}

Classifier uk() { return make({"GB", "00", "0", "9", 6}); }

TEST(Classifier, RejectsUnknownHomeCountry) {
    auto classifier = Classifier::create({"XX", "00", "0", "", 6}, RiskList::built_in());
    ASSERT_FALSE(classifier);
    EXPECT_NE(classifier.error().message.find("'XX'"), std::string::npos);
}

TEST(Classifier, CountriesTypesAndRisk) {
    auto c = uk();
    auto d = c.classify("00 53 7 2001234");
    EXPECT_EQ(d.reach, Reach::international);
    EXPECT_EQ(d.region_code(), "CU");
    EXPECT_EQ(d.country_code, 53);
    EXPECT_EQ(d.risk, RiskClass::high);
    d = c.classify("0049 30 123456");
    EXPECT_EQ(d.region_code(), "DE");
    EXPECT_EQ(d.risk, RiskClass::medium);
    d = c.classify("020 7946 0018");
    EXPECT_EQ(d.reach, Reach::national);
    EXPECT_EQ(d.region_code(), "GB");
    EXPECT_EQ(d.type, NumberType::fixed_line);
    EXPECT_EQ(d.risk, RiskClass::low);
    EXPECT_EQ(d.display(), "+442079460018");
}

TEST(Classifier, NonGeographicNetworksAndUniversalPremiumRate) {
    auto c = uk();
    auto d = c.classify("+882 16 1234 5678");
    EXPECT_EQ(d.region_code(), "001");
    EXPECT_EQ(d.type, NumberType::international_network);
    EXPECT_EQ(d.risk, RiskClass::high);
    d = c.classify("+881 6 12345678");
    EXPECT_EQ(d.type, NumberType::international_network);
    d = c.classify("00979 123456789");
    EXPECT_EQ(d.type, NumberType::premium_rate);
    EXPECT_EQ(d.risk, RiskClass::high);
}

TEST(Classifier, DomesticPremiumRateIsHighRisk) {
    auto c = uk();
    const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber example;
    ASSERT_TRUE(util->GetExampleNumberForType("GB", i18n::phonenumbers::PhoneNumberUtil::PREMIUM_RATE, &example));
    const auto d = c.classify("0" + std::to_string(example.national_number()));
    EXPECT_EQ(d.reach, Reach::national);
    EXPECT_EQ(d.type, NumberType::premium_rate);
    EXPECT_EQ(d.risk, RiskClass::high);
}

TEST(Classifier, EmergencyNumbersAreRecognised) {
    auto c = uk();
    EXPECT_EQ(c.classify("999").reach, Reach::emergency);
    EXPECT_EQ(c.classify("112").reach, Reach::emergency);
    EXPECT_EQ(c.classify("9112").reach, Reach::emergency);  // after the outside-line prefix
    EXPECT_EQ(c.classify("1001").reach, Reach::internal);
    EXPECT_EQ(c.classify("1001").risk, RiskClass::low);
    auto us = make({"US", "011", "1", "", 6});
    EXPECT_EQ(us.classify("911").reach, Reach::emergency);
    EXPECT_EQ(us.classify("999").reach, Reach::internal);
}

TEST(Classifier, NanpCaribbeanIsInternationalFromTheUs) {
    auto us = make({"US", "011", "1", "", 6});
    EXPECT_EQ(us.classify("1 212 555 0123").reach, Reach::national);
    const auto jm = us.classify("1 876 555 0123");
    EXPECT_EQ(jm.region_code(), "JM");
    EXPECT_EQ(jm.reach, Reach::international);
}

TEST(Classifier, InvalidInputIsNotANumber) {
    auto c = uk();
    EXPECT_EQ(c.classify("").reach, Reach::invalid);
    EXPECT_EQ(c.classify("+").reach, Reach::invalid);
    const auto d = c.classify("+999 123456789");  // unassigned country code
    EXPECT_EQ(d.reach, Reach::international);
    EXPECT_EQ(d.region_code(), "ZZ");
}

// The prefix cache must agree with libphonenumber on every example number of
// every region and type in its metadata, and on their neighbours.
TEST(Classifier, CacheAgreesWithUncachedOnMetadataExamples) {
    auto c = uk();
    const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    std::set<std::string> regions;
    util->GetSupportedRegions(&regions);
    using T = i18n::phonenumbers::PhoneNumberUtil;
    std::size_t compared = 0, disagreements = 0;
    std::string first;
    for (const auto& region : regions) {
        for (auto type : {T::FIXED_LINE, T::MOBILE, T::TOLL_FREE, T::PREMIUM_RATE, T::SHARED_COST, T::VOIP, T::UAN,
                          T::PERSONAL_NUMBER}) {
            i18n::phonenumbers::PhoneNumber example;
            if (!util->GetExampleNumberForType(region, type, &example)) continue;
            std::string e164;
            util->Format(example, T::E164, &e164);
            for (int tail = 0; tail < 10; ++tail) {
                std::string number = e164;
                number.back() = static_cast<char>('0' + tail);
                const auto cached = c.classify(number);
                const auto reference = c.classify_uncached(number);
                ++compared;
                if (cached.type != reference.type || cached.region != reference.region) {
                    ++disagreements;
                    if (first.empty()) first = number;
                }
            }
        }
    }
    EXPECT_GT(compared, 10000u);
    // The last digit never changes a class in the metadata's patterns.
    EXPECT_EQ(disagreements, 0u) << "first: " << first;
    EXPECT_LT(c.stats().misses, c.stats().lookups);
}

}  // namespace
}  // namespace sipwarden::numbers
