// sqla: plugins/mysql/mysql_values.hpp. Column values from the text the MySQL C API gives.
// SPDX-License-Identifier: MIT
//
// Include after <mysql.h>, the std headers and `import sqla;`.
#pragma once

namespace sqla::mysql {

/// What a result column holds and how it is read.
struct ColumnType {
    enum_field_types type = MYSQL_TYPE_NULL;
    bool is_unsigned = false;
    bool binary = false;  // binary charset (63): bytes, not text
};

/// An unsigned BIGINT: an integer, or an exact Decimal beyond int64's range.
void set_unsigned(std::uint64_t u, Value& out);
/// BIT(n), which arrives as big-endian bytes, as the number.
void set_bits(std::string_view bytes, Value& out);
/// "[-]HHH:MM:SS[.ffffff]": a TIME as an interval; nullopt for other text.
std::optional<std::chrono::microseconds> parse_mysql_time(std::string_view s) noexcept;
/// A column value in the text protocol's form (and the binary protocol's strings, decimals and
/// bits). Text a type's reader does not take (zero dates "0000-00-00") reads as text.
void read_text(const ColumnType& c, std::string_view s, Value& out);

}  // namespace sqla::mysql
