// What the agreement tests share: running a reference tool, splitting its
// output, and the set of captures to compare.
#pragma once

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sipwarden::agreement {

// Standard output of a shell command (empty when it cannot be started).
inline std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[65536];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
    return out;
}

inline std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (true) {
        const auto next = text.find(separator, at);
        out.push_back(text.substr(at, next - at));
        if (next == std::string::npos) break;
        at = next + 1;
    }
    return out;
}

// Every .pcap/.pcapng under `roots` (a root may also be one file), sorted;
// the same capture in several roots (name and size) once; files directly in
// a folder named `skip_folder` left out. Missing roots are skipped.
inline std::vector<std::filesystem::path> find_captures(const std::vector<std::string>& roots,
                                                        std::string_view skip_folder = {}) {
    namespace fs = std::filesystem;
    std::vector<fs::path> out;
    std::set<std::string> seen;
    for (const auto& root : roots) {
        if (!fs::exists(root)) continue;
        if (fs::is_regular_file(root)) {
            out.emplace_back(root);
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".pcap" && ext != ".pcapng")) continue;
            if (!skip_folder.empty() && entry.path().parent_path().filename() == skip_folder) continue;
            const auto key = entry.path().filename().string() + ":" + std::to_string(entry.file_size());
            if (seen.insert(key).second) out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sipwarden::agreement
