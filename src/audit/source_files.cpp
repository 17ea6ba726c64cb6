// File loaders (disk and memory), glob matching and line/column positions.
#include "audit/source_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace sipwarden::audit {

namespace fs = std::filesystem;

namespace {

bool class_match(std::string_view& pattern, char c) {
    // pattern starts just after '['
    bool negate = false;
    if (!pattern.empty() && (pattern[0] == '!' || pattern[0] == '^')) {
        negate = true;
        pattern.remove_prefix(1);
    }
    bool matched = false;
    bool first = true;
    while (!pattern.empty() && (pattern[0] != ']' || first)) {
        first = false;
        char lo = pattern[0];
        char hi = lo;
        if (pattern.size() >= 3 && pattern[1] == '-' && pattern[2] != ']') {
            hi = pattern[2];
            pattern.remove_prefix(3);
        } else {
            pattern.remove_prefix(1);
        }
        if (c >= lo && c <= hi) matched = true;
    }
    if (!pattern.empty()) pattern.remove_prefix(1);  // ']'
    return matched != negate;
}

// Splits "dir/sub/*.conf" into the directory part and the name pattern.
std::pair<std::string, std::string> split_dir(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return {"", path};
    return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative matcher with one backtrack point for '*': linear in practice.
    std::size_t star_p = std::string_view::npos;
    std::size_t star_t = 0;
    std::size_t p = 0;
    std::size_t t = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star_p = ++p;
            star_t = t;
            continue;
        }
        if (p < pattern.size() && pattern[p] == '[') {
            std::string_view rest = pattern.substr(p + 1);
            const auto before = rest.size();
            if (class_match(rest, text[t])) {
                p += 1 + (before - rest.size());
                ++t;
                continue;
            }
        } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
            continue;
        }
        if (star_p == std::string_view::npos) return false;
        p = star_p;
        t = ++star_t;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

DiskLoader::DiskLoader(std::string root, std::size_t max_bytes) : m_root(std::move(root)), m_max_bytes(max_bytes) {
    while (m_root.size() > 1 && m_root.back() == '/') m_root.pop_back();
}

std::string DiskLoader::resolve(const std::string& path) const {
    if (!path.empty() && path[0] == '/') return path;
    return m_root + "/" + path;
}

// A pipe or device (e.g. `--firewall <(iptables-save)`): read up to the limit.
core::Result<std::string> DiskLoader::read_stream(const std::string& full, const std::string& path) const {
    std::ifstream in(full, std::ios::binary);
    if (!in) return core::make_error(display(path) + ": cannot read: " + std::strerror(errno));
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > m_max_bytes)
            return core::make_error(display(path) + ": more than the limit of " + std::to_string(m_max_bytes) +
                                    " bytes");
    }
    return text;
}

core::Result<std::string> DiskLoader::read(const std::string& path) const {
    const auto full = resolve(path);
    std::error_code ec;
    if (fs::is_directory(full, ec)) return core::make_error(display(path) + ": is a directory, not a file");
    if (fs::exists(full, ec) && !fs::is_regular_file(full, ec)) return read_stream(full, path);
    const auto size = fs::file_size(full, ec);
    if (ec) return core::make_error(display(path) + ": cannot read: " + ec.message());
    if (size > m_max_bytes) {
        return core::make_error(display(path) + ": " + std::to_string(size) + " bytes, more than the limit of " +
                                std::to_string(m_max_bytes));
    }
    std::ifstream in(full, std::ios::binary);
    if (!in) return core::make_error(display(path) + ": cannot read: " + std::strerror(errno));
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

bool DiskLoader::exists(const std::string& path) const {
    std::error_code ec;
    return fs::is_regular_file(resolve(path), ec);
}

std::vector<std::string> DiskLoader::glob(const std::string& pattern) const {
    std::vector<std::string> out;
    const auto [dir, name] = split_dir(pattern);
    const std::string full_dir = dir.empty() ? m_root : resolve(dir);
    std::error_code ec;
    for (fs::directory_iterator it(full_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto file = it->path().filename().string();
        if (glob_match(name, file) && it->is_regular_file(ec)) out.push_back(dir.empty() ? file : dir + "/" + file);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string DiskLoader::display(const std::string& path) const {
    const auto full = resolve(path);
    if (full.size() > m_root.size() + 1 && full.compare(0, m_root.size(), m_root) == 0 && full[m_root.size()] == '/') {
        return full.substr(m_root.size() + 1);
    }
    return full;
}

std::string MemoryLoader::resolve(const std::string& path) const {
    std::string p = path;
    while (p.size() > 1 && p[0] == '/') p.erase(0, 1);
    return p;
}

core::Result<std::string> MemoryLoader::read(const std::string& path) const {
    const auto it = m_files.find(resolve(path));
    if (it == m_files.end()) return core::make_error(path + ": cannot read: No such file or directory");
    return it->second;
}

bool MemoryLoader::exists(const std::string& path) const { return m_files.count(resolve(path)) != 0; }

std::vector<std::string> MemoryLoader::glob(const std::string& pattern) const {
    std::vector<std::string> out;
    const auto resolved = resolve(pattern);
    for (const auto& [name, text] : m_files) {
        if (glob_match(resolved, name) && split_dir(name).first == split_dir(resolved).first) out.push_back(name);
    }
    return out;
}

LineIndex::LineIndex(std::string_view text) : m_text(text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') m_starts.push_back(i + 1);
    }
}

core::SourcePosition LineIndex::position(const std::string& file, std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto line = static_cast<std::size_t>(it - m_starts.begin());  // 1-based
    const auto column = offset - m_starts[line - 1] + 1;
    return {file, static_cast<int>(line), static_cast<int>(column)};
}

std::string_view LineIndex::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > m_starts.size()) return {};
    const auto start = m_starts[static_cast<std::size_t>(line - 1)];
    auto end = m_text.find('\n', start);
    if (end == std::string_view::npos) end = m_text.size();
    auto text = m_text.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
}

core::Diagnostic error_at(const LineIndex& index, const std::string& file, std::size_t offset, std::string message,
                          std::string suggestion) {
    const auto where = index.position(file, offset);
    return make_diagnostic(core::Diagnostic::Level::error, where, std::move(message), index.line_text(where.line),
                           std::move(suggestion));
}

core::Diagnostic make_diagnostic(core::Diagnostic::Level level, core::SourcePosition where, std::string message,
                                 std::string_view line, std::string suggestion) {
    core::Diagnostic d;
    d.level = level;
    d.where = std::move(where);
    d.message = std::move(message);
    d.line_text = std::string(line);
    d.suggestion = std::move(suggestion);
    return d;
}

}  // namespace sipwarden::audit
