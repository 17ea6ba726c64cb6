// Loading sipwarden.yaml.
#include "config/sipwarden_config.h"

#include <array>

namespace sipwarden::config {

namespace {
// Every top-level section; each module reads its own.
constexpr std::array<std::string_view, 8> k_sections{"site", "watch",   "fraud",     "audit",
                                                     "scan", "outputs", "responses", "store"};

core::Result<Config> finish(core::Result<YamlFile> file, core::DiagnosticList& diagnostics) {
    if (!file) return file.error();
    Config config{std::move(file.value()), {}};
    YamlReader reader(config.file, diagnostics);
    if (config.file.root.IsNull()) return config;  // an empty file is a valid, empty configuration
    if (!reader.check_keys(config.file.root, "sipwarden.yaml", k_sections)) return config;
    config.site = parse_site(config.file.root["site"], reader);
    return config;
}
}  // namespace

core::Result<Config> load_config(const std::string& path, core::DiagnosticList& diagnostics) {
    return finish(load_yaml_file(path), diagnostics);
}

core::Result<Config> load_config_text(std::string_view text, const std::string& name,
                                      core::DiagnosticList& diagnostics) {
    return finish(load_yaml_text(text, name), diagnostics);
}

}  // namespace sipwarden::config
