// `sipwarden explain SETTING`: what a setting does, its default and when it
// is dangerous, from the same knowledge base the audit uses; near misses get
// suggestions. `--list` names every setting; `--catalogue` prints the check
// catalogue (docs/checks.md is generated with it).
#include <fmt/format.h>

#include "audit/explain.h"
#include "audit/knowledge.h"
#include "cli/command.h"

namespace sipwarden::cli {

namespace {

struct ExplainOptions {
    std::string setting;
    bool list = false;
    bool catalogue = false;
};

int run(const ExplainOptions& o) {
    const auto& knowledge = audit::builtin_knowledge();
    if (o.catalogue) {
        fmt::print("{}", audit::catalogue_markdown(knowledge));
        return k_exit_ok;
    }
    if (o.list) {
        for (const auto& name : knowledge.setting_names()) fmt::print("{}\n", name);
        return k_exit_ok;
    }
    if (o.setting.empty()) {
        fmt::print(stderr, "sipwarden explain: name a setting, e.g. sipwarden explain allowguest (or --list)\n");
        return k_exit_error;
    }
    const auto text = audit::explain(knowledge, o.setting);
    if (!text) {
        fmt::print(stderr, "sipwarden explain: {}\n", text.error().message);
        return k_exit_error;
    }
    fmt::print("{}", *text);
    return k_exit_ok;
}

}  // namespace

void declare_explain_command(CLI::App& app, int& exit_status) {
    auto options = std::make_shared<ExplainOptions>();
    app.add_option("setting", options->setting,
                   "a setting: allowguest, strictrtp, pjsip.endpoint.allow_unauthenticated_options, ...");
    app.add_flag("--list", options->list, "list every setting the knowledge base explains");
    app.add_flag("--catalogue", options->catalogue, "print the catalogue of checks as Markdown (docs/checks.md)");
    app.callback([options, &exit_status] { exit_status = run(*options); });
}

}  // namespace sipwarden::cli
