// Line reading with rotation and truncation detection.
#include "fraud/line_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sipwarden::fraud {

std::uint64_t hash_line(std::string_view line) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : line.substr(0, 4096)) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

core::Result<LineFile> LineFile::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::make_error(path + ": cannot open: " + std::strerror(errno));
    LineFile file(path, fd);
    file.stat_identity();
    return file;
}

LineFile::LineFile(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) { m_buffer.resize(k_buffer); }

LineFile::LineFile(LineFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_fd(other.m_fd),
      m_buffer(std::move(other.m_buffer)),
      m_begin(other.m_begin),
      m_end(other.m_end),
      m_position(other.m_position) {
    other.m_fd = -1;
}

LineFile& LineFile::operator=(LineFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = other.m_fd;
        m_buffer = std::move(other.m_buffer);
        m_begin = other.m_begin;
        m_end = other.m_end;
        m_position = other.m_position;
        other.m_fd = -1;
    }
    return *this;
}

LineFile::~LineFile() {
    if (m_fd >= 0) ::close(m_fd);
}

void LineFile::stat_identity() {
    struct stat st {};
    if (::fstat(m_fd, &st) == 0) {
        m_position.device = static_cast<std::uint64_t>(st.st_dev);
        m_position.inode = static_cast<std::uint64_t>(st.st_ino);
    }
}

core::Result<bool> LineFile::fill() {
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);  // a line longer than the buffer
    while (true) {
        const auto n = ::read(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return core::make_error(m_path + ": read failed: " + std::strerror(errno));
        m_end += static_cast<std::size_t>(n);
        return n > 0;
    }
}

bool LineFile::resume(const FilePosition& saved) {
    struct stat st {};
    if (::fstat(m_fd, &st) != 0) return false;
    if (saved.device != m_position.device || saved.inode != m_position.inode || saved.offset == 0 ||
        static_cast<std::uint64_t>(st.st_size) < saved.offset) {
        return false;
    }
    // The first line must be the same: an inode can be reused by a new file.
    std::string head(4096, '\0');
    const auto n = ::pread(m_fd, head.data(), head.size(), 0);
    if (n <= 0) return false;
    head.resize(static_cast<std::size_t>(n));
    const auto newline = head.find('\n');
    if (newline == std::string::npos || hash_line(std::string_view(head).substr(0, newline)) != saved.head_hash) {
        if (hash_line(head) != saved.head_hash) return false;
    }
    if (::lseek(m_fd, static_cast<off_t>(saved.offset), SEEK_SET) < 0) return false;
    m_begin = m_end = 0;
    m_position = saved;
    return true;
}

LineFile::Change LineFile::check() const {
    struct stat by_path {};
    struct stat by_fd {};
    if (::stat(m_path.c_str(), &by_path) != 0) return Change::none;  // moved away, new one not there yet
    if (static_cast<std::uint64_t>(by_path.st_ino) != m_position.inode ||
        static_cast<std::uint64_t>(by_path.st_dev) != m_position.device) {
        return Change::rotated;
    }
    if (::fstat(m_fd, &by_fd) == 0 && static_cast<std::uint64_t>(by_fd.st_size) < m_position.offset)
        return Change::truncated;
    return Change::none;
}

core::Result<void> LineFile::reopen() {
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::make_error(m_path + ": cannot open: " + std::strerror(errno));
    if (m_fd >= 0) ::close(m_fd);
    m_fd = fd;
    m_begin = m_end = 0;
    m_position = FilePosition{};
    stat_identity();
    return {};
}

}  // namespace sipwarden::fraud
