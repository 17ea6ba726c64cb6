// Just enough SIP to frame messages on a byte stream (RFC 3261 §18.3): a
// start line, the end of the header block, and Content-Length. Full parsing
// is src/sip's job; this lets TCP reassembly cut the stream into messages.
#pragma once

#include <cstddef>
#include <string_view>

namespace sipwarden::net {

// True when `text` begins with a SIP request or status line (leading CR/LF
// keep-alives are not skipped here).
bool starts_with_sip_start_line(std::string_view text);

// True when `text` is too short to hold a whole start line but begins like
// one ("SIP/2.0 " or a SIP method and a space): a message split early.
bool begins_like_sip(std::string_view text);

enum class FrameStatus { complete, incomplete, too_large };

// `buffer` starts with a start line. On `complete`, `length` is the size of
// the first message including its body.
FrameStatus frame_sip_message(std::string_view buffer, std::size_t max_message, std::size_t& length);

// Offset of the next line in `buffer` (after position 0) that starts a SIP
// message, or npos.
std::size_t find_sip_start(std::string_view buffer);

}  // namespace sipwarden::net
