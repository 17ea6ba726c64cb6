// Fuzz target: one RTCP compound packet (parse_rtcp, looks_like_rtcp,
// rtcp_says_goodbye) and RtcpStats over it; the summary must stay inside its bounds and the input.
#include <cstddef>
#include <cstdint>
#include <functional>

#include "core/byte_reader.h"
#include "rtp/rtcp_packet.h"
#include "rtp/rtcp_stats.h"

namespace {
using namespace sipwarden;

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void check_inside(core::Bytes outer, std::string_view view) {
    if (view.empty()) return;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(view.data());
    const std::less_equal<const std::uint8_t*> le;
    check(le(outer.data(), begin) && le(begin + view.size(), outer.data() + outer.size()));
}

void check_summary(core::Bytes input, const rtp::RtcpSummary& s, rtp::RtcpStatus status) {
    check(status == s.first_problem);
    check(s.report_block_count <= rtp::RtcpSummary::k_max_report_blocks);
    check(s.report_block_count <= s.report_blocks_seen);
    check(s.packets <= input.size() / 4);
    check(s.sender_reports + s.receiver_reports + s.source_descriptions + s.byes + s.apps + s.extended_reports +
              s.feedback + s.other <=
          s.packets);
    check(s.xr_blocks <= input.size() / 4);
    check(status == rtp::RtcpStatus::ok || s.problem_offset < input.size() || input.size() < 4);
    check_inside(input, s.cname);
    check(!s.has_voip_metrics || s.extended_reports > 0);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const core::Bytes input(data, size);
    rtp::RtcpSummary summary;
    const auto status = rtp::parse_rtcp(input, summary);
    check_summary(input, summary, status);
    (void)rtp::to_string(status);
    const bool looks = rtp::looks_like_rtcp(input);
    // A compound that parses cleanly from an SR or RR looks like RTCP.
    check(!(status == rtp::RtcpStatus::ok && !summary.reduced_size && size >= 8) || looks);
    // A BYE found in the kept head is one the whole compound has; a compound
    // that parses cleanly with a BYE says goodbye.
    auto head = rtp::DatagramHead::of(input);
    head.head = head.head.first(rtp::DatagramHead::head_size(input));
    const bool goodbye = rtp::rtcp_says_goodbye(rtp::DatagramHead::of(input));
    check(!rtp::rtcp_says_goodbye(head) || goodbye);
    check(!(status == rtp::RtcpStatus::ok && summary.byes > 0) || goodbye);
    rtp::RtcpStats stats;
    stats.add(summary, core::Timestamp::from_seconds(1));
    stats.add(summary, core::Timestamp::from_seconds(2));
    check(stats.compounds() == 2 && stats.packets() == 2u * summary.packets);
    check(stats.max_fraction_lost() >= (summary.report_block_count > 0 ? summary.report_blocks[0].fraction_lost : 0));
    return 0;
}
