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
    if (line.size() > k_max_line) return fail("line too long", k_max_line);
    m_buffer.clear();
    m_buffer.reserve(line.size());
    m_bounds.clear();
    m_error = nullptr;
    const char sep = m_syntax.separator;
    const char quote = m_syntax.quote;
    std::size_t i = 0;
    while (true) {
        if (m_bounds.size() / 2 >= k_max_fields) return fail("too many fields", i + 1);
        m_bounds.push_back(m_buffer.size());
        if (quote != '\0' && i < line.size() && line[i] == quote) {
            const std::size_t opened = i;
            ++i;
            while (true) {
                if (i >= line.size()) return fail("unterminated quoted field", opened + 1);
                if (line[i] == quote) {
                    if (i + 1 < line.size() && line[i + 1] == quote) {
                        m_buffer.push_back(quote);
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                m_buffer.push_back(line[i++]);
            }
            if (i < line.size() && line[i] != sep) return fail("text after a closing quote", i + 1);
        } else {
            while (i < line.size() && line[i] != sep) m_buffer.push_back(line[i++]);
        }
        m_bounds.push_back(m_buffer.size());
        if (i >= line.size()) break;
        ++i;  // the separator
    }
    m_fields.clear();
    for (std::size_t f = 0; f + 1 < m_bounds.size(); f += 2) {
        m_fields.emplace_back(m_buffer.data() + m_bounds[f], m_bounds[f + 1] - m_bounds[f]);
    }
    return true;
}

}  // namespace sipwarden::fraud
