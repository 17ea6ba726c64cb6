// The canonical dump of what the SIP/SDP parser's API says about one input
// (sip_dump.cpp); the differential check compares it between two revisions.
#pragma once

#include <string>
#include <string_view>

namespace sipwarden::differential {

// Every accessor, anomaly and structured-parser result for `input` parsed as
// a SIP message (default and tight limits) and as an SDP body, one fact per
// field, views given as offsets into `input`.
std::string dump(std::string_view input);

}  // namespace sipwarden::differential
