// Diagnostics about user files (configs, rules, call records): where, what,
// the offending line with a caret, and a suggestion for near misses — the
// `file:line:col: message` shape of compilers and ninja.
#pragma once

#include <string>
#include <vector>

namespace sipwarden::core {

struct SourcePosition {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based; 0 when unknown

    std::string to_string() const;  // "file:line:col", dropping unknown parts
};

struct Diagnostic {
    enum class Level { error, warning };

    Level level = Level::error;
    SourcePosition where;
    std::string message;
    std::string line_text;   // the line as written, when known
    std::string suggestion;  // e.g. "did you mean 'allowguest'?"

    // "file:3:7: error: message\n    line\n      ^\n    suggestion"
    std::string format() const;
};

// Collects diagnostics so a reader can report every problem, not only the first.
class DiagnosticList {
public:
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
    const std::vector<Diagnostic>& items() const { return m_items; }
    bool has_errors() const;
    std::size_t size() const { return m_items.size(); }

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace sipwarden::core
