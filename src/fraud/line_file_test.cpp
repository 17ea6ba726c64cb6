#include "fraud/line_file.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace sipwarden::fraud {
namespace {

struct Dir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("sipwarden-lines-" + std::to_string(::getpid()));
    Dir() { std::filesystem::create_directories(path); }
    ~Dir() { std::filesystem::remove_all(path); }
};

void append(const std::filesystem::path& p, std::string_view text) {
    std::ofstream(p, std::ios::app | std::ios::binary) << text;
}

std::vector<std::string> read_all(LineFile& file, bool final) {
    std::vector<std::string> lines;
    auto n = file.read([&](std::string_view line, std::uint64_t) { lines.emplace_back(line); }, 1000, final);
    EXPECT_TRUE(n);
    return lines;
}

TEST(LineFile, PartialLinesWaitUnlessFinal) {
    Dir dir;
    const auto p = dir.path / "a.csv";
    append(p, "one\ntwo\nthr");
    auto file = LineFile::open(p.string());
    ASSERT_TRUE(file);
    EXPECT_EQ(read_all(*file, false), (std::vector<std::string>{"one", "two"}));
    append(p, "ee\n");
    EXPECT_EQ(read_all(*file, false), (std::vector<std::string>{"three"}));
    append(p, "four");
    EXPECT_EQ(read_all(*file, true), (std::vector<std::string>{"four"}));
    EXPECT_EQ(file->position().line, 4u);
    EXPECT_EQ(file->position().offset, 18u);
}

TEST(LineFile, ResumesOnlyTheSameFile) {
    Dir dir;
    const auto p = dir.path / "a.csv";
    append(p, "first\nsecond\n");
    FilePosition saved;
    {
        auto file = LineFile::open(p.string());
        read_all(*file, false);
        saved = file->position();
    }
    append(p, "third\n");
    auto again = LineFile::open(p.string());
    ASSERT_TRUE(again->resume(saved));
    EXPECT_EQ(read_all(*again, false), (std::vector<std::string>{"third"}));
    EXPECT_EQ(again->position().line, 3u);
    // Same size, different first line: not the file we read.
    std::filesystem::remove(p);
    append(p, "other\nsecond\nthird\n");
    auto other = LineFile::open(p.string());
    EXPECT_FALSE(other->resume(saved));
    EXPECT_EQ(read_all(*other, false).size(), 3u);
}

TEST(LineFile, FollowsRotationAndTruncation) {
    Dir dir;
    const auto p = dir.path / "Master.csv";
    append(p, "a\nb\n");
    auto file = LineFile::open(p.string());
    ASSERT_TRUE(file);
    read_all(*file, false);
    EXPECT_EQ(file->check(), LineFile::Change::none);
    // logrotate with copytruncate
    std::filesystem::resize_file(p, 0);
    append(p, "c\n");
    EXPECT_EQ(file->check(), LineFile::Change::truncated);
    ASSERT_TRUE(file->reopen());
    EXPECT_EQ(read_all(*file, false), (std::vector<std::string>{"c"}));
    // logrotate with create: the old file moves away and keeps growing for a moment
    std::filesystem::rename(p, dir.path / "Master.csv.1");
    append(dir.path / "Master.csv.1", "d\n");
    EXPECT_EQ(file->check(), LineFile::Change::none);  // no new file yet
    append(p, "e\n");
    EXPECT_EQ(file->check(), LineFile::Change::rotated);
    EXPECT_EQ(read_all(*file, true), (std::vector<std::string>{"d"}));  // drain the old one
    ASSERT_TRUE(file->reopen());
    EXPECT_EQ(read_all(*file, false), (std::vector<std::string>{"e"}));
}

TEST(LineFile, LinesLongerThanTheBufferAreKeptWhole) {
    Dir dir;
    const auto p = dir.path / "long.csv";
    const std::string big(LineFile::k_buffer + 123, 'x');
    append(p, big + "\nshort\n");
    auto file = LineFile::open(p.string());
    const auto lines = read_all(*file, false);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].size(), big.size());
}

TEST(LineFile, MissingFileIsAnError) {
    auto file = LineFile::open("/nonexistent/Master.csv");
    ASSERT_FALSE(file);
    EXPECT_NE(file.error().message.find("/nonexistent/Master.csv: cannot open"), std::string::npos);
}

}  // namespace
}  // namespace sipwarden::fraud
