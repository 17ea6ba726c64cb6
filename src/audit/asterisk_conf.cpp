// Parser for Asterisk's configuration syntax (main/config.c semantics):
// categories continue across #include, `;--` block comments `--;`, `\;` escapes,
// `(!)` templates, `(a,b)` inheritance and `(+)` appending to a category.
#include "audit/asterisk_conf.h"

#include <algorithm>
#include <array>
#include <map>
#include <span>

#include "core/text.h"

namespace sipwarden::audit {

const ConfEntry* ConfSection::find(std::string_view key) const {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        if (core::iequals(it->key, key)) return &*it;
    }
    return nullptr;
}

std::optional<std::string> ConfSection::get(std::string_view key) const {
    if (const auto* e = find(key)) return e->value;
    return std::nullopt;
}

std::vector<const ConfEntry*> ConfSection::all(std::string_view key) const {
    std::vector<const ConfEntry*> out;
    for (const auto& e : entries) {
        if (core::iequals(e.key, key)) out.push_back(&e);
    }
    return out;
}

std::vector<const ConfSection*> ConfFile::named(std::string_view name) const {
    std::vector<const ConfSection*> out;
    for (const auto& s : sections) {
        if (!s.is_template && core::iequals(s.name, name)) out.push_back(&s);
    }
    return out;
}

const ConfSection* ConfFile::first(std::string_view name) const {
    const auto matching = named(name);
    return matching.empty() ? nullptr : matching.front();
}

namespace {

using Level = core::Diagnostic::Level;

struct RawSection {
    ConfSection section;
    bool append = false;  // (+)
};

class ConfParser {
public:
    ConfParser(const FileLoader* loader, const Limits& limits, core::DiagnosticList& diagnostics)
        : m_loader(loader), m_limits(limits), m_diagnostics(diagnostics) {}

    void parse_file(const std::string& path, const std::string& display, std::string_view text, int depth) {
        m_out.files.push_back(display);
        const LineIndex index(text);
        bool in_block_comment = false;
        for (int n = 1; n <= index.line_count(); ++n) {
            const std::string_view raw = index.line_text(n);
            const auto offset = static_cast<std::size_t>(raw.data() - text.data());
            std::string line = strip_comments(raw, in_block_comment);
            const std::string_view trimmed = core::trim(line);
            if (trimmed.empty()) continue;
            const auto indent = static_cast<int>(trimmed.data() - line.data());
            const auto where = index.position(display, offset + static_cast<std::size_t>(indent));
            if (trimmed[0] == '#') {
                directive(path, trimmed, where, raw, depth);
            } else if (trimmed[0] == '[') {
                section_header(trimmed, where, raw);
            } else {
                setting(trimmed, where, raw);
            }
        }
        (void)path;
    }

    ConfFile finish() {
        resolve();
        return std::move(m_out);
    }

    void set_root(const std::string& path) { m_out.path = path; }
    void mark_found() { m_out.found = true; }

