// FreeSWITCH preprocessing (switch_xml.c preprocess()): line based, includes
// relative to the including file, globals set for $${var} expansion.
#include "audit/freeswitch_preprocess.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

std::string normalise_path(std::string_view path) {
    std::vector<std::string_view> parts;
    for (auto part : core::split(path, '/')) {
        if (part.empty() || part == ".") continue;
        if (part == ".." && !parts.empty() && parts.back() != "..") {
            parts.pop_back();
        } else {
            parts.push_back(part);
        }
    }
    std::string out = !path.empty() && path[0] == '/' ? "/" : "";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + std::string(parts[i]);
    return out.empty() ? "." : out;
}

core::SourcePosition PreprocessedXml::position(const LineIndex& index, std::size_t offset) const {
    const auto at = index.position("", offset);
    if (at.line < 1 || static_cast<std::size_t>(at.line) > origin.size()) return {};
    auto where = origin[static_cast<std::size_t>(at.line - 1)];
    where.column = at.column;
    return where;
}

namespace {

using Level = core::Diagnostic::Level;

std::string attribute(std::string_view tag, std::string_view name) {
    std::size_t at = 0;
    while ((at = tag.find(name, at)) != std::string_view::npos) {
        const auto eq = at + name.size();
        const bool boundary = at == 0 || core::is_space(tag[at - 1]);
        if (boundary && eq + 1 < tag.size() && tag[eq] == '=' && (tag[eq + 1] == '"' || tag[eq + 1] == '\'')) {
            const char quote = tag[eq + 1];
            const auto end = tag.find(quote, eq + 2);
            if (end == std::string_view::npos) return {};
            return std::string(tag.substr(eq + 2, end - eq - 2));
        }
        at = eq;
    }
    return {};
}

// The '>' that closes the tag starting at `start`, skipping quoted values (data="a>b").
std::size_t tag_end(std::string_view text, std::size_t start) {
    char quote = 0;
    for (std::size_t i = start; i < text.size(); ++i) {
        if (quote != 0) {
            if (text[i] == quote) quote = 0;
        } else if (text[i] == '"' || text[i] == '\'') {
            quote = text[i];
        } else if (text[i] == '>') {
            return i;
        }
    }
    return text.size() - 1;
}

class Preprocessor {
public:
    Preprocessor(const FileLoader& loader, const Limits& limits, core::DiagnosticList& diagnostics)
        : m_loader(loader), m_limits(limits), m_diagnostics(diagnostics) {}

    void file(const std::string& path, int depth, const core::SourcePosition& from) {
        if (depth > m_limits.max_include_depth) {
            warn(from, "include nested deeper than " + std::to_string(m_limits.max_include_depth) + " levels; ignored");
            return;
        }
        if (m_out.files.size() >= m_limits.max_files) {
            warn(from, "more than " + std::to_string(m_limits.max_files) + " files; the rest is ignored");
            return;
        }
        if (std::find(m_stack.begin(), m_stack.end(), path) != m_stack.end()) {
            warn(from, "include " + path + " includes itself; ignored");
            return;
        }
        auto content = m_loader.read(path);
        if (!content) {
            warn(from, content.error().message);
            return;
        }
        m_stack.push_back(path);
        text(*content, path, depth);
        m_stack.pop_back();
    }

    void text(std::string_view content, const std::string& path, int depth) {
        const auto display = m_loader.display(path);
        m_out.files.push_back(display);
        const LineIndex index(content);
        for (int n = 1; n <= index.line_count(); ++n) {
            if (m_out.text.size() > m_limits.max_expanded_bytes) {
                warn({display, n, 1}, "expanded configuration larger than " +
                                          std::to_string(m_limits.max_expanded_bytes) + " bytes; the rest is ignored");
                return;
            }
            line(std::string(index.line_text(n)), path, {display, n, 1}, depth);
        }
    }

