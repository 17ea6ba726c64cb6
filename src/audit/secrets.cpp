// Weak-secret rules, after FreePBX's weakpasswords module (empty, sequential,
// same as device, repeated, short, dictionary) plus vendor defaults.
#include "audit/secrets.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace sipwarden::audit {

namespace {

// A few dozen of the most common passwords in public breach lists, and the
// words PBX installers type; a guesser tries these first.
constexpr std::array<std::string_view, 40> k_common{
    "password", "passw0rd", "secret",   "admin",    "administrator", "qwerty",   "letmein",  "welcome",
    "changeme", "default",  "asterisk", "freepbx",  "freeswitch",    "voip",     "sip",      "phone",
    "telefon",  "pbx",      "trunk",    "test",     "guest",         "root",     "master",   "abc123",
    "iloveyou", "monkey",   "dragon",   "football", "sunshine",      "princess", "trustno1", "login",
    "access",   "temporal", "temp",     "pass",     "amp111",        "amp109",   "cluecon",  "elastix"};

struct Vendor {
    std::string_view secret;
    std::string_view what;
};
constexpr std::array<Vendor, 6> k_vendor{{
    {"1234", "the FreeSWITCH default_password of vars.xml"},
    {"ClueCon", "the FreeSWITCH event socket default password"},
    {"amp111", "the FreePBX/Issabel default AMI password"},
    {"amp109", "the FreePBX default database password"},
    {"eLaStIx.2oo7", "the Elastix/Issabel default password"},
    {"password", "a vendor example password"},
}};

bool sequential(std::string_view s) {
    if (s.size() < 4) return false;
    bool up = true;
    bool down = true;
    for (std::size_t i = 1; i < s.size(); ++i) {
        up &= s[i] == s[i - 1] + 1;
        down &= s[i] == s[i - 1] - 1;
    }
    return up || down;
}

bool repeated(std::string_view s) {
    return s.size() >= 3 && std::all_of(s.begin(), s.end(), [&](char c) { return c == s[0]; });
}

}  // namespace

bool is_placeholder(std::string_view secret) {
    return (secret.starts_with("__") && secret.ends_with("__") && secret.size() > 4) || secret.starts_with("{{") ||
           (secret.starts_with("${") && secret.ends_with("}")) || (secret.starts_with("$${") && secret.ends_with("}"));
}

std::optional<std::string> vendor_default(std::string_view secret) {
    for (const auto& v : k_vendor) {
        if (secret == v.secret) return "'" + std::string(v.secret) + "' is " + std::string(v.what);
    }
    return std::nullopt;
}

std::optional<std::string> weak_secret(std::string_view secret, std::initializer_list<std::string_view> names,
                                       const SecretPolicy& policy) {
    if (secret.empty()) return "it is empty";
    if (is_placeholder(secret)) return std::nullopt;
    if (auto v = vendor_default(secret)) return *v;
    for (auto n : names) {
        if (!n.empty() && core::iequals(secret, n))
            return "it equals the user or extension name '" + std::string(n) + "'";
    }
    for (auto w : k_common) {
        if (core::iequals(secret, w)) return "it is a common password ('" + std::string(w) + "')";
    }
    if (sequential(secret)) return "it is a run of sequential characters";
    if (repeated(secret)) return "it repeats one character";
    const bool digits = std::all_of(secret.begin(), secret.end(), [](char c) { return core::is_digit(c); });
    if (digits && secret.size() < policy.min_digits_only_length) {
        return "it is " + std::to_string(secret.size()) + " digits only (a guesser needs at most 10^" +
               std::to_string(secret.size()) + " tries)";
    }
    if (secret.size() < policy.min_length) {
        return "it has only " + std::to_string(secret.size()) + " characters (fewer than " +
               std::to_string(policy.min_length) + ")";
    }
    return std::nullopt;
}

}  // namespace sipwarden::audit
