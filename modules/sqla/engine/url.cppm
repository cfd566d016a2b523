// sqla: engine/url.cppm. URL and make_url: SQLAlchemy's database URL grammar.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

export module sqla:engine.url;
import :errors.error;

export namespace sqla {

/// A database URL, `dialect[+driver]://[user[:password]@][host][:port][/database][?query]`,
/// as an immutable value. User and password are held percent-decoded; query keys may repeat.
///
/// Printing a URL (`render()`, `operator<<`) shows `***` for the password unless asked not to.
class SQLA_EXPORT URL {
public:
    /// Query keys in sorted order, each with every value given for it, in order.
    using Query = std::map<std::string, std::vector<std::string>, std::less<>>;

    /// The components of a URL; used to build one and by `set()` to change some.
    struct Parts {
        std::string drivername{};
        std::optional<std::string> username{};
        std::optional<std::string> password{};
        std::optional<std::string> host{};
        std::optional<std::uint16_t> port{};
        std::optional<std::string> database{};
        Query query{};
    };

    /// Fields to replace in `set()`; those left empty keep their value.
    struct Changes {
        std::optional<std::string> drivername{};
        std::optional<std::string> username{};
        std::optional<std::string> password{};
        std::optional<std::string> host{};
        std::optional<std::uint16_t> port{};
        std::optional<std::string> database{};
        std::optional<Query> query{};
    };

    /// Builds a URL from its parts. Throws `ArgumentError` when the drivername is not
    /// `name` or `name+driver` made of letters, digits and underscores.
    explicit URL(Parts parts);

    /// "postgresql+libpq", exactly as given.
    [[nodiscard]] const std::string& drivername() const noexcept { return p_.drivername; }
    /// The dialect's name: "postgresql" for "postgresql+libpq".
    [[nodiscard]] std::string_view backend_name() const noexcept;
    /// The driver's name, or empty when the URL names none (the dialect's default applies).
    [[nodiscard]] std::string_view driver_name() const noexcept;
    [[nodiscard]] const std::optional<std::string>& username() const noexcept { return p_.username; }
    [[nodiscard]] const std::optional<std::string>& password() const noexcept { return p_.password; }
    [[nodiscard]] const std::optional<std::string>& host() const noexcept { return p_.host; }
    [[nodiscard]] std::optional<std::uint16_t> port() const noexcept { return p_.port; }
    [[nodiscard]] const std::optional<std::string>& database() const noexcept { return p_.database; }
    [[nodiscard]] const Query& query() const noexcept { return p_.query; }
    /// The last value given for `key`, if any.
    [[nodiscard]] std::optional<std::string_view> query_value(std::string_view key) const;
    /// Every value given for `key`, in order (empty when none).
    [[nodiscard]] const std::vector<std::string>& query_values(std::string_view key) const;

    /// A copy with the given fields replaced (SQLAlchemy's `URL.set()`).
    [[nodiscard]] URL set(Changes changes) const;
    /// A copy with `key=value` added to the query; `append` keeps earlier values of `key`.
    [[nodiscard]] URL update_query(std::string_view key, std::string value, bool append = false) const;
    /// A copy without the given query keys.
    [[nodiscard]] URL difference_update_query(const std::vector<std::string>& keys) const;

    /// The URL as a string, with user and password percent-encoded where needed and the
    /// password replaced by `***` when `hide_password` is true.
    [[nodiscard]] std::string render(bool hide_password = true) const;

    friend SQLA_EXPORT bool operator==(const URL& a, const URL& b);

private:
    Parts p_;
};

/// Prints `url.render()`: the password is always hidden.
SQLA_EXPORT std::ostream& operator<<(std::ostream& out, const URL& url);

/// Parses a URL string. Throws `ArgumentError` naming what is wrong (no `://`, a bad
/// drivername, a bad port, an unclosed IPv6 bracket); the message never contains the password.
[[nodiscard]] SQLA_EXPORT URL make_url(std::string_view text);

}  // namespace sqla
