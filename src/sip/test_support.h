// Helpers shared by the sip unit tests: reading test inputs and listing the
// anomaly codes a parse produced.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "sip/anomaly.h"

namespace sipwarden::sip::test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::filesystem::path data_dir() {
    return std::filesystem::path(SIPWARDEN_SOURCE_DIR) / "tests/data/sip-messages";
}
inline std::filesystem::path shared_messages() {
    return std::filesystem::path(SIPWARDEN_SHARED_DIR) / "corpus/sip-messages";
}

// Sorted anomaly codes, duplicates kept.
inline std::vector<std::string> codes(std::span<const AnomalyRecord> records) {
    std::vector<std::string> out;
    for (const AnomalyRecord& r : records) out.emplace_back(code(r.anomaly));
    std::sort(out.begin(), out.end());
    return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// Files of a directory in name order.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.is_regular_file()) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace sipwarden::sip::test
