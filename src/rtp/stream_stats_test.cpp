// StreamStats against RFC 3550 A.1, A.3 and A.8 worked by hand: loss, wrap,
// reordering, duplicates, probation, restarts, SSRC changes, jitter.
#include "rtp/stream_stats.h"

#include <gtest/gtest.h>

#include <initializer_list>

#include <random>
#include <vector>

namespace sipwarden::rtp {
namespace {

constexpr std::uint32_t k_pcmu_rate = 8000;
constexpr std::uint32_t k_ssrc = 0xcafe;

core::Timestamp at_ms(double ms) { return core::Timestamp::from_ns(static_cast<std::int64_t>(ms * 1e6)); }

RtpHeader packet(std::uint16_t sequence, std::uint32_t timestamp, std::uint8_t payload_type = 0,
                 std::size_t payload = 160) {
    RtpHeader h;
    h.sequence = sequence;
    h.timestamp = timestamp;
    h.payload_type = payload_type;
    h.ssrc = k_ssrc;
    h.header_size = 12;
    h.payload_size = payload;
    return h;
}

// Feeds sequence numbers in order given, 20 ms and 160 timestamp units apart
// by sequence number (so reordering and loss do not disturb the jitter).
StreamStats feed(const std::vector<std::uint16_t>& sequences) {
    StreamStats stats;
    std::uint16_t first = sequences.front();
    double now = 0;
    for (std::uint16_t s : sequences) {
        const auto offset = static_cast<std::uint16_t>(s - first);
        stats.add(packet(s, 1000u + 160u * offset), at_ms(now), k_pcmu_rate);
        now += 20;
    }
    return stats;
}

TEST(StreamStats, EmptyStream) {
    StreamStats stats;
    EXPECT_EQ(stats.packets(), 0u);
    EXPECT_EQ(stats.expected(), 0u);
    EXPECT_EQ(stats.lost(), 0);
    EXPECT_FALSE(stats.valid());
    EXPECT_TRUE(stats.payload_types().empty());
}

TEST(StreamStats, InOrderStream) {
    StreamStats stats;
    for (std::uint16_t i = 0; i < 50; ++i) stats.add(packet(100 + i, 160u * i), at_ms(20.0 * i), k_pcmu_rate);
    EXPECT_EQ(stats.packets(), 50u);
    EXPECT_EQ(stats.bytes(), 50u * 160);
    EXPECT_EQ(stats.ssrc(), k_ssrc);
    EXPECT_EQ(stats.first(), at_ms(0));
    EXPECT_EQ(stats.last(), at_ms(980));
    EXPECT_EQ(stats.expected(), 50u);
    EXPECT_EQ(stats.lost(), 0);
    EXPECT_EQ(stats.extended_highest_sequence(), 149u);
    EXPECT_EQ(stats.duplicates() + stats.out_of_order() + stats.sequence_jumps() + stats.restarts(), 0u);
    EXPECT_TRUE(stats.valid());
    EXPECT_DOUBLE_EQ(stats.jitter(), 0);
    EXPECT_DOUBLE_EQ(stats.max_delta_ms(), 20);
    EXPECT_EQ(stats.clock_rate(), k_pcmu_rate);
}

TEST(StreamStats, LossIsExpectedMinusReceived) {
    // 1..10 without 4 and 7: A.3 expected = 10 - 1 + 1 = 10, received 8.
    const auto stats = feed({1, 2, 3, 5, 6, 8, 9, 10});
    EXPECT_EQ(stats.expected(), 10u);
    EXPECT_EQ(stats.lost(), 2);
    EXPECT_EQ(stats.out_of_order(), 0u);
}

TEST(StreamStats, SequenceWrapCountsACycle) {
    // 65533, 65534, (65535 lost), 0, 1, 2: extended highest 65536 + 2.
    const auto stats = feed({65533, 65534, 0, 1, 2});
    EXPECT_EQ(stats.extended_highest_sequence(), 65536u + 2);
    EXPECT_EQ(stats.expected(), 6u);
    EXPECT_EQ(stats.lost(), 1);
}

TEST(StreamStats, ReorderedPacketIsLateNotLost) {
    const auto stats = feed({1, 2, 4, 3, 5});
    EXPECT_EQ(stats.expected(), 5u);
    EXPECT_EQ(stats.lost(), 0);
    EXPECT_EQ(stats.out_of_order(), 1u);
    EXPECT_EQ(stats.duplicates(), 0u);
}

TEST(StreamStats, ReorderedAcrossTheWrap) {
    const auto stats = feed({65534, 0, 65535, 1});
    EXPECT_EQ(stats.expected(), 4u);
    EXPECT_EQ(stats.lost(), 0);
    EXPECT_EQ(stats.out_of_order(), 1u);
}

TEST(StreamStats, DuplicatesMakeLossNegativeAsInRfc3550) {
    // 1, 2, 2 (repeat of the highest), 3, 2 (repeat behind it): A.1 counts
    // all five as received, so lost = 3 - 5 = -2; nothing is missing.
    const auto stats = feed({1, 2, 2, 3, 2});
    EXPECT_EQ(stats.duplicates(), 2u);
    EXPECT_EQ(stats.expected(), 3u);
    EXPECT_EQ(stats.lost(), -2);
    EXPECT_EQ(stats.lost() + static_cast<std::int64_t>(stats.duplicates()), 0);
}

TEST(StreamStats, LateAndDuplicateAcrossTheWindowWords) {
    // Jump ahead by 70 (a gap of 69), then fill a number 65 behind the highest.
    const auto stats = feed({1000, 1070, 1005, 1005});
    EXPECT_EQ(stats.out_of_order(), 1u);
    EXPECT_EQ(stats.duplicates(), 1u);
    EXPECT_EQ(stats.expected(), 71u);
    EXPECT_EQ(stats.lost(), 71 - 4);
}

TEST(StreamStats, FarBehindIsAJumpNotADuplicate) {
    // 150 behind the highest is beyond MAX_MISORDER (100): a jump, not received.
    const auto stats = feed({1000, 1001, 1150, 1151, 1001});
    EXPECT_EQ(stats.duplicates(), 0u);
    EXPECT_EQ(stats.sequence_jumps(), 1u);
    EXPECT_EQ(stats.expected(), 152u);
    EXPECT_EQ(stats.lost(), 152 - 4);
}

// A model with unbounded sequence numbers and a record of those seen, against
// StreamStats on their 16-bit wire form: random streams over several wraps
// with loss, reordering and duplicates (all within A.1's bounds).
TEST(StreamStats, AgreesWithAnUnboundedModelOverManyWraps) {
    std::mt19937 random(1889);
    for (int round = 0; round < 20; ++round) {
        std::vector<std::int64_t> arrivals;
        const std::int64_t start = random() % 65536;
        for (std::int64_t n = start; n < start + 200'000; ++n)
            if (random() % 50 != 0) arrivals.push_back(n);  // 2% loss
        for (std::size_t i = 0; i + 1 < arrivals.size(); ++i)
            if (random() % 40 == 0) std::swap(arrivals[i], arrivals[i + 1]);  // reordering
        std::vector<std::int64_t> with_duplicates;
        for (std::size_t i = 0; i < arrivals.size(); ++i) {
            with_duplicates.push_back(arrivals[i]);
            if (i >= 50 && random() % 150 == 0) with_duplicates.push_back(arrivals[i - random() % 50]);
        }
        arrivals.swap(with_duplicates);

        std::vector<bool> seen(200'000 + 2);
        std::int64_t highest = arrivals.front(), duplicates = 0, late = 0;
        StreamStats stats;
        double now = 0;
        for (std::int64_t n : arrivals) {
            const auto index = static_cast<std::size_t>(n - start);
            if (seen[index]) {
                ++duplicates;
            } else if (n < highest) {
                ++late;
            }
            seen[index] = true;
            highest = std::max(highest, n);
            stats.add(packet(static_cast<std::uint16_t>(n), static_cast<std::uint32_t>(n * 160)), at_ms(now += 20),
                      k_pcmu_rate);
        }
        const auto expected = static_cast<std::uint64_t>(highest - arrivals.front() + 1);
        ASSERT_EQ(stats.expected(), expected) << round;
        EXPECT_EQ(stats.lost(), static_cast<std::int64_t>(expected) - static_cast<std::int64_t>(arrivals.size()));
        EXPECT_EQ(stats.duplicates(), static_cast<std::uint64_t>(duplicates));
        EXPECT_EQ(stats.out_of_order(), static_cast<std::uint64_t>(late));
        EXPECT_EQ(stats.extended_highest_sequence(),
                  static_cast<std::uint32_t>(highest - arrivals.front() / 65536 * 65536));
        EXPECT_EQ(stats.sequence_jumps() + stats.restarts(), 0u);
    }
}

TEST(StreamStats, ProbationNeedsTwoSequentialPackets) {
    StreamStats stats;
    stats.add(packet(10, 0), at_ms(0), k_pcmu_rate);
    EXPECT_FALSE(stats.valid());
    stats.add(packet(12, 320), at_ms(40), k_pcmu_rate);  // a gap restarts probation
    EXPECT_FALSE(stats.valid());
    stats.add(packet(13, 480), at_ms(60), k_pcmu_rate);
    EXPECT_TRUE(stats.valid());
    // Unlike A.1, the probation packets are accounted: 10..13 with 11 lost.
    EXPECT_EQ(stats.expected(), 4u);
    EXPECT_EQ(stats.lost(), 1);
}

TEST(StreamStats, JumpConfirmedByTheNextPacketIsARestart) {
    // Run 1..5, then the sender restarts at 40000: the first packet of the
    // jump is held (bad_seq), the second confirms it (A.1). Both runs count:
    // expected 5 + 3, nothing lost.
    const auto stats = feed({1, 2, 3, 4, 5, 40000, 40001, 40002});
    EXPECT_EQ(stats.restarts(), 1u);
    EXPECT_EQ(stats.sequence_jumps(), 1u);
    EXPECT_EQ(stats.expected(), 8u);
    EXPECT_EQ(stats.lost(), 0);
    EXPECT_EQ(stats.extended_highest_sequence(), 40002u);
}

TEST(StreamStats, StrayJumpIsNotReceived) {
    const auto stats = feed({1, 2, 3, 4, 5, 40000, 6, 7});
    EXPECT_EQ(stats.packets(), 8u);
    EXPECT_EQ(stats.sequence_jumps(), 1u);
    EXPECT_EQ(stats.restarts(), 0u);
    EXPECT_EQ(stats.expected(), 7u);
    EXPECT_EQ(stats.lost(), 0);
}

TEST(StreamStats, RestartRightAfterAWrapOfItsBase) {
    // The restart confirmed at 0 begins at 65535: the run's base is -1.
    const auto stats = feed({30000, 30001, 65535, 0, 1});
    EXPECT_EQ(stats.restarts(), 1u);
    EXPECT_EQ(stats.expected(), 2u + 3);
    EXPECT_EQ(stats.lost(), 0);
}

TEST(StreamStats, SsrcChangeStartsANewSource) {
    StreamStats stats;
    for (std::uint16_t i = 0; i < 3; ++i) stats.add(packet(1 + i, 160u * i), at_ms(20.0 * i), k_pcmu_rate);
    for (std::uint16_t i = 0; i < 3; ++i) {
        auto h = packet(5000 + i, 999999u + 160u * i);
        h.ssrc = 0xbeef;
        stats.add(h, at_ms(60 + 20.0 * i), k_pcmu_rate);
        if (i == 0) {
            EXPECT_FALSE(stats.valid());
        }
    }
    EXPECT_TRUE(stats.valid());
    EXPECT_EQ(stats.ssrc(), 0xbeefu);
    EXPECT_EQ(stats.ssrc_changes(), 1u);
    EXPECT_EQ(stats.packets(), 6u);
    EXPECT_EQ(stats.expected(), 6u);
    EXPECT_EQ(stats.lost(), 0);
    // The timestamp jump of the new source is not jitter.
    EXPECT_DOUBLE_EQ(stats.jitter(), 0);
}

TEST(StreamStats, InterarrivalJitterWorkedByHand) {
    // 8 kHz, 160 units per packet; arrivals 0, 20, 45, 60 ms.
    //   D2 = 20 ms * 8 - 160 = 0            J = 0
    //   D3 = 25 ms * 8 - 160 = 40           J = 0 + (40 - 0) / 16 = 2.5
    //   D4 = 15 ms * 8 - 160 = -40, |D| 40  J = 2.5 + (40 - 2.5) / 16 = 4.84375
    StreamStats stats;
    const double arrivals[] = {0, 20, 45, 60};
    for (std::uint16_t i = 0; i < 4; ++i) stats.add(packet(i, 160u * i), at_ms(arrivals[i]), k_pcmu_rate);
    EXPECT_DOUBLE_EQ(stats.jitter(), 4.84375);
    EXPECT_DOUBLE_EQ(stats.jitter_ms(), 4.84375 / 8);
    EXPECT_DOUBLE_EQ(stats.max_jitter_ms(), 4.84375 / 8);
    EXPECT_DOUBLE_EQ(stats.max_delta_ms(), 25);
}

TEST(StreamStats, JitterAcrossTheTimestampWrap) {
    StreamStats stats;
    const std::uint32_t start = 0xffffff00;
    for (std::uint16_t i = 0; i < 4; ++i) stats.add(packet(i, start + 160u * i), at_ms(20.0 * i), k_pcmu_rate);
    EXPECT_DOUBLE_EQ(stats.jitter(), 0);
}

TEST(StreamStats, JitterUsesArrivalOrderForReorderedPackets) {
    // A.8 takes D against the previous packet received: 1, 3, 2 arriving
    // 20 ms apart give D = 160 - 320 = -160, then 160 - (-160) = 320.
    //   J = 160 / 16 = 10;  J = 10 + (320 - 10) / 16 = 29.375
    StreamStats stats;
    stats.add(packet(1, 0), at_ms(0), k_pcmu_rate);
    stats.add(packet(3, 320), at_ms(20), k_pcmu_rate);
    stats.add(packet(2, 160), at_ms(40), k_pcmu_rate);
    EXPECT_DOUBLE_EQ(stats.jitter(), 29.375);
    // The late packet's timestamp goes back: it is left out of the maxima.
    EXPECT_DOUBLE_EQ(stats.max_jitter_ms(), 10.0 / 8);
}

TEST(StreamStats, NoClockRateNoJitter) {
    StreamStats stats;
    const double arrivals[] = {0, 20, 45, 60};
    for (std::uint16_t i = 0; i < 4; ++i) stats.add(packet(i, 160u * i, 101), at_ms(arrivals[i]), 0);
    EXPECT_DOUBLE_EQ(stats.jitter(), 0);
    EXPECT_DOUBLE_EQ(stats.max_jitter_ms(), 0);
    EXPECT_DOUBLE_EQ(stats.max_delta_ms(), 25);  // gaps need no clock
    EXPECT_EQ(stats.clock_rate(), 0u);
}

TEST(StreamStats, PacketsWithoutClockRateDoNotBreakTheJitterReference) {
    // Audio, a telephone-event (rate 0) with a stale timestamp, audio: the
    // third packet's D is taken against the first, so the jitter stays 0.
    StreamStats stats;
    stats.add(packet(1, 0), at_ms(0), k_pcmu_rate);
    stats.add(packet(2, 0, 101), at_ms(20), 0);
    stats.add(packet(3, 320), at_ms(40), k_pcmu_rate);
    EXPECT_DOUBLE_EQ(stats.jitter(), 0);
}

TEST(StreamStats, ClockRateChangeRescalesTheJitter) {
    StreamStats stats;
    const double arrivals[] = {0, 20, 45};
    for (std::uint16_t i = 0; i < 3; ++i) stats.add(packet(i, 160u * i), at_ms(arrivals[i]), k_pcmu_rate);
    ASSERT_DOUBLE_EQ(stats.jitter(), 2.5);
    stats.add(packet(3, 5000), at_ms(65), 16000);  // new clock: jitter in 16 kHz units, reference restarts
    EXPECT_DOUBLE_EQ(stats.jitter(), 5.0);
    EXPECT_DOUBLE_EQ(stats.jitter_ms(), 2.5 / 8);
    EXPECT_EQ(stats.clock_rate(), 16000u);
}

TEST(StreamStats, MarkerAndComfortNoiseAreLeftOutOfTheMaxima) {
    // 0, 20, then silence: CN at 100 ms, audio resumes with the marker at
    // 300 ms, then 320 ms. Only the gaps of regular packets count.
    StreamStats stats;
    stats.add(packet(1, 0), at_ms(0), k_pcmu_rate);
    stats.add(packet(2, 160), at_ms(20), k_pcmu_rate);
    stats.add(packet(3, 800, 13, 1), at_ms(100), k_pcmu_rate);  // CN
    auto resumed = packet(4, 2400);
    resumed.marker = true;
    stats.add(resumed, at_ms(300), k_pcmu_rate);
    stats.add(packet(5, 2560), at_ms(321), k_pcmu_rate);
    EXPECT_DOUBLE_EQ(stats.max_delta_ms(), 21);
    EXPECT_EQ(stats.lost(), 0);
}

TEST(StreamStats, PayloadTypesSeen) {
    StreamStats stats;
    stats.add(packet(1, 0, 0), at_ms(0), k_pcmu_rate);
    stats.add(packet(2, 160, 101), at_ms(20), 0);
    stats.add(packet(3, 320, 13), at_ms(40), k_pcmu_rate);
    stats.add(packet(4, 480, 127), at_ms(60), 0);
    EXPECT_EQ(stats.payload_types().size(), 4);
    for (std::uint8_t pt : std::initializer_list<std::uint8_t>{0, 13, 101, 127})
        EXPECT_TRUE(stats.payload_types().contains(pt)) << int{pt};
    for (std::uint8_t pt : std::initializer_list<std::uint8_t>{1, 8, 64, 100})
        EXPECT_FALSE(stats.payload_types().contains(pt)) << int{pt};
    EXPECT_EQ(stats.last_payload_type(), 127);
}

}  // namespace
}  // namespace sipwarden::rtp
