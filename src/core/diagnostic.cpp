// Formatting of diagnostics.
#include "core/diagnostic.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::core {

std::string SourcePosition::to_string() const {
    std::string out = file.empty() ? "<input>" : file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    return out;
}

std::string Diagnostic::format() const {
    std::string out = where.to_string() + (level == Level::error ? ": error: " : ": warning: ") + message;
    if (!line_text.empty()) {
        const std::string shown = printable(line_text, 160);
        out += "\n    " + shown;
        if (where.column > 0) {
            const auto caret = std::min<std::size_t>(static_cast<std::size_t>(where.column - 1), shown.size());
            out += "\n    " + std::string(caret, ' ') + "^";
        }
    }
    if (!suggestion.empty()) out += "\n    " + suggestion;
    return out;
}

bool DiagnosticList::has_errors() const {
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const Diagnostic& d) { return d.level == Diagnostic::Level::error; });
}

}  // namespace sipwarden::core
