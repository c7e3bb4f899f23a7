#include "sim/store/sqlite_db.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "sim/core/temporary_folder.hpp"
#include "sim/store/store_error.hpp"

using policysim::core::TemporaryFolder;
using policysim::store::StoreError;
using policysim::store::sqlite::Database;
using policysim::store::sqlite::Statement;

TEST_CASE("a full database says so, keeps what it held, and exits 74", "[store][sqlite]") {
  const TemporaryFolder dir("sqlite-full");
  const auto path = dir / "results.sqlite";
  {
    Database db(path, Database::Mode::read_write_create);
    db.exec("CREATE TABLE t(x BLOB)");
    db.exec("INSERT INTO t VALUES (zeroblob(100))");
    // SQLite reports a database at its page limit as it does a full disk (SQLITE_FULL).
    db.exec("PRAGMA max_page_count = 4");
    try {
      db.exec("INSERT INTO t VALUES (zeroblob(100000))");
      FAIL("a write beyond the page limit was accepted");
    } catch (const StoreError& error) {
      const std::string message = error.what();
      CHECK(error.exit_code() == StoreError::io_error);
      CHECK_THAT(message,
                 Catch::Contains("cannot write " + path.string() + ": the disk is full (") &&
                     Catch::Contains("MiB free there)") &&
                     Catch::Contains("What was stored before is kept"));
    }
  }
  Database db(path, Database::Mode::read_only);
  auto rows = db.prepare("SELECT count(*) FROM t");
  REQUIRE(rows.step());
  CHECK(rows.column_int64(0) == 1);
}

TEST_CASE("a row inserter writes every row once, in batches and one by one", "[store][sqlite]") {
  const TemporaryFolder dir("sqlite-rows");
  Database db(dir / "rows.sqlite", Database::Mode::read_write_create);
  db.exec("CREATE TABLE t(k INTEGER, x REAL)");
  policysim::store::sqlite::RowInserter insert(db, "INSERT INTO t(k, x)", 2, 4);
  // Around the batch of 4: none, fewer, exactly one batch, a batch and one, several and a few.
  for (const std::size_t rows : {0, 3, 4, 5, 14}) {
    CAPTURE(rows);
    db.exec("DELETE FROM t");
    insert.insert(rows, [](Statement& statement, int first, std::size_t row) {
      statement.bind(first, static_cast<std::int64_t>(row));
      statement.bind(first + 1, 0.5 * static_cast<double>(row));
    });
    auto read = db.prepare("SELECT k, x FROM t ORDER BY rowid");
    std::size_t expected = 0;
    while (read.step()) {
      CHECK(read.column_int64(0) == static_cast<std::int64_t>(expected));
      CHECK(read.column_double(1) == 0.5 * static_cast<double>(expected));
      ++expected;
    }
    CHECK(expected == rows);
  }
}
