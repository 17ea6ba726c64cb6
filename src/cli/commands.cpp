// The explicit list of subcommands, in the order `sipwarden --help` shows them.
#include "cli/command.h"

#include <array>

namespace sipwarden::cli {

void declare_audit_command(CLI::App& app, int& exit_status);
void declare_explain_command(CLI::App& app, int& exit_status);
void declare_watch_command(CLI::App& app, int& exit_status);
void declare_fraud_command(CLI::App& app, int& exit_status);

namespace {
constexpr std::array k_commands{
    Command{"audit", "Rate every risky PBX setting by who can really reach it", declare_audit_command},
    Command{
        "watch",
        "Passive monitor: decode captures (pcap/pcapng/gzip/stdin) or an interface and report calls, registrations, "
        "media and what was seen",
        declare_watch_command},
    Command{"fraud", "Toll-fraud monitor over call detail records; blocks international calling for the account",
            declare_fraud_command},
    Command{"explain", "What a PBX setting does, its default, and when it is dangerous", declare_explain_command},
};
}  // namespace

std::span<const Command> commands() { return k_commands; }

}  // namespace sipwarden::cli
