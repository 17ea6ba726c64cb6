// The explicit list of subcommands, in the order `sipwarden --help` shows them.
#include "cli/command.h"

#include <array>

namespace sipwarden::cli {

namespace {
constexpr std::array<Command, 0> k_commands{};
}  // namespace

std::span<const Command> commands() { return k_commands; }

}  // namespace sipwarden::cli
