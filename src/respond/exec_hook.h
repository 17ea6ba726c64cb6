// Running a response program: fork/exec of an argv list (never a shell
// command line), the event JSON on its standard input, a few SIPWARDEN_*
// environment variables, its standard output sent to our standard error,
// and a hard timeout after which its whole process group is killed.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace sipwarden::respond {

struct ExecOutcome {
    int exit_status = -1;  // exit code, or -1 when killed by a signal
    bool timed_out = false;
    bool ok() const { return exit_status == 0 && !timed_out; }
};

// Errors only when the program could not be started (empty argv, fork or
// socket failure); a program that is missing or fails is an outcome with
// exit status 127 or its own status.
core::Result<ExecOutcome> run_exec_hook(const std::vector<std::string>& argv, std::string_view input,
                                        const std::vector<std::pair<std::string, std::string>>& environment,
                                        std::chrono::milliseconds timeout);

}  // namespace sipwarden::respond
