// Fuzz target: one SIP message. Parses it with default and tight limits and
// exercises every accessor and structured parser on what was found; checks
// that every view stays inside the input.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "sip/digest.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"

namespace {
using namespace sipwarden::sip;

std::string_view g_input;

void check_inside(std::string_view view) {
    if (view.empty()) return;
    const std::less_equal<const char*> le;
    if (!le(g_input.data(), view.data()) || !le(view.data() + view.size(), g_input.data() + g_input.size()))
        std::abort();
}

void exercise_uri(std::string_view text) {
    const auto uri = parse_uri(text);
    if (!uri) return;
    std::array<char, 256> buffer{};
    for (std::string_view part : {uri->user, uri->password, uri->host, uri->params, uri->headers, uri->opaque}) {
        check_inside(part);
        (void)percent_decode(part, buffer);
    }
    for (const Param& p : uri->parameters()) check_inside(p.value);
    (void)uri->host_address();
}

void exercise_name_addr(std::string_view value) {
    const auto a = parse_name_addr(value);
    if (!a) return;
    check_inside(a->display_name);
    check_inside(a->uri_text);
    (void)a->tag();
    exercise_uri(a->uri_text);
}

void exercise_headers(const Message& m) {
    for (const Header& h : m.headers()) {
        check_inside(h.name);
        check_inside(h.value);
        (void)header_id(h.name);
        if (h.id == HeaderId::authorization || h.id == HeaderId::proxy_authorization ||
            h.id == HeaderId::www_authenticate || h.id == HeaderId::proxy_authenticate) {
            if (const auto d = parse_digest(h.value)) {
                std::array<char, 64> buffer{};
                for (std::string_view v : {d->username, d->realm, d->nonce, d->uri, d->response, d->opaque}) {
                    check_inside(v);
                    (void)unquote(v, buffer);
                }
                exercise_uri(d->uri);
            }
        }
    }
    for (auto v : m.values(HeaderId::via)) {
        if (const auto via = parse_via(v)) check_inside(via->host);
    }
    for (auto v : m.values(HeaderId::contact)) (void)parse_contact(v);
    for (HeaderId id : {HeaderId::route, HeaderId::record_route, HeaderId::p_asserted_identity, HeaderId::from,
                        HeaderId::to, HeaderId::refer_to}) {
        for (auto v : m.values(id)) exercise_name_addr(v);
    }
    for (auto v : m.values(HeaderId::cseq)) (void)parse_cseq(v);
}

void exercise_sdp(std::string_view body, const Limits& limits) {
    SessionDescription sdp;
    if (!sdp.parse(body, limits)) return;
    check_inside(sdp.origin().address.address);
    for (const Media& media : sdp.media()) {
        check_inside(media.formats);
        for (std::string_view f : Words(media.formats)) (void)payload_type(f);
        for (const RtpMap& map : sdp.rtpmaps(media)) check_inside(map.encoding);
        check_inside(sdp.connection_for(media).address);
        (void)sdp.direction_for(media);
    }
    for (const AnomalyRecord& a : sdp.anomalies()) (void)code(a.anomaly);
}

void run(const Limits& limits) {
    Message m;
    (void)looks_like_sip(g_input);
    if (!m.parse(g_input, limits)) return;
    if (m.size() > g_input.size()) std::abort();
    for (std::string_view v : {m.start_line(), m.method_text(), m.request_uri(), m.reason(), m.body(), m.call_id()}) {
        check_inside(v);
    }
    for (const AnomalyRecord& a : m.anomalies()) (void)code(a.anomaly);
    exercise_uri(m.request_uri());
    exercise_headers(m);
    bool malformed = false;
    const std::string_view sdp = find_sdp(m, limits, &malformed);
    check_inside(sdp);
    exercise_sdp(sdp, limits);
    MultipartReader reader(m.body(), multipart_boundary(m.content_type()));
    BodyPart part;
    for (int i = 0; i < 8 && reader.next(part); ++i) check_inside(part.body);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    g_input = std::string_view(reinterpret_cast<const char*>(data), size);
    run(Limits{});
    Limits tight;
    tight.max_headers = 4;
    tight.max_via = 2;
    tight.max_anomalies = 3;
    tight.max_line_bytes = 64;
    tight.max_message_bytes = 512;
    tight.max_media = 1;
    tight.max_rtpmaps = 1;
    tight.max_multipart_parts = 1;
    run(tight);
    return 0;
}
