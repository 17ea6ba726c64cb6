// Fuzz target: one SDP body, parsed on its own and as the SDP part of a
// multipart body; every view must stay inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "sip/multipart.h"
#include "sip/sdp.h"

namespace {
using namespace sipwarden::sip;

void check_inside(std::string_view outer, std::string_view view) {
    if (view.empty()) return;
    const std::less_equal<const char*> le;
    if (!le(outer.data(), view.data()) || !le(view.data() + view.size(), outer.data() + outer.size())) std::abort();
}

void exercise(std::string_view text, const Limits& limits) {
    SessionDescription sdp;
    if (!sdp.parse(text, limits)) return;
    if (sdp.media().size() > limits.max_media) std::abort();
    check_inside(text, sdp.session_name());
    check_inside(text, sdp.origin().username);
    check_inside(text, sdp.connection().address);
    for (const Media& media : sdp.media()) {
        check_inside(text, media.type);
        check_inside(text, media.proto);
        for (std::string_view f : Words(media.formats)) {
            check_inside(text, f);
            (void)payload_type(f);
        }
        for (const RtpMap& map : sdp.rtpmaps(media)) check_inside(text, map.parameters);
        (void)sdp.rtpmap(media, 0);
        check_inside(text, sdp.connection_for(media).address);
        check_inside(text, media.rtcp_address.address);
        (void)to_string(sdp.direction_for(media));
    }
    for (const AnomalyRecord& a : sdp.anomalies()) (void)code(a.anomaly);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    exercise(text, Limits{});
    Limits tight;
    tight.max_media = 2;
    tight.max_rtpmaps = 2;
    tight.max_formats = 2;
    tight.max_sdp_lines = 16;
    tight.max_anomalies = 2;
    exercise(text, tight);
    // The same bytes as a multipart body with boundary "b".
    const std::string_view part = find_sdp("multipart/mixed;boundary=b", text);
    check_inside(text, part);
    exercise(part, tight);
    return 0;
}
