// Pattern matching and variable substitution for the dialplan simulator.
#include "audit/dialplan_eval.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

namespace {

// The set of characters one pattern element matches; '.' and '!' are special.
struct Element {
    std::string chars;  // empty with wildcard
    char wildcard = 0;  // '.', '!' or 0
};

std::vector<Element> compile(std::string_view pattern) {
    std::vector<Element> out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        switch (core::ascii_lower(c)) {
            case 'x': out.push_back({"0123456789", 0}); break;
            case 'z': out.push_back({"123456789", 0}); break;
            case 'n': out.push_back({"23456789", 0}); break;
            case '.': out.push_back({"", '.'}); break;
            case '!': out.push_back({"", '!'}); break;
            case '-': break;  // ignored in patterns
            case '[': {
                Element e;
                const auto close = pattern.find(']', i + 1);
                const auto body =
                    pattern.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
                for (std::size_t k = 0; k < body.size(); ++k) {
                    if (k + 2 < body.size() && body[k + 1] == '-') {
                        for (char x = body[k]; x <= body[k + 2] && x >= body[k]; ++x) {
                            e.chars += x;
                            if (x == '\x7f') break;
                        }
                        k += 2;
                    } else {
                        e.chars += body[k];
                    }
                }
                out.push_back(std::move(e));
                i = close == std::string_view::npos ? pattern.size() : close;
                break;
            }
            default: out.push_back({std::string(1, c), 0});
        }
    }
    return out;
}

bool match_from(const std::vector<Element>& elements, std::size_t e, std::string_view number, std::size_t n) {
    // Iterative: '.' and '!' can only be the last meaningful element in practice;
    // they match the whole rest ('.' needs at least one character).
    for (; e < elements.size(); ++e, ++n) {
        const auto& el = elements[e];
        if (el.wildcard == '.') return n < number.size();
        if (el.wildcard == '!') return true;
        if (n >= number.size()) return false;
        if (el.chars.find(number[n]) == std::string::npos &&
            !(el.chars.size() == 1 && core::ascii_lower(el.chars[0]) == core::ascii_lower(number[n]))) {
            return false;
        }
    }
    return n == number.size();
}

int element_weight(const Element& e) {
    if (e.wildcard == '.') return 10000;
    if (e.wildcard == '!') return 10001;
    return static_cast<int>(e.chars.size());
}

}  // namespace

bool extension_matches(std::string_view name, std::string_view number) {
    if (name.empty()) return false;
    if (name[0] != '_') {
        std::string plain;
        for (char c : name) {
            if (c != '-') plain += c;
        }
        return core::iequals(plain, number);
    }
    return match_from(compile(name.substr(1)), 0, number, 0);
}

int compare_specificity(std::string_view a, std::string_view b) {
    const bool pa = !a.empty() && a[0] == '_';
    const bool pb = !b.empty() && b[0] == '_';
    if (!pa || !pb) return pa == pb ? 0 : (pa ? 1 : -1);  // an exact extension beats any pattern
    const auto ea = compile(a.substr(1));
    const auto eb = compile(b.substr(1));
    for (std::size_t i = 0; i < std::min(ea.size(), eb.size()); ++i) {
        const int wa = element_weight(ea[i]);
        const int wb = element_weight(eb[i]);
        if (wa != wb) return wa < wb ? -1 : 1;
    }
    return ea.size() == eb.size() ? 0 : (ea.size() > eb.size() ? -1 : 1);
}

std::string sample_number(std::string_view name) {
    if (name.empty() || name[0] != '_') return std::string(name);
    std::string out;
    for (const auto& e : compile(name.substr(1))) {
        if (e.wildcard == '.')
            out += "5555";
        else if (e.wildcard == '!')
            continue;
        else if (e.chars.find('5') != std::string::npos)
            out += '5';
        else if (!e.chars.empty())
            out += e.chars[0];
    }
    return out;
}

