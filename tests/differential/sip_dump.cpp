// Canonical text dump of everything the SIP/SDP parser's public API says
// about one input: every accessor of Message and SessionDescription, every
// anomaly with its detail, and every structured parser applied to every
// header value. Compiled twice by the differential check (against the
// current sources and, with -Dsipwarden=sipwarden_base, against a base
// revision), so it uses only API both have.
#include "sip_dump.h"

#include <array>
#include <cstdio>
#include <functional>

#include "sip/digest.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"

namespace sipwarden::differential {

namespace {
using namespace sipwarden::sip;

class Dump {
public:
    explicit Dump(std::string_view input) : m_input(input) {}

    // A view as its offset and length in the input, or its text when it
    // points elsewhere (static anomaly details, header names).
    Dump& view(const char* key, std::string_view v) {
        m_out += key;
        m_out += '=';
        const std::less_equal<const char*> le;
        if (v.empty()) {
            m_out += "()";
        } else if (le(m_input.data(), v.data()) && le(v.data() + v.size(), m_input.data() + m_input.size())) {
            m_out += '@' + std::to_string(v.data() - m_input.data()) + '+' + std::to_string(v.size());
        } else {
            m_out += '\'';
            m_out += v;
            m_out += '\'';
        }
        m_out += ' ';
        return *this;
    }
    Dump& num(const char* key, long long n) {
        m_out += key;
        m_out += '=' + std::to_string(n) + ' ';
        return *this;
    }
    template <typename T>
    Dump& opt(const char* key, const std::optional<T>& o) {
        if (!o) return text(key, "none");
        return num(key, static_cast<long long>(*o));
    }
    Dump& opt_view(const char* key, const std::optional<std::string_view>& o) {
        return o ? view(key, *o) : text(key, "none");
    }
    Dump& text(const char* key, std::string_view t) {
        m_out += key;
        m_out += '=';
        m_out += t;
        m_out += ' ';
        return *this;
    }
    void line() { m_out += '\n'; }
    std::string take() { return std::move(m_out); }

private:
    std::string_view m_input;
    std::string m_out;
};

void params(Dump& d, const char* what, const Params& ps) {
    d.text("params", what).num("malformed", ps.malformed());
    for (const Param& p : ps) d.view("name", p.name).view("value", p.value).num("has", p.has_value);
    d.line();
}

void uri(Dump& d, const Uri& u) {
    d.num("scheme", static_cast<int>(u.scheme)).view("scheme_text", u.scheme_text).view("user", u.user);
    d.view("password", u.password).view("host", u.host).num("host_kind", static_cast<int>(u.host_kind));
    d.opt("port", u.port).view("params", u.params).view("headers", u.headers).view("opaque", u.opaque);
    d.num("bad_escape", u.bad_escape).view("host_address", u.host_address()).opt_view("lr", u.param("lr"));
    std::array<char, 512> buffer{};
    for (std::string_view part : {u.user, u.password, u.params, u.headers}) {
        const auto n = percent_decode(part, buffer);
        d.text("decoded", n ? std::string_view(buffer.data(), *n) : "bad");
    }
    d.line();
    params(d, "uri", u.parameters());
}

void uri_text(Dump& d, std::string_view text) {
    const auto u = parse_uri(text);
    d.view("parse_uri", text).num("ok", u.has_value());
    d.line();
    if (u) uri(d, *u);
}

// Optional (the base revision's API) or pointer (the current one).
template <typename NameAddrRef>
void name_addr(Dump& d, const NameAddrRef& a) {
    if (!a) return;
    d.view("display", a->display_name).view("uri_text", a->uri_text).view("params", a->params);
    d.num("angle", a->angle_brackets).opt_view("tag", a->tag());
    d.line();
    uri(d, a->uri);
    params(d, "name_addr", a->parameters());
}

template <typename ViaRef>
void via(Dump& d, const ViaRef& v) {
    if (!v) return;
    d.view("protocol", v->protocol).view("version", v->version).view("transport", v->transport);
    d.view("host", v->host).num("host_kind", static_cast<int>(v->host_kind)).opt("port", v->port);
    d.view("params", v->params).opt_view("branch", v->branch).opt_view("received", v->received);
    d.opt_view("maddr", v->maddr).opt("ttl", v->ttl).num("rport", v->rport).opt("rport_value", v->rport_value);
    d.line();
    params(d, "via", v->parameters());
}

void cseq(Dump& d, const std::optional<CSeq>& c) {
    if (!c) return;
    d.num("number", c->number).num("method", static_cast<int>(c->method)).view("method_text", c->method_text);
    d.line();
}

void digest(Dump& d, std::string_view value) {
    ValueError why = ValueError::none;
    const auto g = parse_digest(value, &why);
    d.text("parse_digest", to_string(why)).num("ok", g.has_value());
    if (g) {
        d.view("scheme", g->scheme).view("params", g->params).num("quoted_pairs", g->has_quoted_pairs);
        std::array<char, 256> buffer{};
        for (std::string_view v : {g->username, g->realm, g->nonce, g->uri, g->response, g->algorithm, g->cnonce,
                                   g->opaque, g->qop, g->nc, g->stale, g->domain}) {
            const auto n = unquote(v, buffer);
            d.view("field", v).text("unquoted", n ? std::string_view(buffer.data(), *n) : "too long");
        }
    }
    d.line();
}

// Every structured parser on one comma-separated value.
void value(Dump& d, std::string_view v) {
    ValueError why = ValueError::none;
    const auto a = parse_name_addr(v, &why);
    d.view("value", v).text("parse_name_addr", to_string(why)).num("ok", a.has_value());
    d.line();
    name_addr(d, a);
    const auto c = parse_contact(v, &why);
    d.text("parse_contact", to_string(why)).num("ok", c.has_value());
    if (c) d.num("star", c->star).opt("expires", c->expires).num("overflow", c->expires_overflow);
    d.line();
    if (c) name_addr(d, std::optional<NameAddr>(c->address));
    const auto vi = parse_via(v, &why);
    d.text("parse_via", to_string(why)).num("ok", vi.has_value());
    d.line();
    via(d, vi);
    const auto cs = parse_cseq(v, &why);
    d.text("parse_cseq", to_string(why)).num("ok", cs.has_value());
    d.line();
    cseq(d, cs);
    if (vi) d.num("classify_host", static_cast<int>(classify_host(vi->host))).line();
}

void anomalies(Dump& d, std::span<const AnomalyRecord> records, std::size_t dropped) {
    for (const AnomalyRecord& r : records) d.text("anomaly", code(r.anomaly)).view("detail", r.detail);
    d.num("dropped", static_cast<long long>(dropped));
    d.line();
}

void connection(Dump& d, const char* what, const Connection& c) {
    d.text("connection", what).num("present", c.present).view("net", c.network_type);
    d.view("type_text", c.address_type_text).num("type", static_cast<int>(c.address_type));
    d.view("address", c.address).opt("ttl", c.ttl).opt("count", c.count);
    d.line();
}

void sdp(Dump& d, std::string_view text, const Limits& limits) {
    SessionDescription s;
    const bool ok = s.parse(text, limits);
    d.view("sdp", text).num("ok", ok).num("version", s.version()).view("session_name", s.session_name());
    d.num("direction", static_cast<int>(s.direction()));
    const Origin& o = s.origin();
    d.num("origin", o.present).view("user", o.username).view("id", o.session_id).view("ver", o.session_version);
    d.line();
    connection(d, "origin", o.address);
    connection(d, "session", s.connection());
    for (const Media& m : s.media()) {
        d.view("media", m.type).num("port", m.port).num("count", m.port_count).view("proto", m.proto);
        d.view("formats", m.formats).num("format_count", static_cast<long long>(m.format_count));
        d.num("direction", static_cast<int>(m.direction)).num("mux", m.rtcp_mux).opt("rtcp", m.rtcp_port);
        d.num("rtp", m.is_rtp()).num("direction_for", static_cast<int>(s.direction_for(m)));
        d.line();
        connection(d, "media", m.connection);
        connection(d, "rtcp", m.rtcp_address);
        connection(d, "for", s.connection_for(m));
        for (const RtpMap& r : s.rtpmaps(m)) {
            d.num("pt", r.payload_type).view("encoding", r.encoding).num("clock", r.clock_rate);
            d.view("parameters", r.parameters);
        }
        d.line();
        for (std::string_view f : Words(m.formats)) {
            const auto pt = payload_type(f);
            d.view("format", f).opt("pt", pt);
            if (pt) d.num("rtpmap", s.rtpmap(m, *pt).has_value());
        }
        d.line();
    }
    for (const Anomaly a : all_anomalies()) d.num("has", s.has(a));
    d.line();
    anomalies(d, s.anomalies(), s.anomalies_dropped());
}

void body(Dump& d, const Message& m, const Limits& limits) {
    const std::string_view type = m.content_type();
    d.view("media_type", media_type(type)).view("boundary", multipart_boundary(type));
    MultipartReader reader(m.body(), multipart_boundary(type));
    BodyPart part;
    for (int i = 0; i < 20 && reader.next(part); ++i) {
        d.view("part_headers", part.headers).view("part_type", part.content_type).view("part_body", part.body);
    }
    d.num("multipart_malformed", reader.malformed());
    bool malformed = false;
    const std::string_view found = find_sdp(m, limits, &malformed);
    d.view("find_sdp", found).num("malformed", malformed);
    d.line();
    if (!found.empty()) sdp(d, found, limits);
}

void message(Dump& d, std::string_view input, const Limits& limits) {
    Message m;
    const bool ok = m.parse(input, limits);
    d.num("parse", ok).num("request", m.is_request()).num("method", static_cast<int>(m.method()));
    d.view("method_text", m.method_text()).view("request_uri", m.request_uri()).view("version", m.version());
    d.num("status", m.status_code()).view("reason", m.reason()).view("start_line", m.start_line());
    d.view("call_id", m.call_id()).num("via_count", static_cast<long long>(m.via_count()));
    d.opt("content_length", m.content_length()).opt("max_forwards", m.max_forwards()).opt("expires", m.expires());
    d.view("content_type", m.content_type()).view("body", m.body()).num("size", static_cast<long long>(m.size()));
    d.view("data", m.data());
    d.line();
    anomalies(d, m.anomalies(), m.anomalies_dropped());
    for (const Anomaly a : all_anomalies()) d.num("has", m.has(a));
    d.line();
    d.text("singletons", "from");
    name_addr(d, m.from());
    d.text("singletons", "to");
    name_addr(d, m.to());
    via(d, m.top_via());
    cseq(d, m.cseq());
    if (!m.request_uri().empty()) uri_text(d, m.request_uri());
    for (const Header& h : m.headers()) {
        d.num("header", static_cast<int>(h.id)).view("name", h.name).view("value", h.value);
        d.view("by_name", m.header(h.name)).num("id_of_name", static_cast<int>(header_id(h.name)));
        d.line();
        digest(d, h.value);
        for (const std::string_view v : CommaList(h.value)) value(d, v);
    }
    for (std::size_t i = 0; i < k_header_id_count; ++i) {
        const auto id = static_cast<HeaderId>(i);
        d.num("id", static_cast<int>(i)).num("count", static_cast<long long>(m.count(id)));
        d.view("first", m.header(id)).text("name", header_name(id));
        for (const std::string_view v : m.values(id)) d.view("v", v);
        d.line();
    }
    body(d, m, limits);
}

Limits tight_limits() {
    Limits tight;
    tight.max_headers = 4;
    tight.max_via = 2;
    tight.max_anomalies = 3;
    tight.max_line_bytes = 64;
    tight.max_header_bytes = 128;
    tight.max_message_bytes = 512;
    tight.max_junk_bytes = 16;
    tight.max_method_bytes = 6;
    tight.max_uri_bytes = 32;
    tight.max_call_id_bytes = 16;
    tight.max_media = 1;
    tight.max_rtpmaps = 1;
    tight.max_formats = 2;
    tight.max_sdp_lines = 12;
    tight.max_multipart_parts = 1;
    return tight;
}
}  // namespace

std::string dump(std::string_view input) {
    Dump d(input);
    d.num("looks_like_sip", looks_like_sip(input)).line();
    const Limits defaults;
    message(d, input, defaults);
    d.text("limits", "tight").line();
    message(d, input, tight_limits());
    // The input as an SDP body on its own, and as the SDP part of a multipart body.
    sdp(d, input, defaults);
    sdp(d, input, tight_limits());
    const std::string_view part = find_sdp("multipart/mixed;boundary=b", input);
    d.view("multipart_part", part).line();
    return d.take();
}

}  // namespace sipwarden::differential
