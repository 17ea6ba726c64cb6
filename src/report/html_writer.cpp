// A self-contained HTML page of the report (no scripts, no external assets),
// findings grouped by severity as in the text report.
#include <fmt/format.h>

#include "report/report.h"

namespace sipwarden::report {

namespace {

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

constexpr std::string_view k_style =
    "body{font-family:sans-serif;max-width:70em;margin:2em auto;color:#222}"
    "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}"
    ".critical{border-left:6px solid #a00}.high{border-left:6px solid #d33}.medium{border-left:6px solid #d90}"
    ".low{border-left:6px solid #39c}.info{border-left:6px solid #999}section.f{padding-left:1em;margin:1em 0}";

}  // namespace

std::string write_html(const Report& report) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sipwarden " +
                      escape(report.command) + "</title><style>" + std::string(k_style) + "</style></head><body>\n";
    out += "<h1>sipwarden " + escape(report.command) + "</h1>\n<ul>";
    for (const auto& i : report.inputs) out += "<li>" + escape(i) + "</li>";
    out += "</ul>\n";
    if (!report.assumptions.empty()) {
        out += "<h2>Assumptions</h2><ul>";
        for (const auto& a : report.assumptions) out += "<li>" + escape(a) + "</li>";
        out += "</ul>\n";
    }
    for (const auto& s : report.sections) {
        out += "<h2>" + escape(s.title) + "</h2><pre>";
        for (const auto& l : s.lines) out += escape(l) + "\n";
        out += "</pre>\n";
    }
    out += "<h2>Findings</h2>\n";
    for (auto sev : {core::Severity::critical, core::Severity::high, core::Severity::medium, core::Severity::low,
                     core::Severity::info}) {
        for (const auto& f : report.findings) {
            if (f.severity != sev) continue;
            out += fmt::format("<section class=\"f {}\"><h3>{}: {} <small>[{}]</small></h3>", core::to_string(sev),
                               core::to_string(sev), escape(f.title), escape(f.check_id));
            if (!f.location.file.empty()) out += "<p><b>Where:</b> " + escape(f.location.to_string()) + "</p>";
            out += "<p><b>What:</b></p><pre>" + escape(f.message) + "</pre>";
            out += "<p><b>Why here:</b></p><pre>" + escape(f.exposure) + "</pre>";
            out += "<p><b>Fix:</b></p><pre>" + escape(f.remedy) + "</pre></section>\n";
        }
    }
    if (report.findings.empty()) out += "<p>No findings.</p>\n";
    if (!report.problems.empty()) {
        out += "<h2>Problems in the input</h2><pre>";
        for (const auto& p : report.problems) out += escape(p) + "\n";
        out += "</pre>\n";
    }
    return out + "</body></html>\n";
}

}  // namespace sipwarden::report
