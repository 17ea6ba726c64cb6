// PacketSource: where frames come from — the own capture-file reader or
// libpcap (live interfaces, and files on request for cross-checking).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "net/frame.h"

namespace sipwarden::net {

// Sources keep their reading state in the object: whole cache lines of its
// own, as the reading thread updates it for every frame while another thread
// may write the objects next to it.
class alignas(64) PacketSource {
public:
    enum class Status { frame, end, error };

    virtual ~PacketSource() = default;
    // Fills `frame` with the next record. After `error`, error_message() says
    // what is wrong and where; frames handed out before stay counted.
    virtual Status next(Frame& frame) = 0;
    virtual const std::string& error_message() const = 0;
    // "pcap", "pcapng", "live" ...
    virtual std::string format() const = 0;
    // Progress: input bytes consumed so far, and the total when known.
    virtual std::uint64_t bytes_consumed() const = 0;
    virtual std::optional<std::uint64_t> total_bytes() const = 0;
};

}  // namespace sipwarden::net
