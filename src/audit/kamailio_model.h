// What a Kamailio configuration (kamailio.cfg) says that matters for exposure
// and abuse: preprocessor defines (#!define WITH_*), which of them are in
// effect, listen sockets, loaded modules and whether authentication, flood
// protection and PSTN routing are active.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "audit/limits.h"
#include "audit/source_files.h"
#include "core/diagnostic.h"

namespace sipwarden::audit {

struct KamailioListen {
    std::string protocol;  // udp, tcp, tls, sctp, ws, wss (from the socket or the default udp)
    std::string address;   // as written (an address, a name, or "0.0.0.0")
    std::uint16_t port = 5060;
    core::SourcePosition where;
};

struct KamailioConfig {
    bool present = false;
    std::string file;
    std::map<std::string, core::SourcePosition> defines;  // in effect at the end of the file
    std::vector<KamailioListen> listens;
    std::map<std::string, core::SourcePosition> modules;  // loadmodule "auth.so" -> "auth"
    std::vector<std::pair<std::string, core::SourcePosition>>
        calls;  // functions called in active code: auth_check, pike_check_req, ...
    bool defined(std::string_view name) const { return defines.count(std::string(name)) != 0; }
    bool loads(std::string_view module) const { return modules.count(std::string(module)) != 0; }
    const core::SourcePosition* called(std::string_view function) const;
};

KamailioConfig read_kamailio(std::string_view text, const std::string& file, const Limits& limits,
                             core::DiagnosticList& diagnostics);

}  // namespace sipwarden::audit
