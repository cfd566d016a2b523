// sqla: engine/result.cpp. Result fetching, Row access and the one/first/scalar family.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;

namespace sqla {

std::optional<std::size_t> ResultMetadata::index_of(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == name) return i;
    return std::nullopt;
}

std::size_t ResultMetadata::require(std::string_view name) const {
    if (auto i = index_of(name)) return *i;
    std::string known;
    for (const auto& k : keys_) known += (known.empty() ? "" : ", ") + k;
    throw NoSuchColumnError("no column named \"" + std::string(name) + "\" in this row; columns are: " +
                            (known.empty() ? std::string("(none)") : known));
}

namespace {
// How messages name an expression: `users.id`, a label's name, or its kind.
std::string describe(const ColumnElementNode& node) {
    if (node.kind() == ElementKind::column) {
        const auto& column = static_cast<const ColumnClauseNode&>(node);
        return column.table() ? column.table()->description() + "." + column.name() : column.name();
    }
    if (auto name = node.result_name()) return std::string(*name);
    return "(an unnamed expression)";
}
}  // namespace

std::optional<std::size_t> ResultMetadata::index_of(const ColumnElement& column) const {
    if (!targets_) return std::nullopt;
    const auto found = targets_->index.find(expression_key(column.node()));
    if (found == targets_->index.end()) return std::nullopt;
    if (found->second == detail::ResultTargets::ambiguous)
        throw InvalidRequestError("ambiguous column " + describe(column.node()) +
                                  ": more than one column of the result is that expression; label them apart");
    return found->second;
}

std::size_t ResultMetadata::require(const ColumnElement& column) const {
    if (auto i = index_of(column)) return *i;
    if (!targets_)
        throw NoSuchColumnError("could not locate column " + describe(column.node()) +
                                " in the row: the result has no statement expressions (textual SQL); read it by name");
    std::string known;
    for (const auto& k : keys_) known += (known.empty() ? "" : ", ") + k;
    throw NoSuchColumnError("could not locate column " + describe(column.node()) +
                            " in the row: the statement did not select it (a column of an alias or subquery is "
                            "that alias's column, not its table's); columns are: " +
                            (known.empty() ? std::string("(none)") : known));
}

// ---- Row ----------------------------------------------------------------------------------

std::size_t Row::require(const ColumnElement& column) const {
    if (!metadata_) throw NoSuchColumnError("could not locate column " + describe(column.node()) + ": the row has no columns");
    return metadata_->require(column);
}

void Row::throw_index(std::size_t index) const {
    throw NoSuchColumnError("column index " + std::to_string(index) + " is out of range: the row has " +
                            std::to_string(values_.size()) + " columns");
}

const Value& Row::at(std::string_view name) const {
    if (!metadata_) throw NoSuchColumnError("no column named \"" + std::string(name) + "\": the row has no columns");
    return values_[metadata_->require(name)];
}

const std::vector<std::string>& Row::keys() const noexcept {
    static const std::vector<std::string> none;
    return metadata_ ? metadata_->keys() : none;
}

void Row::rethrow_for_column(std::size_t index, const TypeError& e) const {
    std::string column = metadata_ && index < metadata_->keys().size() ? "\"" + metadata_->keys()[index] + "\" " : "";
    throw TypeError("column " + column + "(index " + std::to_string(index) + "): " + e.what());
}

bool RowMapping::contains(std::string_view key) const noexcept {
    for (const auto& k : row_.keys())
        if (k == key) return true;
    return false;
}

// ---- Result -------------------------------------------------------------------------------

Result::Result(std::shared_ptr<detail::ConnectionState> connection, std::shared_ptr<Cursor> cursor,
               std::shared_ptr<const detail::ResultProcessing> processing)
    : connection_(std::move(connection)), cursor_(std::move(cursor)) {
    auto columns = cursor_->columns();
    if (columns.empty()) {
        // No rows to read: take what the cursor knows and release it now.
        rowcount_ = cursor_->rowcount();
        lastrowid_ = cursor_->lastrowid();
        cursor_->close();
        cursor_.reset();
        return;
    }
    // Processors follow the compiled statement's columns; textual SQL may return others.
    if (processing && processing->columns == columns.size()) processing_ = std::move(processing);
    if (processing_) {
        // The names are those of the previous execution of the statement, almost always.
        auto known = processing_->known_metadata();
        if (known && std::ranges::equal(known->keys(), columns, {}, {}, &ColumnInfo::name)) metadata_ = std::move(known);
    }
    if (!metadata_) {
        std::vector<std::string> keys;
        keys.reserve(columns.size());
        for (const auto& c : columns) keys.push_back(c.name);
        metadata_ = std::make_shared<const ResultMetadata>(std::move(keys),
                                                           processing_ ? processing_->targets : nullptr);
        if (processing_) processing_->remember_metadata(metadata_);
    }
    current_ = Row(metadata_, std::vector<Value>(columns.size()));
    rowcount_ = cursor_->rowcount();
}

Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        close();
        connection_ = std::move(other.connection_);
        cursor_ = std::move(other.cursor_);
        metadata_ = std::move(other.metadata_);
        processing_ = std::move(other.processing_);
        current_ = std::move(other.current_);
        rowcount_ = other.rowcount_;
        lastrowid_ = other.lastrowid_;
        inserted_primary_key_ = std::move(other.inserted_primary_key_);
        insert_state_ = other.insert_state_;
        started_ = other.started_;
        hard_closed_ = other.hard_closed_;
        yield_per_ = other.yield_per_;
    }
    return *this;
}

