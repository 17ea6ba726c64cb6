// Multipart bodies (RFC 2046 §5.1) and finding the SDP of a message: the
// body itself for application/sdp, or the first application/sdp part of a
// multipart body (one nested multipart level is searched too).
#pragma once

#include <string_view>

#include "sip/limits.h"
#include "sip/message.h"

namespace sipwarden::sip {

struct BodyPart {
    std::string_view headers;       // the part's header lines, CR LF kept
    std::string_view content_type;  // value of its Content-Type, or empty
    std::string_view body;
};

// Walks the parts of a multipart body with a given boundary. Zero-length
// parts are yielded as empty parts; a missing closing delimiter ends the
// last part at the end of the body and sets malformed().
class MultipartReader {
public:
    MultipartReader(std::string_view body, std::string_view boundary);
    bool next(BodyPart& part);
    // No opening delimiter, or no closing one.
    bool malformed() const { return m_malformed; }

private:
    std::size_t find_delimiter(std::size_t from) const;
    std::string_view m_body;
    std::string_view m_boundary;
    std::size_t m_pos = 0;
    bool m_done = false;
    bool m_malformed = false;
};

// The boundary parameter of a multipart Content-Type, quotes removed; empty
// when absent.
std::string_view multipart_boundary(std::string_view content_type);
// The media type of a Content-Type value ("application/sdp"), parameters removed.
std::string_view media_type(std::string_view content_type);

// The SDP carried by the message, or empty. `malformed`, when given, is set
// when a multipart body had to be read past a framing error.
std::string_view find_sdp(const Message& message, const Limits& limits = {}, bool* malformed = nullptr);
std::string_view find_sdp(std::string_view content_type, std::string_view body, const Limits& limits = {},
                          bool* malformed = nullptr);

}  // namespace sipwarden::sip
