// CallRecord: one call as the CDR readers report it, whatever the source
// format. String fields borrow from the reader's line buffer and are valid
// until the reader reads the next line.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/timestamp.h"

namespace sipwarden::fraud {

enum class Disposition : std::uint8_t { answered, no_answer, busy, failed, congestion, cancel, unknown };

std::string_view to_string(Disposition disposition);
// Asterisk names (ANSWERED, NO ANSWER, ...), FreeSWITCH hangup causes
// (NORMAL_CLEARING, USER_BUSY, ...) and SIP status codes ("200", "486").
Disposition parse_disposition(std::string_view text);

struct CallRecord {
    std::string_view account;      // accountcode; may be empty
    std::string_view source;       // caller number / extension (src)
    std::string_view destination;  // dialled number (dst)
    std::string_view context;      // dialplan context (dcontext), when known
    std::string_view channel;      // source channel, e.g. "PJSIP/1001-0000002a"
    std::string_view unique_id;
    core::Timestamp start;  // UTC
    std::optional<core::Timestamp> answer;
    core::Timestamp end;
    std::int64_t duration_s = 0;  // start to end
    std::int64_t billsec = 0;     // answer to end
    Disposition disposition = Disposition::unknown;

    // Where it came from, for alerts ("Master.csv:1234").
    std::string_view file;
    std::uint64_t line = 0;

    // The account detectors group by: accountcode, else the source channel
    // without its unique suffix ("PJSIP/1001"), else the source number.
    std::string_view account_key() const;
    bool answered() const { return disposition == Disposition::answered && billsec > 0; }
};

}  // namespace sipwarden::fraud
