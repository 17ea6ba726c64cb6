#include "watch/json_text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace sipwarden::watch {

namespace {
// What nlohmann writes as is between the quotes: printable ASCII but the
// two bytes it escapes.
bool plain(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
    }
    return true;
}

template <typename Integer>
void append_integer(std::string& out, Integer value) {
    std::array<char, 24> buffer;
    const char* const end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
    out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}
}  // namespace

JsonText& JsonText::open() {
    m_out += '{';
    m_first = true;
    return *this;
}

JsonText& JsonText::close() {
    m_out += '}';
    m_first = false;
    return *this;
}

JsonText& JsonText::key(std::string_view name) {
    if (!m_first) m_out += ',';
    m_first = false;
    string(name);
    m_out += ':';
    return *this;
}

JsonText& JsonText::open_array() {
    m_out += '[';
    m_first = true;
    return *this;
}

JsonText& JsonText::close_array() {
    m_out += ']';
    m_first = false;
    return *this;
}

JsonText& JsonText::element() {
    if (!m_first) m_out += ',';
    m_first = false;
    return *this;
}

JsonText& JsonText::string(std::string_view text) {
    if (plain(text)) {
        m_out += '"';
        m_out += text;
        m_out += '"';
    } else {
        m_out +=
            nlohmann::ordered_json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return *this;
}

JsonText& JsonText::number(std::int64_t value) {
    append_integer(m_out, value);
    return *this;
}

JsonText& JsonText::number(std::uint64_t value) {
    append_integer(m_out, value);
    return *this;
}

JsonText& JsonText::number(double value) {
    if (!std::isfinite(value)) return null();
    std::array<char, 64> buffer;
    char* const end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    m_out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    return *this;
}

JsonText& JsonText::boolean(bool value) {
    m_out += value ? "true" : "false";
    return *this;
}

JsonText& JsonText::null() {
    m_out += "null";
    return *this;
}

}  // namespace sipwarden::watch
