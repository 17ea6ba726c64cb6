// Accumulates RTCP compound summaries for one flow; see rtcp_stats.h.
#include "rtp/rtcp_stats.h"

#include <algorithm>

namespace sipwarden::rtp {

void RtcpStats::add(const RtcpSummary& summary, core::Timestamp arrival) {
    if (m_compounds++ == 0) m_first = arrival;
    m_last = arrival;
    m_packets += summary.packets;
    m_sender_reports += summary.sender_reports;
    m_receiver_reports += summary.receiver_reports;
    m_byes += summary.byes;
    m_extended_reports += summary.extended_reports;
    m_feedback += summary.feedback;
    if (summary.first_problem != RtcpStatus::ok && m_problems++ == 0) m_first_problem = summary.first_problem;
    if (summary.has_sender_ssrc) {
        if (m_has_sender_ssrc && summary.sender_ssrc != m_sender_ssrc) ++m_sender_ssrc_changes;
        m_has_sender_ssrc = true;
        m_sender_ssrc = summary.sender_ssrc;
    }
    add_reports(summary);
}

void RtcpStats::add_reports(const RtcpSummary& summary) {
    if (summary.report_block_count == 0) return;
    m_has_report = true;
    m_latest_report = summary.report_blocks[0];
    for (std::uint32_t i = 0; i < summary.report_block_count; ++i) {
        const ReportBlock& block = summary.report_blocks[i];
        m_max_fraction_lost = std::max(m_max_fraction_lost, block.fraction_lost);
        m_max_reported_jitter = std::max(m_max_reported_jitter, block.jitter);
    }
}

}  // namespace sipwarden::rtp
