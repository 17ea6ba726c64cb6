// Shared by the CDR fuzz targets: feeds the input's lines to a CdrStream of
// a given format, with a sink that touches every field it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fraud/cdr_reader.h"

namespace sipwarden::fuzz {

class TouchingSink : public fraud::CdrSink {
public:
    std::size_t bytes = 0;
    void on_record(const fraud::CallRecord& r) override {
        bytes += r.account_key().size() + r.source.size() + r.destination.size() + r.context.size() + r.file.size();
        bytes += static_cast<std::size_t>(r.billsec & 1) + static_cast<std::size_t>(r.start.ns() & 1);
    }
    void on_bad_line(const core::Diagnostic& d) override { bytes += d.format().size(); }
};

inline const fraud::SiteClock& fuzz_clock() {
    static const fraud::SiteClock clock = std::move(fraud::SiteClock::create("Europe/London").value());
    return clock;
}

inline void fuzz_format(const std::uint8_t* data, std::size_t size, std::optional<fraud::CdrFormat> format) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fraud::CdrStream stream("fuzz.csv", std::move(format), fuzz_clock());
    TouchingSink sink;
    stream.feed_all(text, sink);
}

}  // namespace sipwarden::fuzz