std::string ChannelVars::upper(std::string_view s) {
    std::string out;
    for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::optional<std::string> ChannelVars::get(std::string_view name) const {
    const auto it = m_vars.find(upper(name));
    if (it != m_vars.end()) return it->second;
    if (m_plan != nullptr) return m_plan->global(name);
    return std::nullopt;
}

namespace {

// ${NAME:offset:length} applied to a value.
std::string substring(const std::string& value, std::string_view spec) {
    const auto parts = split_args(spec, ':');
    auto number = [](std::string_view t) -> std::optional<long> {
        t = core::trim(t);
        const bool minus = !t.empty() && t[0] == '-';
        const auto v = core::parse_uint(minus ? t.substr(1) : t, 100000);
        if (!v) return std::nullopt;
        return minus ? -static_cast<long>(*v) : static_cast<long>(*v);
    };
    const long size = static_cast<long>(value.size());
    long offset = parts.empty() ? 0 : number(parts[0]).value_or(0);
    if (offset < 0) offset = std::max(0L, size + offset);
    offset = std::min(offset, size);
    long length = size - offset;
    if (parts.size() > 1) {
        if (auto l = number(parts[1])) length = *l < 0 ? std::max(0L, size - offset + *l) : std::min(*l, size - offset);
    }
    return value.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
}

}  // namespace

Substituted ChannelVars::substitute(std::string_view text, int depth) const {
    Substituted out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
            out.text += text[i];
            continue;
        }
        // Find the matching '}' (nested ${} allowed).
        int level = 0;
        std::size_t end = i + 1;
        for (; end < text.size(); ++end) {
            if (text[end] == '{') ++level;
            if (text[end] == '}' && --level == 0) break;
        }
        if (end >= text.size()) {
            out.text += text.substr(i);
            out.complete = false;
            break;
        }
        const auto inner_raw = text.substr(i + 2, end - i - 2);
        const auto inner = depth < 8 ? substitute(inner_raw, depth + 1) : Substituted{std::string(inner_raw), false};
        std::string name = inner.text;
        std::string spec;
        if (const auto colon = name.find(':'); colon != std::string::npos && name.find('(') == std::string::npos) {
            spec = name.substr(colon + 1);
            name = name.substr(0, colon);
        }
        std::optional<std::string> value;
        if (core::istarts_with(name, "GLOBAL(") && name.back() == ')') {
            value = m_plan != nullptr ? m_plan->global(name.substr(7, name.size() - 8)) : std::nullopt;
        } else if (name.find('(') == std::string::npos) {
            value = get(name);
        }
        if (value && inner.complete) {
            out.text += spec.empty() ? *value : substring(*value, spec);
        } else {
            out.text += std::string(text.substr(i, end - i + 1));
            out.complete = false;
        }
        i = end;
    }
    return out;
}

std::vector<std::string> split_args(std::string_view args, char separator) {
    std::vector<std::string> out;
    std::string cur;
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const char c = args[i];
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '{' || c == '[' || c == '(')) ++depth;
        if (!quoted && (c == '}' || c == ']' || c == ')') && depth > 0) --depth;
        if (c == separator && depth == 0 && !quoted) {
            out.push_back(std::string(core::trim(cur)));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(std::string(core::trim(cur)));
    return out;
}

JumpTarget parse_jump(std::string_view text) {
    JumpTarget t;
    auto parts = split_args(text);
    // Gosub(ctx,exten,prio(arg1,arg2)): arguments are in the last part.
    auto& last = parts.back();
    if (const auto open = last.find('('); open != std::string::npos && last.back() == ')') {
        t.args = split_args(std::string_view(last).substr(open + 1, last.size() - open - 2));
        last = last.substr(0, open);
    }
    if (parts.size() >= 3) {
        t.context = parts[0];
        t.exten = parts[1];
        t.priority = parts[2];
    } else if (parts.size() == 2) {
        t.exten = parts[0];
        t.priority = parts[1];
    } else {
        t.priority = parts[0];
    }
    return t;
}

std::pair<std::string, std::string> conditional_targets(std::string_view args) {
    // The condition may contain '?' inside $[...]: split at the last top-level '?'.
    int depth = 0;
    std::size_t q = std::string_view::npos;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == '[' || args[i] == '{' || args[i] == '(') ++depth;
        if ((args[i] == ']' || args[i] == '}' || args[i] == ')') && depth > 0) --depth;
        if (args[i] == '?' && depth == 0) q = i;
    }
    if (q == std::string_view::npos) return {};
    const auto rest = args.substr(q + 1);
    depth = 0;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '[' || rest[i] == '{' || rest[i] == '(') ++depth;
        if ((rest[i] == ']' || rest[i] == '}' || rest[i] == ')') && depth > 0) --depth;
        if (rest[i] == ':' && depth == 0)
            return {std::string(core::trim(rest.substr(0, i))), std::string(core::trim(rest.substr(i + 1)))};
    }
    return {std::string(core::trim(rest)), {}};
}

}  // namespace sipwarden::audit
