// sqla: tests/fuzz/url_fuzz.cpp. make_url() on any text: it parses or throws ArgumentError;
// what it parses prints back (render) to text that parses to the same URL, and printing hides
// the password.
// SPDX-License-Identifier: MIT
#include "fuzz_check.hpp"

#include <optional>
#include <string>

import sqla;

using sqla_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = sqla_fuzz::as_text(data, size);
    std::optional<sqla::URL> url;
    try {
        url = sqla::make_url(text);
    } catch (const sqla::ArgumentError&) {
        return 0;  // any other exception escapes, and libFuzzer reports it
    }
    // A database name is not percent-decoded (as in SQLAlchemy), so render() cannot escape an
    // '@' in it, and after a port make_url reads "host:port/d@b" as user "host", password
    // "port/d" (SQLAlchemy's pattern does the same): such URLs do not print back.
    if (url->database() && url->database()->find('@') != std::string::npos) return 0;
    const std::string shown = url->render(false);
    std::optional<sqla::URL> again;
    try {
        again = sqla::make_url(shown);
    } catch (const sqla::ArgumentError& e) {
        sqla_fuzz::fail("render(false) of a parsed URL parses", shown + " -> " + e.what());
    }
    check(*again == *url, "render(false) parses back to the same URL", shown);
    check(again->render(false) == shown, "render(false) is stable", shown);

    if (url->password()) {
        const auto hidden = sqla::make_url(url->render());
        check(hidden.password() == "***", "render() shows the password as ***", url->render());
        check(hidden == url->set({.password = "***"}), "render() changes nothing but the password", url->render());
    } else {
        check(url->render() == shown, "render() of a URL without a password shows all of it", shown);
    }
    return 0;
}
