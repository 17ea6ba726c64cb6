// The explicit list of subcommands, in the order `sipwarden --help` shows them.
#include "cli/command.h"

#include <array>

namespace sipwarden::cli {

void declare_watch_command(CLI::App& app, int& exit_status);

namespace {
constexpr std::array k_commands{
    Command{"watch",
            "Passive monitor: decode captures (pcap/pcapng/gzip/stdin) or an interface and report what was seen",
            declare_watch_command},
};
}  // namespace

std::span<const Command> commands() { return k_commands; }

}  // namespace sipwarden::cli
