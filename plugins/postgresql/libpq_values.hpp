// sqla: plugins/postgresql/libpq_values.hpp. Values to and from PostgreSQL's text format, by type OID.
// SPDX-License-Identifier: MIT
//
// Include after <libpq-fe.h>, the std headers and `import sqla;`.
#pragma once

namespace sqla::postgresql {

// Built-in type OIDs (PostgreSQL's pg_type.dat); stable across versions.
namespace oid {
inline constexpr Oid boolean = 16, bytea = 17, name = 19, int8 = 20, int2 = 21, int4 = 23, text = 25, oid = 26,
                     json = 114, float4 = 700, float8 = 701, unknown = 0, bpchar = 1042, varchar = 1043,
                     date = 1082, time = 1083, timestamp = 1114, timestamptz = 1184, interval = 1186,
                     numeric = 1700, uuid = 2950, jsonb = 3802;
}

/// The type a parameter is declared with (0: let the server infer it from context, as for text,
/// so a string can go into a date, an enum or a JSONB column).
Oid param_type(const Value& value) noexcept;
/// Whether the value is sent in binary format (bytea: no escaping).
bool param_binary(const Value& value) noexcept;
/// The text PostgreSQL reads for `value` (not for NULL, text or bytea, which are sent as they are).
/// Throws ArgumentError for what PostgreSQL cannot hold.
std::string param_text(const Value& value);

/// Reads a column value of type `type` in text format into `out`. Types without a C++ value of
/// their own (enums, arrays, ranges, money...) read as their text.
void read_value(Oid type, std::string_view text, Value& out);

/// Whether a column of type `type` can be read in binary format (read_binary_value knows it).
bool binary_readable(Oid type) noexcept;
/// Whether binary format saves work for a column of type `type`: its text form is costly to
/// parse (timestamps, dates, intervals, UUIDs) or twice its size (bytea's hex).
bool binary_pays(Oid type) noexcept;
/// Reads a column value of type `type` in binary format (network byte order) into `out`.
/// Throws DriverError for bytes that are not a value of the type.
void read_binary_value(Oid type, std::string_view bytes, Value& out);

/// The name of a built-in type, for ColumnInfo ("int4", "text"...); empty for others.
std::string_view type_name(Oid type) noexcept;

/// An interval as PostgreSQL prints it in its default IntervalStyle ("postgres"):
/// "1 year 2 mons -3 days +04:05:06.5". A month counts 30 days and a year 365.25 days, as
/// PostgreSQL's own EXTRACT(EPOCH FROM interval) does. nullopt for other text.
std::optional<std::chrono::microseconds> parse_postgres_interval(std::string_view text) noexcept;

}  // namespace sqla::postgresql
