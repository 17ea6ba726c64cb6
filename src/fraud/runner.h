// Driving the monitor over files: batch (read each file to its end) or
// follow (keep reading appended lines, surviving rotation and truncation),
// resuming each file after the last committed line and checkpointing state
// and cursors together so a killed run loses nothing it committed.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fraud/line_file.h"
#include "fraud/monitor.h"
#include "store/state_store.h"

namespace sipwarden::fraud {

struct RunOptions {
    std::vector<std::string> files;
    bool follow = false;
    std::string format;                               // overrides fraud.format when not empty
    bool from_start = false;                          // ignore saved cursors
    const std::atomic<bool>* stop = nullptr;          // set by a signal handler to end a follow run
    std::function<void()> on_idle;                    // called between polls (block expiry)
    std::function<void(const std::string&)> on_note;  // progress notes ("resuming at line N")
};

struct RunStats {
    std::uint64_t lines = 0;
    std::uint64_t checkpoints = 0;
    std::uint64_t rotations = 0;
    std::uint64_t truncations = 0;
};

// Runs to the end of the files (batch) or until *stop (follow). `store` may
// be null (no persistence). Errors: a file that cannot be opened or read, a
// store that cannot be written.
core::Result<RunStats> run(FraudMonitor& monitor, store::StateStore* store, const RunOptions& options);

// Cursor encoding: "device inode offset line head_hash".
std::string encode_position(const FilePosition& position);
std::optional<FilePosition> decode_position(std::string_view text);

}  // namespace sipwarden::fraud
