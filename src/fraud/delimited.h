// Splitting one line of delimited text (CSV and friends) into fields:
// a separator, an optional quote character with doubled-quote escapes, and
// unquoted fields taken as they are. The field views point into the line
// (or, for quoted fields with doubled quotes, into the splitter's buffer):
// they stay valid while the line does and until the next split().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipwarden::fraud {

struct DelimitedSyntax {
    char separator = ',';
    char quote = '"';  // '\0': no quoting
};

class DelimitedSplitter {
public:
    // Longest line accepted; longer lines are rejected as malformed.
    static constexpr std::size_t k_max_line = 64 * 1024;
    static constexpr std::size_t k_max_fields = 256;

    explicit DelimitedSplitter(DelimitedSyntax syntax = {}) : m_syntax(syntax) {}

    // False when the line is malformed; error() says why and error_column()
    // where (1-based). A trailing '\r' is ignored.
    bool split(std::string_view line);
    const std::vector<std::string_view>& fields() const { return m_fields; }
    const char* error() const { return m_error; }
    std::size_t error_column() const { return m_error_column; }

private:
    bool fail(const char* message, std::size_t column);
    std::optional<std::string_view> quoted(std::string_view line, std::size_t& i);
    DelimitedSyntax m_syntax;
    std::string m_buffer;
    std::vector<std::string_view> m_fields;
    const char* m_error = nullptr;
    std::size_t m_error_column = 0;
};

}  // namespace sipwarden::fraud