Result::~Result() { close(); }

Result Result::from_rowcount(std::int64_t rowcount) {
    Result r;
    r.rowcount_ = rowcount;
    return r;
}

void Result::close() noexcept {
    hard_closed_ = metadata_ != nullptr;
    soft_close();
}

void Result::soft_close() noexcept {
    if (cursor_) {
        cursor_->close();
        cursor_.reset();
    }
}

void Result::throw_no_row_for_scalar() {
    throw NoResultFound(
        "scalar(): the statement returned no rows; read it as scalar<std::optional<T>>() or "
        "scalar_one_or_none<T>() where no row is expected");
}

void Result::check_open() const {
    if (!metadata_)
        throw ResourceClosedError("this result does not return rows; it was a statement without RETURNING");
    if (!cursor_) throw ResourceClosedError("this result object is closed");
    if (connection_ && connection_->closed)
        throw ResourceClosedError("this result's connection was closed, which closed the result");
}

bool Result::advance() {
    check_open();
    // A result reads through its connection's driver connection: not while another thread is
    // inside a call on that connection (checked with one load per row).
    if (connection_) connection_->claim.check();
    bool more;
    try {
        more = cursor_->fetch();
    } catch (const DriverError& e) {
        throw DatabaseError(std::string("error while fetching rows: ") + e.what(), {}, {}, e.sqlstate(), e.native_code(),
                            e.what(), false);
    }
    if (!more) {
        soft_close();
        return false;
    }
    auto values = current_.mutable_values();
    cursor_->read_row(values);
    if (processing_)
        for (const auto& [index, process] : processing_->processors) process(values[index]);
    return true;
}

bool Result::exhausted() const {
    if (!metadata_) check_open();
    if (cursor_) return false;
    if (hard_closed_) throw ResourceClosedError("this result object is closed");
    return true;
}

Result::Iterator Result::begin() {
    if (exhausted()) return Iterator();  // nothing more to iterate
    return advance() ? Iterator(this) : Iterator();
}

std::optional<Row> Result::fetchone() {
    if (exhausted()) return std::nullopt;
    if (!advance()) return std::nullopt;
    return current_;
}

std::vector<Row> Result::fetchmany(std::size_t n) {
    std::vector<Row> rows;
    while (rows.size() < n) {
        auto row = fetchone();
        if (!row) break;
        rows.push_back(std::move(*row));
    }
    return rows;
}

std::vector<Row> Result::all() {
    std::vector<Row> rows;
    if (exhausted()) return rows;
    while (advance()) rows.push_back(current_);
    return rows;
}

PartitionResult Result::partitions(std::size_t size) {
    if (size == 0) size = yield_per_ ? yield_per_ : 100;
    return PartitionResult(std::move(*this), size);
}

bool PartitionResult::next() {
    current_ = result_.fetchmany(size_);
    return !current_.empty();
}

std::optional<Row> Result::first() {
    auto row = fetchone();
    close();
    return row;
}

std::optional<Row> Result::one_or_none() {
    auto row = fetchone();
    if (row && cursor_ && advance()) {
        close();
        throw MultipleResultsFound("multiple rows were found when one or none was required");
    }
    close();
    return row;
}

Row Result::one() {
    auto row = fetchone();
    if (!row) {
        close();
        throw NoResultFound("no row was found when one was required");
    }
    if (cursor_ && advance()) {
        close();
        throw MultipleResultsFound("multiple rows were found when exactly one was required");
    }
    close();
    return std::move(*row);
}

MappingResult Result::mappings() { return MappingResult(std::move(*this)); }

const std::vector<Value>& Result::inserted_primary_key() const {
    switch (insert_state_) {
        case InsertState::single: return inserted_primary_key_;
        case InsertState::not_insert:
            throw InvalidRequestError("inserted_primary_key: this statement is not an insert() expression construct");
        case InsertState::executemany:
            throw InvalidRequestError(
                "inserted_primary_key: this statement was an executemany call; it inserted a row per parameter set");
        case InsertState::multivalues:
            throw InvalidRequestError(
                "inserted_primary_key: this statement was a multi-row VALUES insert; it inserted several rows");
        case InsertState::returning:
            throw InvalidRequestError("inserted_primary_key: can't call inserted_primary_key when returning() is used");
    }
    throw InvalidRequestError("inserted_primary_key: not available for this statement");
}

std::vector<std::string> Result::keys() const { return metadata_ ? metadata_->keys() : std::vector<std::string>{}; }

std::size_t Result::index_of(const ColumnElement& column) const {
    if (!metadata_)
        throw NoSuchColumnError("could not locate column " + describe(column.node()) + ": the result returns no rows");
    return metadata_->require(column);
}

std::vector<RowMapping> MappingResult::all() {
    std::vector<RowMapping> out;
    for (auto& row : result_.all()) out.emplace_back(std::move(row));
    return out;
}

std::optional<RowMapping> MappingResult::first() {
    auto row = result_.first();
    if (!row) return std::nullopt;
    return RowMapping(std::move(*row));
}

RowMapping MappingResult::one() { return RowMapping(result_.one()); }

std::optional<RowMapping> MappingResult::fetchone() {
    auto row = result_.fetchone();
    if (!row) return std::nullopt;
    return RowMapping(std::move(*row));
}

}  // namespace sqla
