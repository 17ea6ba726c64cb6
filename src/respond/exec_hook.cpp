// fork/exec with input on a socket pair (so a hook that exits early cannot
// raise SIGPIPE in sipwarden) and a timeout.
#include "respond/exec_hook.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

extern char** environ;

namespace sipwarden::respond {

namespace {

// Builds "NAME=value" strings for the child before fork (no allocation after it).
std::vector<std::string> child_environment(const std::vector<std::pair<std::string, std::string>>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry(*e);
        bool replaced = false;
        for (const auto& [name, value] : extra) replaced = replaced || entry.starts_with(name + "=");
        if (!replaced) env.emplace_back(entry);
    }
    for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
    return env;
}

void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // the hook closed its input; that is its business
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

ExecOutcome wait_for(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    ExecOutcome outcome;
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return outcome;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            outcome.timed_out = true;
            return outcome;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

}  // namespace

core::Result<ExecOutcome> run_exec_hook(const std::vector<std::string>& argv, std::string_view input,
                                        const std::vector<std::pair<std::string, std::string>>& environment,
                                        std::chrono::milliseconds timeout) {
    if (argv.empty() || argv[0].empty()) return core::make_error("exec hook: no program given");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    auto env_strings = child_environment(environment);
    std::vector<char*> env;
    for (auto& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        return core::make_error(std::string("exec hook: socketpair: ") + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return core::make_error(std::string("exec hook: fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls until exec.
        ::setpgid(0, 0);
        ::dup2(fds[1], STDIN_FILENO);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
        ::execvpe(args[0], args.data(), env.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    ::setpgid(pid, pid);
    send_all(fds[0], input);
    ::shutdown(fds[0], SHUT_WR);
    const auto outcome = wait_for(pid, timeout);
    ::close(fds[0]);
    return outcome;
}

}  // namespace sipwarden::respond
