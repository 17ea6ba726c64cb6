// Fuzz target: a user column mapping (cdr_custom mapping or cdr_csv template,
// the input's first line) applied to the lines that follow; also a
// header-named generic layout with ';' separators.
#include "cdr_fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto nl = text.find('\n');
    fraud::CdrFormat format;
    format.name = "fuzz";
    format.set_columns(fraud::columns_from_template(text.substr(0, nl)));
    const auto rest = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    fraud::CdrStream stream("fuzz.csv", format, fuzz::fuzz_clock());
    fuzz::TouchingSink sink;
    stream.feed_all(rest, sink);
    fraud::CdrFormat header;
    header.name = "header";
    header.header = true;
    header.syntax = {';', '"'};
    header.header_names = {{fraud::CdrField::destination, "Called"}, {fraud::CdrField::start, "Start"}};
    fraud::CdrStream named("fuzz.csv", header, fuzz::fuzz_clock());
    named.feed_all(text, sink);
    return 0;
}
