// The FreeSWITCH XML preprocessor: X-PRE-PROCESS (and <!--#cmd -->) include,
// set and exec lines, processed even inside XML comments as FreeSWITCH does,
// and $${var} expansion. The output keeps, for every line, the file:line it
// came from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "audit/freeswitch_model.h"

namespace sipwarden::audit {

struct PreprocessedXml {
    std::string text;
    std::vector<core::SourcePosition> origin;  // origin[n - 1]: where output line n came from
    std::map<std::string, FsParam> vars;
    std::vector<FsParam> execs;
    std::vector<std::string> files;

    // The source file:line:col of a byte offset in `text`; `index` indexes `text`.
    core::SourcePosition position(const LineIndex& index, std::size_t offset) const;
};

// Reads `path` (relative to the loader's root) and everything it includes.
PreprocessedXml preprocess_freeswitch(const FileLoader& loader, const std::string& path, const Limits& limits,
                                      core::DiagnosticList& diagnostics);
// Preprocesses `text` as if it were the file `name`.
PreprocessedXml preprocess_freeswitch_text(const FileLoader& loader, std::string_view text, const std::string& name,
                                           const Limits& limits, core::DiagnosticList& diagnostics);

// "a/b/../c" -> "a/c"; keeps a leading "/".
std::string normalise_path(std::string_view path);

}  // namespace sipwarden::audit
