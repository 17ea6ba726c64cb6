// sipwarden.yaml: the one configuration file. The `site:` section is parsed
// here; every other section is handed, as a YAML node, to the module that
// owns it (fraud:, watch:, ...), which reports its own problems.
#pragma once

#include <string>

#include "config/site.h"
#include "config/yaml_file.h"
#include "core/diagnostic.h"
#include "core/result.h"

namespace sipwarden::config {

struct Config {
    YamlFile file;  // the document, for sections read by other modules
    SiteConfig site;
    YAML::Node section(const std::string& name) const { return file.root[name]; }
};

// Loads and checks the top level and `site:`. Errors (also those of the
// sections named in `k_sections`) are collected in `diagnostics`; the result
// is an error only when the file cannot be read or parsed as YAML.
core::Result<Config> load_config(const std::string& path, core::DiagnosticList& diagnostics);
core::Result<Config> load_config_text(std::string_view text, const std::string& name,
                                      core::DiagnosticList& diagnostics);

}  // namespace sipwarden::config
