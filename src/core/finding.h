// Finding: what an audit check or a scan probe reports about a configuration
// or a host — what, where, why it matters here, and what to do.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/severity.h"

namespace sipwarden::core {

struct Finding {
    std::string check_id;                  // stable id of the check in knowledge/, e.g. "ast.pjsip.anonymous-endpoint"
    std::string title;                     // one line
    Severity severity = Severity::medium;  // after rating by exposure
    Severity base_severity = Severity::medium;  // before rating, for "downgraded because ..."
    SourcePosition location;                    // file:line of the setting (file empty when not from a file)
    std::string message;                        // what was found, in this configuration's terms
    std::string exposure;                       // who can reach it and why that decides the severity
    std::string remedy;                         // what to do instead
    std::vector<std::string> references;
};

}  // namespace sipwarden::core
