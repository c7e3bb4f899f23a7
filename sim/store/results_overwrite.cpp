#include "sim/store/results_overwrite.hpp"

#include <system_error>

#include "sim/store/folder_lock.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::store {

std::string remove_results_database(const std::filesystem::path& database) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(database, error)) return {};
  const fs::path folder = database.has_parent_path() ? database.parent_path() : ".";
  // Held while the files go: a writer in another process either holds it (and this throws) or
  // cannot take it until they are gone.
  const FolderLock lock = FolderLock::acquire(folder);
  std::string scenario;
  try {
    if (!never_written(database)) {
      scenario = read_manifest(database).value("scenario_name", std::string());
    }
  } catch (const StoreError& e) {
    throw StoreError(database.string() + " is not a policysim results database (" + e.what() +
                         "), so --overwrite leaves it alone; give another directory with -o DIR",
                     StoreError::cannot_create_output);
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::path file = database;
    file += suffix;
    fs::remove(file, error);
    if (error) {
      throw StoreError("--overwrite cannot remove " + file.string() + ": " + error.message(),
                       StoreError::cannot_create_output);
    }
  }
  return "--overwrite: removed the earlier results " + database.string() +
         (scenario.empty() ? "" : " (scenario '" + scenario + "')");
}

}  // namespace policysim::store
