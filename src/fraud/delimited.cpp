// Delimited-line splitting.
#include "fraud/delimited.h"

namespace sipwarden::fraud {

bool DelimitedSplitter::fail(const char* message, std::size_t column) {
    m_error = message;
    m_error_column = column;
    m_fields.clear();
    return false;
}

bool DelimitedSplitter::split(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    m_fields.clear();
    m_error = nullptr;
    if (line.size() > k_max_line) return fail("line too long", k_max_line);
    // Unescaped copies of quoted fields with doubled quotes go here; reserving
    // the whole line up front keeps earlier views valid.
    m_buffer.clear();
    m_buffer.reserve(line.size());
    const char sep = m_syntax.separator;
    const char quote = m_syntax.quote;
    std::size_t i = 0;
    while (true) {
        if (m_fields.size() >= k_max_fields) return fail("too many fields", i + 1);
        if (quote != '\0' && i < line.size() && line[i] == quote) {
            auto field = quoted(line, i);
            if (!field) return false;
            m_fields.push_back(*field);
            if (i < line.size() && line[i] != sep) return fail("text after a closing quote", i + 1);
        } else {
            // Fields are short: a plain loop beats memchr's call overhead.
            std::size_t end = i;
            while (end < line.size() && line[end] != sep) ++end;
            m_fields.push_back(line.substr(i, end - i));
            i = end;
        }
        if (i >= line.size()) break;
        ++i;  // the separator
    }
    return true;
}

std::optional<std::string_view> DelimitedSplitter::quoted(std::string_view line, std::size_t& i) {
    const char quote = m_syntax.quote;
    const std::size_t opened = i++;
    std::size_t close = i;
    while (close < line.size() && line[close] != quote) ++close;
    if (close == line.size()) close = std::string_view::npos;
    if (close == std::string_view::npos) {
        fail("unterminated quoted field", opened + 1);
        return std::nullopt;
    }
    if (close + 1 >= line.size() || line[close + 1] != quote) {  // the common case: no escapes, no copy
        const auto field = line.substr(i, close - i);
        i = close + 1;
        return field;
    }
    const std::size_t from = m_buffer.size();
    while (true) {
        m_buffer.append(line.substr(i, close - i));
        if (close + 1 < line.size() && line[close + 1] == quote) {
            m_buffer.push_back(quote);
            i = close + 2;
            close = line.find(quote, i);
            if (close == std::string_view::npos) {
                fail("unterminated quoted field", opened + 1);
                return std::nullopt;
            }
            continue;
        }
        i = close + 1;
        return std::string_view(m_buffer.data() + from, m_buffer.size() - from);
    }
}

}  // namespace sipwarden::fraud
