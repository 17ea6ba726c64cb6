// sipwarden entry point: builds the command line from the registry, runs the
// chosen subcommand, and turns uncaught exceptions (bugs) into exit status 2.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/command.h"

int main(int argc, char** argv) {
    using namespace sipwarden::cli;
    CLI::App app{"sipwarden: VoIP security — audit PBX configs, scan your hosts, watch traffic, catch toll fraud"};
    app.set_version_flag("--version", std::string("sipwarden ") + SIPWARDEN_VERSION);
    app.require_subcommand(1);
    int exit_status = k_exit_ok;
    for (const auto& command : commands()) {
        auto* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        command.declare(*sub, exit_status);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int status = app.exit(e);
        return status == 0 ? k_exit_ok : k_exit_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "sipwarden: internal error: {}\n", e.what());
        return k_exit_error;
    }
    return exit_status;
}
