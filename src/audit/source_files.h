// Reading the files of a configuration set: a loader that can be the disk or
// memory (tests, fuzzing), and positions (line, column) inside loaded text.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace sipwarden::audit {

// Where configuration files come from. Paths are as the configuration names
// them; relative paths are resolved against the loader's root directory.
class FileLoader {
public:
    virtual ~FileLoader() = default;
    // The file's text, or an error saying why it cannot be read.
    virtual core::Result<std::string> read(const std::string& path) const = 0;
    virtual bool exists(const std::string& path) const = 0;
    // Files matching a shell glob (*, ?, [..]) in sorted order.
    virtual std::vector<std::string> glob(const std::string& pattern) const = 0;
    // The path as it should appear in reports (relative to the root when inside it).
    virtual std::string display(const std::string& path) const = 0;
    virtual std::string resolve(const std::string& path) const = 0;
};

class DiskLoader final : public FileLoader {
public:
    // `root`: the configuration directory (e.g. /etc/asterisk); `max_bytes`:
    // files larger than this are refused.
    DiskLoader(std::string root, std::size_t max_bytes);
    core::Result<std::string> read(const std::string& path) const override;
    bool exists(const std::string& path) const override;
    std::vector<std::string> glob(const std::string& pattern) const override;
    std::string display(const std::string& path) const override;
    std::string resolve(const std::string& path) const override;

private:
    core::Result<std::string> read_stream(const std::string& full, const std::string& path) const;
    std::string m_root;
    std::size_t m_max_bytes;
};

// Files held in memory, keyed by relative path.
class MemoryLoader final : public FileLoader {
public:
    explicit MemoryLoader(std::map<std::string, std::string> files) : m_files(std::move(files)) {}
    core::Result<std::string> read(const std::string& path) const override;
    bool exists(const std::string& path) const override;
    std::vector<std::string> glob(const std::string& pattern) const override;
    std::string display(const std::string& path) const override { return path; }
    std::string resolve(const std::string& path) const override;

private:
    std::map<std::string, std::string> m_files;
};

// Shell-style glob match of a whole string (*, ?, [abc], [a-z], [!x]).
bool glob_match(std::string_view pattern, std::string_view text);

// Line starts of a text, to turn byte offsets into 1-based line and column.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    core::SourcePosition position(const std::string& file, std::size_t offset) const;
    std::string_view line_text(int line) const;  // without the line break
    int line_count() const { return static_cast<int>(m_starts.size()); }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

// An error at byte `offset` of an indexed text, quoting its line.
core::Diagnostic error_at(const LineIndex& index, const std::string& file, std::size_t offset, std::string message,
                          std::string suggestion = {});

// A diagnostic at `where` quoting `line` (the caret goes under `where.column`).
core::Diagnostic make_diagnostic(core::Diagnostic::Level level, core::SourcePosition where, std::string message,
                                 std::string_view line = {}, std::string suggestion = {});

}  // namespace sipwarden::audit
