// The knowledge base: valid, complete, in one-to-one correspondence with the
// implemented checks; `explain` and the generated catalogue.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "audit/checks.h"
#include "audit/explain.h"
#include "audit/knowledge.h"

namespace sipwarden::audit {
namespace {

TEST(Knowledge, EmbeddedFilesLoadWithoutProblems) {
    core::DiagnosticList d;
    const auto k = load_knowledge(embedded_knowledge(), d);
    EXPECT_EQ(d.size(), 0u) << (d.size() ? d.items()[0].format() : "");
    EXPECT_GE(k.checks.size(), 40u);
}

TEST(Knowledge, EveryEntryHasAnImplementationAndViceVersa) {
    const auto& k = builtin_knowledge();
    std::set<std::string> implemented;
    for (const auto& impl : check_implementations()) {
        EXPECT_TRUE(implemented.insert(std::string(impl.id)).second) << impl.id << " is registered twice";
        EXPECT_NE(k.check(impl.id), nullptr) << impl.id << " has no entry in knowledge/";
    }
    for (const auto& c : k.checks) EXPECT_TRUE(implemented.count(c.id)) << c.id << " is described but not implemented";
}

TEST(Knowledge, EveryCheckIsComplete) {
    for (const auto& c : builtin_knowledge().checks) {
        SCOPED_TRACE(c.id);
        EXPECT_FALSE(c.title.empty());
        EXPECT_FALSE(c.why.empty());
        EXPECT_FALSE(c.precondition.empty());
        EXPECT_FALSE(c.remedy.empty());
        EXPECT_FALSE(c.snippet.empty());
        ASSERT_FALSE(c.settings.empty());
        for (const auto& s : c.settings) {
            EXPECT_FALSE(s.what.empty());
            EXPECT_FALSE(s.default_value.empty());
        }
        ASSERT_FALSE(c.references.empty());
        for (const auto& r : c.references) EXPECT_TRUE(r.starts_with("https://")) << r;
        // The internet is the worst case and nobody the least; the provider may rank below the LAN
        // (a contracted party is trusted more than every device in the office).
        for (auto e : k_exposure_classes) {
            EXPECT_LE(c.severity_for(e), c.severity_for(ExposureClass::internet)) << to_string(e);
            EXPECT_GE(c.severity_for(e), c.severity_for(ExposureClass::nobody)) << to_string(e);
        }
    }
}

TEST(Knowledge, LoaderReportsProblemsWithPositions) {
    core::DiagnosticList d;
    const KnowledgeFile files[] = {
        {"knowledge/bad.yaml", "checks:\n  - id: x\n    titl: typo\n    severity: {internet: huge}\n"}};
    const auto k = load_knowledge(files, d);
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(d.items()[0].where.to_string(), "knowledge/bad.yaml:3:5");
    EXPECT_EQ(d.items()[0].suggestion, "did you mean 'title'?");
    bool severity_error = false;
    for (const auto& item : d.items())
        severity_error |= item.message.find("'huge' is not a severity") != std::string::npos;
    EXPECT_TRUE(severity_error);
}

TEST(Explain, BySettingNameAliasAndFullName) {
    const auto& k = builtin_knowledge();
    const auto guest = explain(k, "allowguest");
    ASSERT_TRUE(guest);
    EXPECT_NE(guest->find("sip.general.allowguest"), std::string::npos);
    EXPECT_NE(guest->find("default:      yes"), std::string::npos);
    EXPECT_NE(guest->find("[ast.sip.allowguest]"), std::string::npos);
    const auto options = explain(k, "pjsip.endpoint.allow_unauthenticated_options");
    ASSERT_TRUE(options);
    EXPECT_NE(options->find("see which ones exist"), std::string::npos);
    EXPECT_TRUE(explain(k, "strictrtp"));
    EXPECT_TRUE(explain(k, "default_password"));
}

TEST(Explain, SuggestsNearMisses) {
    const auto r = explain(builtin_knowledge(), "alowguest");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("did you mean 'allowguest'?"), std::string::npos) << r.error().message;
}

// docs/checks.md is generated (sipwarden explain --catalogue > docs/checks.md); it must not drift.
TEST(Catalogue, DocsMatchTheKnowledgeBase) {
    std::ifstream in(std::string(SIPWARDEN_SOURCE_DIR) + "/docs/checks.md");
    ASSERT_TRUE(in) << "docs/checks.md is missing";
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), catalogue_markdown(builtin_knowledge()))
        << "regenerate it: build/release/sipwarden explain --catalogue > docs/checks.md";
}

}  // namespace
}  // namespace sipwarden::audit
