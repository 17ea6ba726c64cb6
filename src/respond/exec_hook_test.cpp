#include "respond/exec_hook.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sipwarden::respond {
namespace {

std::string temp_file(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("sipwarden-exec-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(ExecHook, ProgramReadsTheInputAndSeesTheEnvironment) {
    const auto out = temp_file("hook.out");
    // The argument list is passed as is: the quote and semicolon are data, not shell syntax.
    auto outcome =
        run_exec_hook({"/bin/sh", "-c", "cat > \"$1\"; printf '%s' \"$SIPWARDEN_ACCOUNT\" >> \"$1\"", "hook", out},
                      "{\"alert\":1}\n", {{"SIPWARDEN_ACCOUNT", "1001'; rm -rf /"}}, std::chrono::seconds(10));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_TRUE(outcome->ok());
    EXPECT_EQ(slurp(out), "{\"alert\":1}\n1001'; rm -rf /");
}

TEST(ExecHook, FailureAndMissingProgramAreOutcomesNotErrors) {
    auto failed = run_exec_hook({"/bin/sh", "-c", "exit 3"}, "", {}, std::chrono::seconds(10));
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->exit_status, 3);
    auto missing = run_exec_hook({"/nonexistent/hook"}, "x", {}, std::chrono::seconds(10));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->exit_status, 127);
    EXPECT_FALSE(run_exec_hook({}, "", {}, std::chrono::seconds(1)));
}

TEST(ExecHook, HookThatIgnoresItsInputDoesNotKillUs) {
    const std::string big(1 << 16, 'x');
    auto outcome = run_exec_hook({"/bin/true"}, big, {}, std::chrono::seconds(10));
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->exit_status, 0);
}

TEST(ExecHook, TimeoutKillsTheProcessGroup) {
    const auto start = std::chrono::steady_clock::now();
    auto outcome = run_exec_hook({"/bin/sh", "-c", "sleep 30 & sleep 30"}, "", {}, std::chrono::milliseconds(200));
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->timed_out);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace sipwarden::respond