    // Reads an included or top-level file through the loader.
    void include(const std::string& path, int depth, const core::SourcePosition& from, std::string_view from_line,
                 bool required) {
        if (depth > m_limits.max_include_depth) {
            error(from, "#include nested deeper than " + std::to_string(m_limits.max_include_depth) + " levels",
                  from_line);
            return;
        }
        if (m_file_count >= m_limits.max_files) {
            error(from, "more than " + std::to_string(m_limits.max_files) + " files included; the rest is ignored",
                  from_line);
            return;
        }
        std::vector<std::string> paths;
        if (path.find_first_of("*?[") != std::string::npos) {
            paths = m_loader->glob(path);
        } else {
            paths.push_back(path);
        }
        if (paths.empty() && required) {
            warning(from, "#include " + path + ": no file matches", from_line);
            m_out.missing.push_back(path);
        }
        for (const auto& p : paths) {
            if (std::find(m_stack.begin(), m_stack.end(), p) != m_stack.end()) {
                warning(from,
                        "#include " + p + " includes itself (through " + std::to_string(m_stack.size()) +
                            " files); ignored",
                        from_line);
                continue;
            }
            auto text = m_loader->read(p);
            if (!text) {
                if (required) {
                    warning(from, "#include: " + text.error().message, from_line);
                    m_out.missing.push_back(m_loader->display(p));
                }
                continue;
            }
            ++m_file_count;
            m_stack.push_back(p);
            parse_file(p, m_loader->display(p), *text, depth + 1);
            m_stack.pop_back();
        }
    }

private:
    static std::string strip_comments(std::string_view raw, bool& in_block) {
        std::string out;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (in_block) {
                if (raw.compare(i, 3, "--;") == 0) {
                    in_block = false;
                    i += 2;
                }
                continue;
            }
            if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == ';') {
                out += ';';
                ++i;
                continue;
            }
            if (raw[i] == ';') {
                if (raw.compare(i, 3, ";--") == 0) {
                    in_block = true;
                    i += 2;
                    continue;
                }
                break;
            }
            if (raw[i] == '\r' && i + 1 == raw.size()) break;
            out += raw[i];
        }
        return out;
    }

    void directive(const std::string& path, std::string_view text, const core::SourcePosition& where,
                   std::string_view raw, int depth) {
        std::size_t end = 1;
        while (end < text.size() && !core::is_space(text[end])) ++end;
        const std::string name = core::to_lower(text.substr(1, end - 1));
        std::string argument(core::trim(text.substr(end)));
        if (argument.size() >= 2 && ((argument.front() == '"' && argument.back() == '"') ||
                                     (argument.front() == '<' && argument.back() == '>'))) {
            argument = argument.substr(1, argument.size() - 2);
        }
        if (name == "include" || name == "tryinclude") {
            if (argument.empty()) {
                error(where, "#" + name + " without a file name", raw);
                return;
            }
            if (m_loader == nullptr) {
                m_out.directives.push_back({name, argument, where});
                return;
            }
            include(argument, depth, where, raw, name == "include");
        } else if (name == "exec") {
            m_out.directives.push_back({name, argument, where});
        } else {
            constexpr std::array<std::string_view, 3> known{"include", "tryinclude", "exec"};
            const auto hint = core::suggest(name, std::span<const std::string_view>(known));
            error(where, "unknown directive '#" + name + "'", raw, hint ? "did you mean '#" + *hint + "'?" : "");
        }
        (void)path;
    }

    void section_header(std::string_view text, const core::SourcePosition& where, std::string_view raw) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) {
            error(where, "section name without a closing ']'", raw, "write it as [name]");
            m_in_section = false;
            return;
        }
        RawSection s;
        s.section.name = std::string(core::trim(text.substr(1, close - 1)));
        s.section.where = where;
        std::string_view rest = core::trim(text.substr(close + 1));
        if (!rest.empty()) {
            if (rest.front() != '(' || rest.back() != ')') {
                auto at = where;
                at.column += static_cast<int>(close + 1);
                error(at, "unexpected text after the section name", raw,
                      "options go in parentheses: [name](!) or [name](template)");
            } else {
                for (auto option : core::split(rest.substr(1, rest.size() - 2), ',')) {
                    if (option == "!") {
                        s.section.is_template = true;
                    } else if (option == "+") {
                        s.append = true;
                    } else if (!option.empty()) {
                        s.section.inherits.emplace_back(option);
                    }
                }
            }
        }
        m_raw.push_back(std::move(s));
        m_in_section = true;
    }

    void setting(std::string_view text, const core::SourcePosition& where, std::string_view raw) {
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) {
            warning(where, "line is neither a section, a setting nor a directive; ignored", raw,
                    "settings are written 'name = value'");
            return;
        }
        ConfEntry e;
        e.where = where;
        std::string_view key = text.substr(0, eq);
        std::string_view value = text.substr(eq + 1);
        if (!key.empty() && key.back() == '+') {
            e.append = true;
            key.remove_suffix(1);
        }
        if (!value.empty() && value.front() == '>') {
            e.object = true;
            value.remove_prefix(1);
        }
        e.key = std::string(core::trim(key));
        e.value = std::string(core::trim(value));
        if (e.key.empty()) {
            error(where, "setting without a name", raw);
            return;
        }
        if (!m_in_section) {
            error(where, "setting '" + e.key + "' before any [section]; ignored", raw,
                  "put it under the section it belongs to, e.g. [general]");
            return;
        }
        m_raw.back().section.entries.push_back(std::move(e));
    }

    // Applies (+), then copies templates into the sections that inherit them.
    void resolve() {
        std::vector<ConfSection> merged;
        for (auto& raw : m_raw) {
            if (raw.append) {
                auto it = std::find_if(merged.rbegin(), merged.rend(),
                                       [&](const ConfSection& s) { return core::iequals(s.name, raw.section.name); });
                if (it != merged.rend()) {
                    for (auto& e : raw.section.entries) it->entries.push_back(std::move(e));
                    continue;
                }
            }
            merged.push_back(std::move(raw.section));
        }
        m_raw.clear();
        std::map<std::string, std::size_t> last_by_name;  // lower-case name -> index of its latest definition
        for (std::size_t i = 0; i < merged.size(); ++i) {
            auto& s = merged[i];
            std::vector<ConfEntry> inherited;
            for (const auto& parent : s.inherits) {
                const auto found = last_by_name.find(core::to_lower(parent));
                if (found == last_by_name.end()) {
                    error(s.where, "[" + s.name + "] inherits from '" + parent + "', which is not defined before it",
                          {});
                    continue;
                }
                const auto& base = merged[found->second].entries;
                inherited.insert(inherited.end(), base.begin(), base.end());
            }
            if (!inherited.empty()) {
                inherited.insert(inherited.end(), s.entries.begin(), s.entries.end());
                s.entries = std::move(inherited);
            }
            last_by_name[core::to_lower(s.name)] = i;
        }
        m_out.sections = std::move(merged);
    }

    void error(const core::SourcePosition& where, std::string message, std::string_view line, std::string hint = {}) {
        m_diagnostics.add(make_diagnostic(Level::error, where, std::move(message), line, std::move(hint)));
    }
    void warning(const core::SourcePosition& where, std::string message, std::string_view line, std::string hint = {}) {
        m_diagnostics.add(make_diagnostic(Level::warning, where, std::move(message), line, std::move(hint)));
    }

    const FileLoader* m_loader;
    const Limits& m_limits;
    core::DiagnosticList& m_diagnostics;
    ConfFile m_out;
    std::vector<RawSection> m_raw;
    bool m_in_section = false;         // settings go to m_raw.back()
    std::vector<std::string> m_stack;  // files being included, outermost first (cycle detection)
    std::size_t m_file_count = 0;
};

}  // namespace

ConfFile read_conf(const FileLoader& loader, const std::string& path, const Limits& limits,
                   core::DiagnosticList& diagnostics) {
    ConfParser parser(&loader, limits, diagnostics);
    parser.set_root(path);
    if (loader.exists(path)) {
        parser.mark_found();
        parser.include(path, 0, core::SourcePosition{loader.display(path), 0, 0}, {}, true);
    }
    return parser.finish();
}

ConfFile parse_conf_text(std::string_view text, const std::string& name, core::DiagnosticList& diagnostics) {
    const Limits limits;
    ConfParser parser(nullptr, limits, diagnostics);
    parser.set_root(name);
    parser.mark_found();
    parser.parse_file(name, name, text, 0);
    return parser.finish();
}

}  // namespace sipwarden::audit
