// Services and providers from Asterisk and FreeSWITCH configurations, with
// the defaults each product applies when a setting is absent.
#include "audit/services.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

bool is_true(std::string_view value) {
    value = core::trim(value);
    return core::iequals(value, "yes") || core::iequals(value, "true") || core::iequals(value, "on") || value == "1" ||
           core::iequals(value, "y");
}

BindAddress parse_bind(std::string_view text) {
    BindAddress out;
    text = core::trim(text);
    if (text.empty()) return out;
    std::string_view host = text;
    std::string_view port;
    if (text[0] == '[') {
        const auto close = text.find(']');
        host = text.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
        if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == ':')
            port = text.substr(close + 2);
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        host = text.substr(0, text.find(':'));
        port = text.substr(text.find(':') + 1);
    }
    if (!port.empty()) {
        if (auto p = core::parse_uint(port, 65535))
            out.port = static_cast<std::uint16_t>(*p);
        else
            out.valid = false;
    }
    if (auto address = core::IpAddress::parse(host)) {
        const auto& b = address->bytes();
        const bool unspecified =
            std::all_of(b.begin(), b.begin() + (address->is_v4() ? 4 : 16), [](auto x) { return x == 0; });
        if (!unspecified) out.address = *address;
    }
    return out;
}

std::optional<AddressSet> asterisk_acl(const AsteriskConfig& config, const ConfSection& section,
                                       std::string_view permit_key, std::string_view deny_key,
                                       std::string_view acl_key) {
    std::vector<AclRule> rules;
    bool any = false;
    for (const auto& e : section.entries) {
        const bool permit = core::iequals(e.key, permit_key);
        if (!permit && !core::iequals(e.key, deny_key)) continue;
        any = true;
        for (auto part : core::split(e.value, ',')) {
            if (auto net = parse_acl_network(part)) rules.push_back({permit, *net});
        }
    }
    std::optional<AddressSet> allowed;
    if (any) allowed = acl_allowed(rules);
    for (const auto* e : section.all(acl_key)) {
        for (auto name : core::split(e->value, ',')) {
            const auto* named = config.named_acl(name);
            if (named == nullptr) continue;
            auto set = asterisk_acl(config, *named).value_or(AddressSet::all());
            allowed = allowed ? allowed->intersected(set) : set;
        }
    }
    return allowed;
}

namespace {

Service service(std::string kind, std::string label, std::string protocol, std::uint16_t first, std::uint16_t last,
                std::string_view bind_text, const core::SourcePosition& where, bool encrypted = false) {
    Service s;
    s.kind = std::move(kind);
    s.label = std::move(label);
    s.protocol = std::move(protocol);
    s.ports = {first, last};
    s.bind_text = std::string(bind_text);
    s.bind = parse_bind(bind_text).address;
    s.where = where;
    s.encrypted = encrypted;
    return s;
}

std::uint16_t port_of(std::string_view bind, std::uint16_t fallback) {
    return parse_bind(bind).port.value_or(fallback);
}

void pjsip_services(const AsteriskConfig& config, std::vector<Service>& out) {
    for (const auto* t : config.pjsip.of_type("transport")) {
        const auto protocol = core::to_lower(t->get("protocol").value_or("udp"));
        const auto bind = t->get("bind").value_or("");
        const auto* where_entry = t->find("bind");
        const auto where = where_entry != nullptr ? where_entry->where : t->section.where;
        if (protocol == "ws" || protocol == "wss") continue;  // served by the HTTP server (http.conf)
        const bool tls = protocol == "tls";
        const auto port = port_of(bind, tls ? 5061 : 5060);
        out.push_back(service("sip", "SIP over " + core::to_lower(protocol) + ", pjsip transport '" + t->name + "'",
                              protocol == "udp" ? "udp" : "tcp", port, port, bind.empty() ? "0.0.0.0" : bind, where,
                              tls));
    }
}

void chan_sip_services(const AsteriskConfig& config, std::vector<Service>& out) {
    if (!config.sip.present || !config.modules.loads("chan_sip") || config.sip.peers.empty()) return;
    const auto& g = config.sip.general;
    const auto bind = g.get("udpbindaddr").value_or(g.get("bindaddr").value_or("0.0.0.0"));
    const auto* entry = g.find("udpbindaddr") != nullptr ? g.find("udpbindaddr") : g.find("bindaddr");
    const auto where = entry != nullptr ? entry->where : g.where;
    const auto port = port_of(
        bind, static_cast<std::uint16_t>(core::parse_uint(g.get("bindport").value_or("5060"), 65535).value_or(5060)));
    out.push_back(service("sip", "SIP over udp, chan_sip", "udp", port, port, bind, where));
    if (is_true(g.get("tcpenable").value_or("no"))) {
        const auto tcp = g.get("tcpbindaddr").value_or(bind);
        out.push_back(service("sip", "SIP over tcp, chan_sip", "tcp", port_of(tcp, port), port_of(tcp, port), tcp,
                              g.find("tcpenable")->where));
    }
    if (is_true(g.get("tlsenable").value_or("no"))) {
        const auto tls = g.get("tlsbindaddr").value_or("0.0.0.0");
        out.push_back(service("sip", "SIP over tls, chan_sip", "tcp", port_of(tls, 5061), port_of(tls, 5061), tls,
                              g.find("tlsenable")->where, true));
    }
}

void manager_http_services(const AsteriskConfig& config, std::vector<Service>& out) {
    if (const auto* g = config.manager.first("general"); g != nullptr && is_true(g->get("enabled").value_or("no"))) {
        const auto bind = g->get("bindaddr").value_or("0.0.0.0");
        const auto port =
            static_cast<std::uint16_t>(core::parse_uint(g->get("port").value_or("5038"), 65535).value_or(5038));
        out.push_back(
            service("ami", "Asterisk Manager Interface (AMI)", "tcp", port, port, bind, g->find("enabled")->where));
        if (is_true(g->get("tlsenable").value_or("no"))) {
            const auto tls = g->get("tlsbindaddr").value_or("0.0.0.0:5039");
            out.push_back(service("ami", "Asterisk Manager Interface over TLS", "tcp", port_of(tls, 5039),
                                  port_of(tls, 5039), tls, g->find("tlsenable")->where, true));
        }
    }
    if (const auto* g = config.http.first("general"); g != nullptr && is_true(g->get("enabled").value_or("no"))) {
        const auto bind = g->get("bindaddr").value_or("0.0.0.0");
        const auto port =
            static_cast<std::uint16_t>(core::parse_uint(g->get("bindport").value_or("8088"), 65535).value_or(8088));
        out.push_back(service("http", "Asterisk HTTP server (ARI, WebSocket, status pages)", "tcp", port, port, bind,
                              g->find("enabled")->where));
        if (is_true(g->get("tlsenable").value_or("no"))) {
            const auto tls = g->get("tlsbindaddr").value_or("0.0.0.0:8089");
            out.push_back(service("http", "Asterisk HTTPS server", "tcp", port_of(tls, 8089), port_of(tls, 8089), tls,
                                  g->find("tlsenable")->where, true));
        }
    }
}

}  // namespace

