// sqla: tests/corpus/corpus_dml_cases.hpp. The corpus's INSERT, UPDATE and DELETE cases, built with
// sqla's API (kept apart from corpus_cases_test.cpp's SELECT builders). Include after `import sqla;`.
// SPDX-License-Identifier: MIT
#pragma once
#include <functional>
#include <map>
#include <string>

namespace sqla::corpus {

/// The corpus schema's table of this name.
using TableLookup = std::function<const sqla::Table&(const std::string&)>;
/// Builds one case's statement.
using DMLBuilder = std::function<sqla::Executable(const TableLookup&)>;

/// Adds a builder per dml.insert / dml.update / dml.delete case sqla can express.
void dml_builders(std::map<std::string, DMLBuilder>& out);
/// Adds a builder per ddl.* case (corpus_ddl_cases.cpp).
void ddl_builders(std::map<std::string, DMLBuilder>& out);

}  // namespace sqla::corpus
