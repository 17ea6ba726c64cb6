// Evaluating Asterisk dialplan text the way the PBX would for one call:
// extension pattern matching with Asterisk's precedence, ${VAR} and
// ${VAR:offset:length} substitution, and the argument forms of Goto, GotoIf,
// Gosub and Macro.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/asterisk_model.h"

namespace sipwarden::audit {

// True when extension `name` ("_X.", "100", "_9011.") matches `number`.
bool extension_matches(std::string_view name, std::string_view number);
// Negative when pattern `a` is more specific than `b` (Asterisk prefers it).
int compare_specificity(std::string_view a, std::string_view b);
// A number the pattern matches ("_NXXNXXXXXX" -> "5555555555"), for walking extensions.
std::string sample_number(std::string_view name);

struct Substituted {
    std::string text;
    bool complete = true;  // false when some ${...} could not be resolved (left as written)
};

// Variables of one simulated channel: EXTEN, ARGn, Set() values, globals.
class ChannelVars {
public:
    explicit ChannelVars(const Dialplan* plan) : m_plan(plan) {}
    void set(const std::string& name, std::string value) { m_vars[upper(name)] = std::move(value); }
    std::optional<std::string> get(std::string_view name) const;
    Substituted substitute(std::string_view text, int depth = 0) const;

private:
    static std::string upper(std::string_view s);
    const Dialplan* m_plan;
    std::map<std::string, std::string> m_vars;
};

// Splits application arguments on top-level commas (not inside ${...}, $[...] or quotes).
std::vector<std::string> split_args(std::string_view args, char separator = ',');

// A jump target as written: Goto(ctx,exten,prio), Goto(exten,prio), Goto(prio).
struct JumpTarget {
    std::string context;            // empty: the current one
    std::string exten;              // empty: the current one
    std::string priority;           // a number or a label
    std::vector<std::string> args;  // Gosub(ctx,exten,prio(args))
};
JumpTarget parse_jump(std::string_view text);
// GotoIf(cond?a:b) / GosubIf: the two targets (either may be empty).
std::pair<std::string, std::string> conditional_targets(std::string_view args);

}  // namespace sipwarden::audit
