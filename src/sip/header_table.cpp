// Header-name lookup (header_lookup.h) and header names.
#include "sip/header_id.h"
#include "sip/header_lookup.h"

namespace sipwarden::sip {

HeaderId header_id(std::string_view name) { return header_lookup::lookup_prefix(name, name.size()); }

HeaderId header_id_prefix(std::string_view text, std::size_t n) { return header_lookup::lookup_prefix(text, n); }

std::string_view header_name(HeaderId id) {
    const auto i = static_cast<std::size_t>(id);
    return i < header_lookup::k_long.size() ? header_lookup::k_long[i].name : std::string_view{};
}

}  // namespace sipwarden::sip
