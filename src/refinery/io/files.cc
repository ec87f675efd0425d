#include "refinery/io/files.h"

#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "refinery/io/run_layout.h"

namespace refinery {
namespace {

namespace fs = std::filesystem;

bool IsRecordFileName(const std::string& name) {
  for (const char* ext : {".jsonl", ".jsonl.gz", ".jsonl.zst", ".jsonl.zstd", ".parquet"}) {
    size_t n = std::strlen(ext);
    if (name.size() >= n && name.compare(name.size() - n, n, ext) == 0) return true;
  }
  return false;
}

bool HasGlobChars(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

StatusOr<InputFile> StatInput(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(path + ": cannot open input: " + std::strerror(errno));
  }
  if (::access(path.c_str(), R_OK) != 0) {
    return absl::PermissionDeniedError(path + ": cannot read input: " + std::strerror(errno));
  }
  InputFile f;
  f.path = path;
  f.size = static_cast<uint64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  f.compression = CompressionFromPath(path);
  return f;
}

}  // namespace

StatusOr<std::vector<InputFile>> ResolveInputs(const std::vector<std::string>& specs) {
  if (specs.empty()) return absl::InvalidArgumentError("no input given");
  std::vector<std::string> paths;
  for (const std::string& spec : specs) {
    if (spec == "-") {
      if (specs.size() > 1) return absl::InvalidArgumentError("'-' (stdin) must be the only input");
      InputFile f;
      f.path = "-";
      return std::vector<InputFile>{f};
    }
    std::error_code ec;
    if (fs::is_directory(spec, ec)) {
      // A Refinery run directory (it has run.json) holds records only in its part files;
      // rejects.jsonl, audit.jsonl and the like are side outputs, not records.
      const bool run_directory = fs::exists(fs::path(spec) / kRunInfoFileName, ec);
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(spec, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (run_directory && name.rfind(kPartPrefix, 0) != 0) continue;
        if (it->is_regular_file() && IsRecordFileName(name)) found.push_back(it->path().string());
      }
      if (ec) return absl::NotFoundError(spec + ": cannot list directory: " + ec.message());
      if (found.empty()) {
        return absl::NotFoundError(
            spec + ": directory holds no .jsonl, .jsonl.gz, .jsonl.zst or .parquet files");
      }
      paths.insert(paths.end(), found.begin(), found.end());
    } else if (HasGlobChars(spec) && !fs::exists(spec, ec)) {
      glob_t g;
      int rc = ::glob(spec.c_str(), 0, nullptr, &g);
      if (rc == GLOB_NOMATCH) return absl::NotFoundError(spec + ": no file matches this pattern");
      if (rc != 0) return absl::NotFoundError(spec + ": cannot expand pattern");
      for (size_t i = 0; i < g.gl_pathc; ++i) {
        if (!fs::is_directory(g.gl_pathv[i], ec)) paths.emplace_back(g.gl_pathv[i]);
      }
      ::globfree(&g);
    } else {
      paths.push_back(spec);
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(InputFile f, StatInput(path));
    files.push_back(std::move(f));
  }
  return files;
}

Status WriteFileAtomic(const std::string& path, std::string_view content) {
  // Per-process temporary name: shards of one run (Slurm array tasks) write run.json at once.
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return absl::UnavailableError(tmp + ": cannot create: " + std::strerror(errno));
  while (!content.empty()) {
    ssize_t w = ::write(fd, content.data(), content.size());
    if (w < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return absl::UnavailableError(tmp + ": write failed: " + std::strerror(errno));
    }
    content.remove_prefix(static_cast<size_t>(w));
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return absl::UnavailableError(tmp + ": fsync failed: " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(path + ": rename failed: " + std::strerror(errno));
  }
  return absl::OkStatus();
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(path + ": cannot open: " + std::strerror(errno));
  // A regular file is read in one call into a string of its size: streaming it through an
  // ostringstream grew and copied a 4.5 MB model file several times at every start. What the
  // size did not announce (a pipe, a /proc file, a file that grew) is streamed after it.
  std::string out;
  std::error_code ec;
  const uintmax_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (!ec && size > 0) {
    out.resize(size);
    in.read(out.data(), static_cast<std::streamsize>(size));
    out.resize(static_cast<size_t>(in.gcount()));
  }
  if (in) {
    std::ostringstream rest;
    rest << in.rdbuf();
    out += rest.str();
  }
  return out;
}

StatusOr<std::string> ReadFileDecompressed(const std::string& path) {
  const Compression compression = CompressionFromPath(path);
  if (compression == Compression::kNone) return ReadFile(path);
  ASSIGN_OR_RETURN(auto source, OpenByteSource(path, compression));
  std::string out;
  char buf[1 << 16];
  while (true) {
    ASSIGN_OR_RETURN(size_t n, source->Read(buf, sizeof(buf)));
    if (n == 0) return out;
    out.append(buf, n);
  }
}

StatusOr<Json> ReadJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string message = path + ": " + std::strerror(errno);
    return errno == ENOENT ? absl::NotFoundError(message) : absl::InternalError(message);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  Json value = Json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return absl::DataLossError(path + ": not valid JSON");
  return value;
}

Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return absl::UnavailableError(dir + ": cannot open directory: " + std::strerror(errno));
  ::fsync(fd);
  ::close(fd);
  return absl::OkStatus();
}

}  // namespace refinery
