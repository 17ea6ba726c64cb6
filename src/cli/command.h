// The subcommand registry: every `sipwarden NAME` is one entry in
// k_commands (commands.cpp), implemented in NAME_command.cpp. Commands parse
// arguments, call one library function and pick a writer; no domain logic.
#pragma once

#include <CLI/CLI.hpp>

#include <span>
#include <string_view>

namespace sipwarden::cli {

// Exit statuses shared by all commands.
enum ExitStatus : int {
    k_exit_ok = 0,        // done; nothing at or above --fail-on
    k_exit_findings = 1,  // findings or alerts at or above --fail-on
    k_exit_error = 2,     // usage error or bad input
};

struct Command {
    std::string_view name;
    std::string_view summary;
    // Declares the subcommand's options on `app`; the callback it installs
    // stores the command's exit status in `exit_status`.
    void (*declare)(CLI::App& app, int& exit_status);
};

std::span<const Command> commands();

}  // namespace sipwarden::cli
