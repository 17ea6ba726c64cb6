// JsonText: one JSON object written straight into a string, byte for byte
// as nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes the
// same document, without building the document first. `watch --format
// json` writes a line per call and per media stream; building each as an
// nlohmann::ordered_json (a vector of keys searched on every insert, a
// heap node per value) and dumping it cost more than the whole pipeline
// before it (docs/performance.md). Printable ASCII strings and numbers
// are written here; any other string goes through nlohmann's serializer,
// which settles control bytes and invalid UTF-8 exactly as before.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sipwarden::watch {

class JsonText {
public:
    explicit JsonText(std::string& out) : m_out(out) {}

    // An object: open(), then key() and a value per member, then close().
    // An array: open_array(), then element() and a value per element, then
    // close_array(). A value may be an object or an array of its own.
    JsonText& open();
    JsonText& close();
    JsonText& key(std::string_view name);
    JsonText& open_array();
    JsonText& close_array();
    JsonText& element();

    JsonText& string(std::string_view text);
    JsonText& number(std::int64_t value);
    JsonText& number(std::uint64_t value);
    JsonText& number(int value) { return number(static_cast<std::int64_t>(value)); }
    JsonText& number(unsigned value) { return number(static_cast<std::uint64_t>(value)); }
    JsonText& number(double value);  // null when not finite, as nlohmann writes it
    JsonText& boolean(bool value);
    JsonText& null();

private:
    std::string& m_out;
    bool m_first = true;  // no member or element yet in the innermost open object or array
};

}  // namespace sipwarden::watch
