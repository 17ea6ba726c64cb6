// Judging a SIP/IAX/AMI/ESL secret: empty, equal to the user or extension,
// short, digits only, a run or repeat, a common password, a vendor default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sipwarden::audit {

struct SecretPolicy {
    // Shorter secrets are weak: SIP digest is brute-forced online at thousands of guesses a second.
    std::size_t min_length = 10;
    // All-digit secrets shorter than this are weak (a phone keypad PIN is not a SIP secret).
    std::size_t min_digits_only_length = 16;
};

// Why `secret` is weak, or nullopt when none of the rules applies.
// `names`: the user name, extension and object name it must not equal.
std::optional<std::string> weak_secret(std::string_view secret, std::initializer_list<std::string_view> names,
                                       const SecretPolicy& policy = {});

// True for the defaults shipped by PBX vendors (FreeSWITCH 1234 and ClueCon, ...).
std::optional<std::string> vendor_default(std::string_view secret);

// True when the value is a placeholder filled in at deployment (__X__, {{ x }}, ${X}).
bool is_placeholder(std::string_view secret);

}  // namespace sipwarden::audit
