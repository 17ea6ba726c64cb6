// Explaining settings and listing checks from the knowledge base: the text
// of `sipwarden explain SETTING` and the Markdown catalogue docs/checks.md.
#pragma once

#include <string>

#include "audit/knowledge.h"
#include "core/result.h"

namespace sipwarden::audit {

// What the setting does, its default and when it is dangerous (every check
// that names it); an error with suggestions when it is unknown.
core::Result<std::string> explain(const Knowledge& knowledge, std::string_view setting);

// Every check as Markdown, generated (never edited by hand).
std::string catalogue_markdown(const Knowledge& knowledge);

}  // namespace sipwarden::audit
