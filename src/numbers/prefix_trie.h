// A digit trie from E.164 prefixes to small integer ids, for longest-prefix
// matching (the high-risk list, rate tables).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sipwarden::numbers {

class PrefixTrie {
public:
    // `digits` must be digits only; `id` > 0. A later insert of the same prefix wins.
    void insert(std::string_view digits, std::int32_t id);
    // The id of the longest inserted prefix of `digits` (stops at a non-digit); 0 when none.
    std::int32_t longest(std::string_view digits) const;

private:
    struct Node {
        std::array<std::int32_t, 10> child{};
        std::int32_t id = 0;
    };
    std::vector<Node> m_nodes{Node{}};
};

}  // namespace sipwarden::numbers