    PreprocessedXml finish() { return std::move(m_out); }

private:
    void line(std::string text, const std::string& path, core::SourcePosition where, int depth) {
        // Directives are processed wherever they appear on the line, comments included.
        for (;;) {
            auto start = text.find("<X-PRE-PROCESS");
            std::size_t end = std::string::npos;
            std::string cmd;
            std::string data;
            if (start != std::string::npos) {
                end = tag_end(text, start);
                const auto tag = std::string_view(text).substr(start, end - start + 1);
                cmd = attribute(tag, "cmd");
                data = attribute(tag, "data");
            } else if ((start = text.find("<!--#")) != std::string::npos) {
                const auto close = text.find("-->", start);
                end = close == std::string::npos ? text.size() - 1 : close + 2;
                const auto body_end = close == std::string::npos ? text.size() : close;
                const auto body = core::trim(std::string_view(text).substr(start + 5, body_end - start - 5));
                const auto space = body.find_first_of(" \t");
                cmd = std::string(body.substr(0, space));
                data = space == std::string_view::npos ? "" : std::string(core::trim(body.substr(space)));
                if (data.size() >= 2 && data.front() == '"' && data.back() == '"')
                    data = data.substr(1, data.size() - 2);
            } else {
                break;
            }
            where.column = static_cast<int>(start) + 1;
            text.erase(start, end - start + 1);
            if (!cmd.empty()) command(cmd, expand(data), path, where, depth);
        }
        emit(expand(text), where);
    }

    void command(const std::string& cmd, const std::string& data, const std::string& path,
                 const core::SourcePosition& where, int depth) {
        if (cmd == "include") {
            const auto slash = path.rfind('/');
            const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
            const auto target = data.starts_with("/") ? data : normalise_path(dir + data);
            if (target.find_first_of("*?[") != std::string::npos) {
                for (const auto& p : m_loader.glob(target)) file(p, depth + 1, where);
            } else {
                file(target, depth + 1, where);
            }
        } else if (cmd == "set") {
            const auto eq = data.find('=');
            if (eq == std::string::npos) {
                warn(where, "X-PRE-PROCESS set without '=': '" + data + "'");
                return;
            }
            const auto name = std::string(core::trim(std::string_view(data).substr(0, eq)));
            m_out.vars[name] = FsParam{name, data.substr(eq + 1), where};
        } else if (cmd == "exec" || cmd == "exec-set" || cmd == "env-set" || cmd == "stun-set") {
            if (cmd != "stun-set" && cmd != "env-set") m_out.execs.push_back(FsParam{cmd, data, where});
            if (const auto eq = data.find('='); eq != std::string::npos && cmd != "exec") {
                const auto name = std::string(core::trim(std::string_view(data).substr(0, eq)));
                m_out.vars[name] = FsParam{name, "$${" + name + "}", where};  // value known only at run time
            }
        } else if (cmd != "comment") {
            warn(where, "unknown X-PRE-PROCESS command '" + cmd + "'");
        }
    }

    std::string expand(std::string text) const {
        std::size_t at = 0;
        int rounds = 0;
        while ((at = text.find("$${", at)) != std::string::npos && rounds++ < 1000) {
            const auto end = text.find('}', at);
            if (end == std::string::npos) break;
            const auto name = text.substr(at + 3, end - at - 3);
            const auto it = m_out.vars.find(name);
            if (it == m_out.vars.end() || it->second.value == "$${" + name + "}") {
                at = end + 1;  // unknown or run-time value: kept as written
                continue;
            }
            text.replace(at, end - at + 1, it->second.value);
        }
        return text;
    }

    void emit(const std::string& text, core::SourcePosition where) {
        where.column = 0;
        m_out.text += text;
        m_out.text += '\n';
        m_out.origin.push_back(std::move(where));
    }

    void warn(const core::SourcePosition& where, std::string message) {
        m_diagnostics.add(make_diagnostic(Level::warning, where, std::move(message)));
    }

    const FileLoader& m_loader;
    const Limits& m_limits;
    core::DiagnosticList& m_diagnostics;
    PreprocessedXml m_out;
    std::vector<std::string> m_stack;  // files being included (cycle detection)
};

}  // namespace

PreprocessedXml preprocess_freeswitch(const FileLoader& loader, const std::string& path, const Limits& limits,
                                      core::DiagnosticList& diagnostics) {
    Preprocessor p(loader, limits, diagnostics);
    p.file(path, 0, {loader.display(path), 0, 0});
    return p.finish();
}

PreprocessedXml preprocess_freeswitch_text(const FileLoader& loader, std::string_view text, const std::string& name,
                                           const Limits& limits, core::DiagnosticList& diagnostics) {
    Preprocessor p(loader, limits, diagnostics);
    p.text(text, name, 0);
    return p.finish();
}

}  // namespace sipwarden::audit
