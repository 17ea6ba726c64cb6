// Longest-prefix matching over digits.
#include "numbers/prefix_trie.h"

#include "core/text.h"

namespace sipwarden::numbers {

void PrefixTrie::insert(std::string_view digits, std::int32_t id) {
    std::size_t node = 0;
    for (char c : digits) {
        const auto digit = static_cast<std::size_t>(c - '0');
        if (m_nodes[node].child[digit] == 0) {
            m_nodes[node].child[digit] = static_cast<std::int32_t>(m_nodes.size());
            m_nodes.push_back(Node{});
        }
        node = static_cast<std::size_t>(m_nodes[node].child[digit]);
    }
    m_nodes[node].id = id;
}

std::int32_t PrefixTrie::longest(std::string_view digits) const {
    std::int32_t found = m_nodes[0].id;
    std::size_t node = 0;
    for (char c : digits) {
        if (!core::is_digit(c)) break;
        const auto next = m_nodes[node].child[static_cast<std::size_t>(c - '0')];
        if (next == 0) break;
        node = static_cast<std::size_t>(next);
        if (m_nodes[node].id != 0) found = m_nodes[node].id;
    }
    return found;
}

}  // namespace sipwarden::numbers
