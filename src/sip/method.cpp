// Method names and their lookup.
#include "sip/method.h"

#include <array>

namespace sipwarden::sip {

namespace {
constexpr std::array<std::string_view, 15> k_names{
    "",      "INVITE",    "ACK",    "BYE",    "CANCEL",  "REGISTER", "OPTIONS", "INFO",
    "PRACK", "SUBSCRIBE", "NOTIFY", "UPDATE", "MESSAGE", "REFER",    "PUBLISH",
};
}  // namespace

std::string_view to_string(Method method) {
    const auto i = static_cast<std::size_t>(method);
    return i < k_names.size() ? k_names[i] : std::string_view{};
}

Method method_from(std::string_view text) {
    // Dispatch on length and first letter: at most two comparisons.
    switch (text.size()) {
        case 3:
            if (text == "ACK") return Method::ack;
            if (text == "BYE") return Method::bye;
            break;
        case 4:
            if (text == "INFO") return Method::info;
            break;
        case 5:
            if (text == "PRACK") return Method::prack;
            if (text == "REFER") return Method::refer;
            break;
        case 6:
            if (text == "INVITE") return Method::invite;
            if (text == "CANCEL") return Method::cancel;
            if (text == "NOTIFY") return Method::notify;
            if (text == "UPDATE") return Method::update;
            break;
        case 7:
            if (text == "OPTIONS") return Method::options;
            if (text == "MESSAGE") return Method::message;
            if (text == "PUBLISH") return Method::publish;
            break;
        case 8:
            if (text == "REGISTER") return Method::register_;
            break;
        case 9:
            if (text == "SUBSCRIBE") return Method::subscribe;
            break;
        default: break;
    }
    return Method::other;
}

}  // namespace sipwarden::sip
