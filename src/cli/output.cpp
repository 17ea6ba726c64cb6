// Output streams for reports.
#include "cli/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sipwarden::cli {

core::Result<Output> Output::open(const std::string& path) {
    if (path.empty() || path == "-") return Output(stdout, false, isatty(STDOUT_FILENO) == 1);
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) return core::make_error(path + ": cannot write: " + std::strerror(errno));
    return Output(f, true, false);
}

Output::Output(Output&& other) noexcept
    : m_stream(other.m_stream), m_owned(other.m_owned), m_terminal(other.m_terminal) {
    other.m_owned = false;
}

Output::~Output() {
    if (m_owned) std::fclose(m_stream);
}

void Output::write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), m_stream); }

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace sipwarden::cli