std::vector<Service> asterisk_services(const AsteriskConfig& config) {
    std::vector<Service> out;
    pjsip_services(config, out);
    chan_sip_services(config, out);
    if (config.iax.present && config.modules.loads("chan_iax2") && !config.iax.peers.empty()) {
        const auto& g = config.iax.general;
        const auto bind = g.get("bindaddr").value_or("0.0.0.0");
        const auto port =
            static_cast<std::uint16_t>(core::parse_uint(g.get("bindport").value_or("4569"), 65535).value_or(4569));
        out.push_back(service("iax", "IAX2 (chan_iax2)", "udp", port, port, bind, g.where));
    }
    const bool has_media =
        std::any_of(out.begin(), out.end(), [](const Service& s) { return s.kind == "sip" || s.kind == "iax"; });
    if (has_media) {
        const auto* g = config.rtp.first("general");
        // Asterisk's built-in defaults (res_rtp_asterisk.c) apply when rtp.conf does not set the range.
        const auto start = g ? g->get("rtpstart").value_or("5000") : "5000";
        const auto end = g ? g->get("rtpend").value_or("31000") : "31000";
        const auto first = static_cast<std::uint16_t>(core::parse_uint(start, 65535).value_or(5000));
        const auto last = static_cast<std::uint16_t>(core::parse_uint(end, 65535).value_or(31000));
        const auto where = g && g->find("rtpstart") ? g->find("rtpstart")->where
                                                    : (g ? g->where : core::SourcePosition{"rtp.conf", 0, 0});
        out.push_back(service("rtp", "RTP media ports", "udp", first, std::max(first, last), "0.0.0.0", where));
    }
    manager_http_services(config, out);
    return out;
}

