#pragma once
// `--overwrite` of `run` and `compare`: the results database of a folder removed, so that a
// changed scenario can be run again into the same folder. Only a policysim results database is
// ever removed, and only while its folder's lock is held, so no writer loses a run it is storing.

#include <filesystem>
#include <string>

namespace policysim::store {

/// Removes `database` and its -wal, -shm and -journal files, after checking, under the lock of
/// its folder, that it is a policysim results database (or one whose making was cut short before
/// it held anything: never_written). Everything else in the folder (reports,
/// CSV exports, inputs/) is left as it is. Returns a line saying what was removed, or "" when
/// there was no database. Throws StoreError (73, cannot create output) when the file is not a
/// policysim results database or another process holds the folder, with nothing removed.
std::string remove_results_database(const std::filesystem::path& database);

}  // namespace policysim::store
