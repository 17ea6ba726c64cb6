// Names of reach, number types and risk classes.
#include "numbers/destination.h"

#include <string>

namespace sipwarden::numbers {

namespace {
constexpr std::array<std::string_view, 13> k_type_names{"unknown",
                                                        "fixed_line",
                                                        "mobile",
                                                        "fixed_line_or_mobile",
                                                        "toll_free",
                                                        "premium_rate",
                                                        "shared_cost",
                                                        "voip",
                                                        "personal_number",
                                                        "pager",
                                                        "uan",
                                                        "voicemail",
                                                        "international_network"};
constexpr std::array<std::string_view, 3> k_risk_names{"low", "medium", "high"};
}  // namespace

std::string_view to_string(Reach reach) {
    switch (reach) {
        case Reach::internal: return "internal";
        case Reach::emergency: return "emergency";
        case Reach::national: return "national";
        case Reach::international: return "international";
        case Reach::invalid: return "invalid";
    }
    return "invalid";
}

std::string_view to_string(NumberType type) { return k_type_names[static_cast<std::size_t>(type)]; }
std::string_view to_string(RiskClass risk) { return k_risk_names[static_cast<std::size_t>(risk)]; }

std::optional<NumberType> parse_number_type(std::string_view text) {
    for (std::size_t i = 0; i < k_type_names.size(); ++i) {
        if (k_type_names[i] == text) return static_cast<NumberType>(i);
    }
    return std::nullopt;
}

std::optional<RiskClass> parse_risk_class(std::string_view text) {
    for (std::size_t i = 0; i < k_risk_names.size(); ++i) {
        if (k_risk_names[i] == text) return static_cast<RiskClass>(i);
    }
    return std::nullopt;
}

void Digits::assign(std::string_view text) {
    clear();
    for (char c : text) {
        if (!push_back(c)) break;
    }
}

std::string Destination::display() const {
    if (reach == Reach::national || reach == Reach::international) return "+" + std::string(digits.view());
    return std::string(digits.view());
}

}  // namespace sipwarden::numbers
