// The two dumps the differential check compares: the parser in this tree and
// the one of the base revision, compiled into namespace sipwarden_base.
#pragma once

#include <string>
#include <string_view>

#include "sip_dump.h"

namespace sipwarden_base::differential {
std::string dump(std::string_view input);
}  // namespace sipwarden_base::differential

namespace sipwarden::differential {

// Empty when both parsers say the same about `input`; otherwise the first
// differing dump lines, base first.
std::string compare(std::string_view input);

}  // namespace sipwarden::differential
