// The Asterisk configuration file syntax shared by every *.conf: sections
// ("categories") with templates and inheritance, `key = value` / `key => value`
// / `key += value`, comments, and #include / #tryinclude (with globs). #exec is
// never run: it is recorded so checks can report it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/limits.h"
#include "audit/source_files.h"
#include "core/diagnostic.h"

namespace sipwarden::audit {

struct ConfEntry {
    std::string key;             // as written (Asterisk keys are case-insensitive; compare with iequals)
    std::string value;           // trimmed, comments removed
    core::SourcePosition where;  // of the key
    bool object = false;         // written with `=>`
    bool append = false;         // written with `+=`
};

struct ConfSection {
    std::string name;
    core::SourcePosition where;         // of the '['
    bool is_template = false;           // [name](!)
    std::vector<std::string> inherits;  // [name](a,b): templates copied in first, in order
    std::vector<ConfEntry> entries;     // after resolve(): inherited entries first, then own

    // Last value of `key` (later entries override earlier ones), case-insensitive.
    const ConfEntry* find(std::string_view key) const;
    std::optional<std::string> get(std::string_view key) const;
    // Every value of a repeatable key (permit, deny, allow, match, load, ...).
    std::vector<const ConfEntry*> all(std::string_view key) const;
};

struct ConfDirective {
    std::string name;  // "exec" (the others are executed by the reader)
    std::string argument;
    core::SourcePosition where;
};

// One configuration file with everything it includes.
struct ConfFile {
    std::string path;  // as given to read_conf (relative to the configuration directory)
    bool found = false;
    std::vector<ConfSection> sections;
    std::vector<ConfDirective> directives;
    std::vector<std::string> files;    // every file read, in order (for the report)
    std::vector<std::string> missing;  // files named by #include that could not be read

    // Sections (not templates) of that name, case-insensitive.
    std::vector<const ConfSection*> named(std::string_view name) const;
    const ConfSection* first(std::string_view name) const;
};

// Reads `path` through `loader`, following includes. Parse problems go to
// `diagnostics` as file:line:col; what could be read is always returned.
// Templates and inheritance are resolved before returning.
ConfFile read_conf(const FileLoader& loader, const std::string& path, const Limits& limits,
                   core::DiagnosticList& diagnostics);

// Parses one text (no includes are followed: they are reported as directives
// with name "include"). For the fuzzer and unit tests.
ConfFile parse_conf_text(std::string_view text, const std::string& name, core::DiagnosticList& diagnostics);

}  // namespace sipwarden::audit
