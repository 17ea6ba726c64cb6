// The explicit list of subcommands, in the order `sipwarden --help` shows them.
#include "cli/command.h"

#include <array>

namespace sipwarden::cli {

void declare_fraud_command(CLI::App& app, int& exit_status);

namespace {
constexpr std::array<Command, 1> k_commands{{
    {"fraud", "catch toll fraud in call detail records and block international calling for the account",
     declare_fraud_command},
}};
}  // namespace

std::span<const Command> commands() { return k_commands; }

}  // namespace sipwarden::cli
