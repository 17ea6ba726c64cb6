// SIP request methods: the registered ones as an enum, anything else as
// `other` with its text kept by the caller.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipwarden::sip {

enum class Method : std::uint8_t {
    other,
    invite,
    ack,
    bye,
    cancel,
    register_,
    options,
    info,
    prack,
    subscribe,
    notify,
    update,
    message,
    refer,
    publish,
};

// "INVITE", "REGISTER", ...; "" for Method::other.
std::string_view to_string(Method method);
// Methods are case-sensitive (RFC 3261 §7.1): "invite" is Method::other.
Method method_from(std::string_view text);

}  // namespace sipwarden::sip
