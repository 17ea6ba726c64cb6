// Reading a text file line by line from a byte offset, and following it as it
// grows like `tail -F`: a truncated file is read again from the start, a
// rotated one (the path now names another file) is drained and then the new
// file is read from its start.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sipwarden::fraud {

// Where reading stands in one file; saved with the state so a later run
// continues after the last committed line.
struct FilePosition {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t offset = 0;     // bytes consumed: the start of the next line
    std::uint64_t line = 0;       // lines consumed
    std::uint64_t head_hash = 0;  // hash of the first line, to tell a new file at the same inode
};

class LineFile {
public:
    static constexpr std::size_t k_buffer = 1 << 20;

    static core::Result<LineFile> open(const std::string& path);
    LineFile(LineFile&& other) noexcept;
    LineFile& operator=(LineFile&& other) noexcept;
    LineFile(const LineFile&) = delete;
    ~LineFile();

    const std::string& path() const { return m_path; }
    // Continues from `saved` when it describes this same file (device, inode,
    // first line) and the file is at least that long; otherwise from the start.
    bool resume(const FilePosition& saved);
    FilePosition position() const { return m_position; }

    // Calls `on_line(text, line_number)` for each complete line available,
    // up to `max_lines`; with `final` a last line without '\n' counts too.
    // Returns the number of lines read; an error only on a read failure.
    template <typename F>
    core::Result<std::size_t> read(F&& on_line, std::size_t max_lines, bool final);

    enum class Change { none, truncated, rotated };
    // For --follow, after read() found nothing: has the path been truncated
    // or replaced?
    Change check() const;
    // Reopens the path from the start (after rotation or truncation).
    core::Result<void> reopen();

private:
    LineFile(std::string path, int fd);
    core::Result<bool> fill();
    void stat_identity();

    std::string m_path;
    int m_fd = -1;
    std::string m_buffer;
    std::size_t m_begin = 0;  // unread data is m_buffer[m_begin, m_end)
    std::size_t m_end = 0;
    FilePosition m_position;
};

std::uint64_t hash_line(std::string_view line);

template <typename F>
core::Result<std::size_t> LineFile::read(F&& on_line, std::size_t max_lines, bool final) {
    std::size_t count = 0;
    while (count < max_lines) {
        const std::string_view data(m_buffer.data() + m_begin, m_end - m_begin);
        const auto newline = data.find('\n');
        std::string_view line;
        std::size_t consumed = 0;
        if (newline != std::string_view::npos) {
            line = data.substr(0, newline);
            consumed = newline + 1;
        } else {
            auto more = fill();
            if (!more) return more.error();
            if (*more) continue;
            if (!final || data.empty()) break;
            line = data;
            consumed = data.size();
        }
        if (m_position.offset == 0) m_position.head_hash = hash_line(line);
        m_begin += consumed;
        m_position.offset += consumed;
        ++m_position.line;
        ++count;
        on_line(line, m_position.line);
    }
    return count;
}

}  // namespace sipwarden::fraud