std::vector<Service> freeswitch_services(const FreeswitchConfig& config) {
    std::vector<Service> out;
    for (const auto& p : config.profiles) {
        const auto ip = p.settings.get("sip-ip").value_or("");
        const auto* ip_param = p.settings.find("sip-ip");
        const auto where = ip_param != nullptr ? ip_param->where : p.where;
        const auto port = static_cast<std::uint16_t>(
            core::parse_uint(p.settings.get("sip-port").value_or("5060"), 65535).value_or(5060));
        const std::string label = "SIP profile '" + p.name + "'";
        out.push_back(service("sip", label + " (udp)", "udp", port, port, ip, where));
        out.push_back(service("sip", label + " (tcp)", "tcp", port, port, ip, where));
        if (is_true(p.settings.get("tls").value_or("false"))) {
            const auto tls = static_cast<std::uint16_t>(
                core::parse_uint(p.settings.get("tls-sip-port").value_or("5061"), 65535).value_or(5061));
            out.push_back(service("sip", label + " (tls)", "tcp", tls, tls,
                                  p.settings.get("tls-bind-params").value_or(ip), where, true));
        }
    }
    if (!config.profiles.empty()) {
        const auto first = static_cast<std::uint16_t>(
            core::parse_uint(config.switch_settings.get("rtp-start-port").value_or("16384"), 65535).value_or(16384));
        const auto last = static_cast<std::uint16_t>(
            core::parse_uint(config.switch_settings.get("rtp-end-port").value_or("32768"), 65535).value_or(32768));
        const auto* p = config.switch_settings.find("rtp-start-port");
        out.push_back(
            service("rtp", "RTP media ports", "udp", first, std::max(first, last), "0.0.0.0",
                    p != nullptr ? p->where : core::SourcePosition{"autoload_configs/switch.conf.xml", 0, 0}));
    }
    if (config.event_socket_present) {
        const auto ip = config.event_socket.get("listen-ip").value_or("127.0.0.1");
        const auto port = static_cast<std::uint16_t>(
            core::parse_uint(config.event_socket.get("listen-port").value_or("8021"), 65535).value_or(8021));
        const auto* param = config.event_socket.find("listen-ip");
        out.push_back(service("esl", "FreeSWITCH event socket (mod_event_socket)", "tcp", port, port, ip,
                              param != nullptr ? param->where : config.event_socket_where));
    }
    return out;
}

namespace {

// "sip:host:port;params" or "host" -> host.
std::string uri_host(std::string_view uri) {
    if (core::istarts_with(uri, "sip:") || core::istarts_with(uri, "sips:")) uri = uri.substr(uri.find(':') + 1);
    if (const auto at = uri.find('@'); at != std::string_view::npos) uri = uri.substr(at + 1);
    uri = uri.substr(0, uri.find_first_of(";>"));
    if (!uri.empty() && uri[0] == '[') return std::string(uri.substr(1, uri.find(']') - 1));
    if (std::count(uri.begin(), uri.end(), ':') == 1) uri = uri.substr(0, uri.find(':'));
    return std::string(core::trim(uri));
}

void add_host(Provider& p, std::string_view text) {
    const auto host = uri_host(text);
    if (host.empty() || core::iequals(host, "dynamic")) return;
    if (auto cidr = parse_acl_network(host)) {
        p.addresses = p.addresses.united(AddressSet::of(*cidr));
    } else if (std::find(p.hostnames.begin(), p.hostnames.end(), host) == p.hostnames.end()) {
        p.hostnames.push_back(host);
    }
}

}  // namespace

std::vector<Provider> asterisk_providers(const AsteriskConfig& config) {
    std::vector<Provider> out;
    for (const auto* id : config.pjsip.of_type("identify")) {
        Provider p;
        p.name = id->get("endpoint").value_or(id->name);
        p.inferred = true;
        p.source = "pjsip identify '" + id->name + "' (" + id->section.where.to_string() + ")";
        for (const auto* m : id->section.all("match")) {
            for (auto part : core::split(m->value, ',')) add_host(p, part);
        }
        if (!p.addresses.empty() || !p.hostnames.empty()) out.push_back(std::move(p));
    }
    for (const auto* reg : config.pjsip.of_type("registration")) {
        Provider p;
        p.name = reg->name;
        p.inferred = true;
        p.source = "pjsip registration '" + reg->name + "' (" + reg->section.where.to_string() + ")";
        add_host(p, reg->get("server_uri").value_or(""));
        if (!p.addresses.empty() || !p.hostnames.empty()) out.push_back(std::move(p));
    }
    for (const auto* peers : {&config.sip, &config.iax}) {
        for (const auto& s : peers->peers) {
            const auto host = s.get("host").value_or("dynamic");
            if (core::iequals(host, "dynamic")) continue;
            Provider p;
            p.name = s.name;
            p.inferred = true;
            p.source = std::string(peers == &config.sip ? "chan_sip" : "IAX2") + " peer [" + s.name + "] (" +
                       s.where.to_string() + ")";
            add_host(p, host);
            if (!p.addresses.empty() || !p.hostnames.empty()) out.push_back(std::move(p));
        }
    }
    return out;
}

std::vector<Provider> freeswitch_providers(const FreeswitchConfig& config) {
    std::vector<Provider> out;
    for (const auto& profile : config.profiles) {
        for (const auto& g : profile.gateways) {
            Provider p;
            p.name = g.name;
            p.inferred = true;
            p.source = "FreeSWITCH gateway '" + g.name + "' (" + g.where.to_string() + ")";
            for (const auto* key : {"proxy", "realm", "outbound-proxy", "register-proxy"}) {
                if (const auto v = g.params.get(key)) add_host(p, *v);
            }
            if (!p.addresses.empty() || !p.hostnames.empty()) out.push_back(std::move(p));
        }
    }
    return out;
}

}  // namespace sipwarden::audit
