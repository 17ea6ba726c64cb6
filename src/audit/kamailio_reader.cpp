// kamailio.cfg: the preprocessor (#!define, #!ifdef/#!ifndef/#!else/#!endif,
// also with !! instead of #!), listen sockets, loadmodule lines and the
// functions called in active code. Not a full parser of the routing language.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "audit/kamailio_model.h"
#include "core/text.h"

namespace sipwarden::audit {

const core::SourcePosition* KamailioConfig::called(std::string_view function) const {
    for (const auto& [name, where] : calls) {
        if (name == function) return &where;
    }
    return nullptr;
}

namespace {

using Level = core::Diagnostic::Level;

bool directive(std::string_view line, std::string_view name, std::string_view& rest) {
    if (!(line.starts_with("#!") || line.starts_with("!!"))) return false;
    line.remove_prefix(2);
    if (!line.starts_with(name)) return false;
    line.remove_prefix(name.size());
    if (!line.empty() && !core::is_space(line[0])) return false;
    rest = core::trim(line);
    return true;
}

class KamailioReader {
public:
    KamailioReader(const std::string& file, core::DiagnosticList& diagnostics) : m_diagnostics(diagnostics) {
        m_out.present = true;
        m_out.file = file;
    }

    KamailioConfig read(std::string_view text) {
        const LineIndex index(text);
        bool in_block_comment = false;
        for (int n = 1; n <= index.line_count(); ++n) {
            const auto raw = index.line_text(n);
            const auto line = core::trim(raw);
            const core::SourcePosition where{m_out.file, n, static_cast<int>(line.data() - raw.data()) + 1};
            if (preprocessor(line, where, raw)) continue;
            if (!active()) continue;
            code(strip_comments(line, in_block_comment), where);
        }
        if (!m_stack.empty()) {
            m_diagnostics.add(make_diagnostic(Level::error, {m_out.file, index.line_count(), 0},
                                              std::to_string(m_stack.size()) + " #!ifdef/#!ifndef without #!endif"));
        }
        return std::move(m_out);
    }

private:
    bool active() const {
        for (bool b : m_stack) {
            if (!b) return false;
        }
        return true;
    }

    bool preprocessor(std::string_view line, const core::SourcePosition& where, std::string_view raw) {
        std::string_view rest;
        if (directive(line, "ifdef", rest) || directive(line, "ifndef", rest)) {
            const bool ifdef = line.substr(2).starts_with("ifdef");
            const auto name = std::string(rest.substr(0, rest.find_first_of(" \t")));
            m_stack.push_back(m_out.defined(name) == ifdef);
        } else if (directive(line, "else", rest)) {
            if (m_stack.empty())
                error(where, "#!else without #!ifdef", raw);
            else
                m_stack.back() = !m_stack.back();
        } else if (directive(line, "endif", rest)) {
            if (m_stack.empty())
                error(where, "#!endif without #!ifdef", raw);
            else
                m_stack.pop_back();
        } else if (directive(line, "define", rest) || directive(line, "trydef", rest) ||
                   directive(line, "redefine", rest)) {
            if (active()) {
                const auto name = std::string(rest.substr(0, rest.find_first_of(" \t")));
                if (name.empty())
                    error(where, "#!define without a name", raw);
                else
                    m_out.defines[name] = where;
                m_values[name] = std::string(core::trim(rest.substr(std::min(rest.size(), name.size()))));
            }
        } else if (directive(line, "undef", rest)) {
            if (active()) m_out.defines.erase(std::string(rest));
        } else {
            return line.starts_with("#!") || line.starts_with("!!") || line.starts_with("#");
        }
        return true;
    }

    static std::string strip_comments(std::string_view line, bool& in_block) {
        std::string out;
        bool in_string = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (in_block) {
                if (line.compare(i, 2, "*/") == 0) {
                    in_block = false;
                    ++i;
                }
                continue;
            }
            if (line[i] == '"') in_string = !in_string;
            if (!in_string && line.compare(i, 2, "/*") == 0) {
                in_block = true;
                ++i;
                continue;
            }
            if (!in_string && (line[i] == '#' || line.compare(i, 2, "//") == 0)) break;
            out += line[i];
        }
        return out;
    }

    std::string substitute(std::string text) const {
        for (const auto& [name, value] : m_values) {
            if (value.empty()) continue;
            std::string plain = value;
            if (plain.size() >= 2 && plain.front() == '"' && plain.back() == '"')
                plain = plain.substr(1, plain.size() - 2);
            for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + plain.size())) {
                const bool left =
                    at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
                const auto end = at + name.size();
                const bool right =
                    end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_');
                if (left && right) text.replace(at, name.size(), plain);
            }
        }
        return text;
    }

    void code(const std::string& text, const core::SourcePosition& where) {
        const auto line = core::trim(text);
        if (line.empty()) return;
        if (core::istarts_with(line, "listen") && line.find('=') != std::string_view::npos && line.find('=') <= 8) {
            listen(substitute(std::string(core::trim(line.substr(line.find('=') + 1)))), where);
            return;
        }
        if (core::istarts_with(line, "loadmodule")) {
            auto name = std::string(core::trim(line.substr(10)));
            name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
            if (const auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
            if (name.ends_with(".so")) name.resize(name.size() - 3);
            m_out.modules[name] = where;
            return;
        }
        // Function calls: identifier followed by '('.
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '(' || i == 0) continue;
            std::size_t start = i;
            while (start > 0 && (std::isalnum(static_cast<unsigned char>(line[start - 1])) || line[start - 1] == '_'))
                --start;
            if (start < i) m_out.calls.emplace_back(std::string(line.substr(start, i - start)), where);
        }
    }

    void listen(std::string value, const core::SourcePosition& where) {
        value = value.substr(0, value.find_first_of(" \t"));
        KamailioListen l;
        l.where = where;
        l.protocol = "udp";
        for (const char* proto : {"udp:", "tcp:", "tls:", "sctp:", "ws:", "wss:"}) {
            if (core::istarts_with(value, proto)) {
                l.protocol = std::string(proto, std::strlen(proto) - 1);
                value = value.substr(std::strlen(proto));
            }
        }
        if (l.protocol == "tls" || l.protocol == "wss") l.port = 5061;
        if (!value.empty() && value[0] == '[') {
            const auto close = value.find(']');
            l.address = value.substr(1, close == std::string::npos ? std::string::npos : close - 1);
            if (close != std::string::npos && close + 2 < value.size() + 1 && close + 1 < value.size()) {
                if (auto p = core::parse_uint(value.substr(close + 2), 65535)) l.port = static_cast<std::uint16_t>(*p);
            }
        } else {
            const auto colon = value.rfind(':');
            l.address = value.substr(0, colon);
            if (colon != std::string::npos) {
                if (auto p = core::parse_uint(value.substr(colon + 1), 65535)) l.port = static_cast<std::uint16_t>(*p);
            }
        }
        m_out.listens.push_back(std::move(l));
    }

    void error(const core::SourcePosition& where, std::string message, std::string_view line) {
        m_diagnostics.add(make_diagnostic(Level::error, where, std::move(message), line));
    }

    core::DiagnosticList& m_diagnostics;
    KamailioConfig m_out;
    std::vector<bool> m_stack;
    std::map<std::string, std::string> m_values;
};

}  // namespace

KamailioConfig read_kamailio(std::string_view text, const std::string& file, const Limits& limits,
                             core::DiagnosticList& diagnostics) {
    (void)limits;
    return KamailioReader(file, diagnostics).read(text);
}

}  // namespace sipwarden::audit
