// Where a command's report goes: stdout or -o FILE, and whether it is a
// terminal (for colour). Progress goes to stderr only when it is a terminal.
#pragma once

#include <cstdio>
#include <string>

#include "core/result.h"

namespace sipwarden::cli {

class Output {
public:
    // "-" or empty means standard output.
    static core::Result<Output> open(const std::string& path);
    Output(Output&& other) noexcept;
    Output& operator=(Output&&) = delete;
    Output(const Output&) = delete;
    ~Output();

    std::FILE* stream() const { return m_stream; }
    bool is_terminal() const { return m_terminal; }
    void write(std::string_view text);

private:
    Output(std::FILE* stream, bool owned, bool terminal) : m_stream(stream), m_owned(owned), m_terminal(terminal) {}
    std::FILE* m_stream;
    bool m_owned;
    bool m_terminal;
};

bool stderr_is_terminal();

}  // namespace sipwarden::cli
