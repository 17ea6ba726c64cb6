// Per-flow RTCP statistics: what the compounds on one RTCP flow said over
// time — how many, of which kinds, with problems, and the latest and worst
// reception quality the peer reported. O(1) per compound, no allocation.
#pragma once

#include <cstdint>

#include "core/timestamp.h"
#include "rtp/rtcp_packet.h"

namespace sipwarden::rtp {

class RtcpStats {
public:
    // Accounts one compound that parse_rtcp() summarized (whatever it returned).
    void add(const RtcpSummary& summary, core::Timestamp arrival);

    std::uint64_t compounds() const { return m_compounds; }
    std::uint64_t packets() const { return m_packets; }
    std::uint64_t sender_reports() const { return m_sender_reports; }
    std::uint64_t receiver_reports() const { return m_receiver_reports; }
    std::uint64_t byes() const { return m_byes; }
    std::uint64_t extended_reports() const { return m_extended_reports; }
    std::uint64_t feedback() const { return m_feedback; }
    // Compounds whose parse found a problem, and the first such problem.
    std::uint64_t problems() const { return m_problems; }
    RtcpStatus first_problem() const { return m_first_problem; }
    core::Timestamp first() const { return m_first; }
    core::Timestamp last() const { return m_last; }

    // SSRC of the latest SR or RR sender, and how often it changed.
    bool has_sender_ssrc() const { return m_has_sender_ssrc; }
    std::uint32_t sender_ssrc() const { return m_sender_ssrc; }
    std::uint32_t sender_ssrc_changes() const { return m_sender_ssrc_changes; }

    // The first report block of the latest compound that carried one: the
    // peer's view of the media it receives (loss and jitter as it measured them).
    bool has_report() const { return m_has_report; }
    const ReportBlock& latest_report() const { return m_latest_report; }
    // Worst fraction lost (1/256) and jitter (timestamp units) over all blocks.
    std::uint8_t max_fraction_lost() const { return m_max_fraction_lost; }
    std::uint32_t max_reported_jitter() const { return m_max_reported_jitter; }

private:
    void add_reports(const RtcpSummary& summary);

    std::uint64_t m_compounds = 0, m_packets = 0, m_sender_reports = 0, m_receiver_reports = 0, m_byes = 0,
                  m_extended_reports = 0, m_feedback = 0, m_problems = 0;
    RtcpStatus m_first_problem = RtcpStatus::ok;
    core::Timestamp m_first, m_last;
    bool m_has_sender_ssrc = false;
    bool m_has_report = false;
    std::uint8_t m_max_fraction_lost = 0;
    std::uint32_t m_sender_ssrc = 0;
    std::uint32_t m_sender_ssrc_changes = 0;
    std::uint32_t m_max_reported_jitter = 0;
    ReportBlock m_latest_report;
};

}  // namespace sipwarden::rtp
