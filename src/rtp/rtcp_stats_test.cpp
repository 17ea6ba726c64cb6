// RtcpStats: counts, problems, sender SSRC changes and reported quality
// accumulated over compounds.
#include "rtp/rtcp_stats.h"

#include <gtest/gtest.h>

#include "rtp/rtp_test_support.h"

namespace sipwarden::rtp {
namespace {

using testing::report_block;
using testing::rtcp_header;

RtcpSummary summary_of(const testing::Wire& wire) {
    RtcpSummary s;
    parse_rtcp(wire.view(), s);
    return s;
}

testing::Wire receiver_report(std::uint32_t sender, std::uint8_t fraction, std::uint32_t jitter) {
    return rtcp_header(k_rtcp_rr, 1, 7).be32(sender).append(report_block(0x77, fraction, 3, 1000, jitter));
}

TEST(RtcpStats, AccumulatesCompounds) {
    RtcpStats stats;
    EXPECT_EQ(stats.compounds(), 0u);
    EXPECT_FALSE(stats.has_report());
    stats.add(summary_of(receiver_report(1, 20, 80)), core::Timestamp::from_seconds(10));
    stats.add(summary_of(receiver_report(1, 5, 300).append(rtcp_header(k_rtcp_bye, 1, 1).be32(1))),
              core::Timestamp::from_seconds(15));
    EXPECT_EQ(stats.compounds(), 2u);
    EXPECT_EQ(stats.packets(), 3u);
    EXPECT_EQ(stats.receiver_reports(), 2u);
    EXPECT_EQ(stats.byes(), 1u);
    EXPECT_EQ(stats.sender_reports(), 0u);
    EXPECT_EQ(stats.first(), core::Timestamp::from_seconds(10));
    EXPECT_EQ(stats.last(), core::Timestamp::from_seconds(15));
    ASSERT_TRUE(stats.has_report());
    EXPECT_EQ(stats.latest_report().fraction_lost, 5);
    EXPECT_EQ(stats.latest_report().jitter, 300u);
    EXPECT_EQ(stats.max_fraction_lost(), 20);
    EXPECT_EQ(stats.max_reported_jitter(), 300u);
    EXPECT_EQ(stats.sender_ssrc(), 1u);
    EXPECT_EQ(stats.sender_ssrc_changes(), 0u);
    EXPECT_EQ(stats.problems(), 0u);
}

TEST(RtcpStats, SenderChangesAndProblems) {
    RtcpStats stats;
    stats.add(summary_of(testing::empty_rr(1)), core::Timestamp::from_seconds(1));
    stats.add(summary_of(testing::empty_rr(2).u8(0x80)), core::Timestamp::from_seconds(2));  // trailing byte
    stats.add(summary_of(rtcp_header(k_rtcp_sr, 0, 0)), core::Timestamp::from_seconds(3));
    EXPECT_EQ(stats.sender_ssrc(), 2u);
    EXPECT_EQ(stats.sender_ssrc_changes(), 1u);
    EXPECT_EQ(stats.problems(), 2u);
    EXPECT_EQ(stats.first_problem(), RtcpStatus::bad_length);
    EXPECT_EQ(stats.sender_reports(), 1u);
    EXPECT_FALSE(stats.has_report());
}

}  // namespace
}  // namespace sipwarden::rtp
