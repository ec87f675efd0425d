#include "refinery/core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace refinery {
namespace {

size_t PageSize() {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

}  // namespace

StatusOr<std::shared_ptr<const MappedFile>> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::NotFoundError(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    return absl::FailedPreconditionError(path + ": not a non-empty regular file");
  }
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->size_ = static_cast<uint64_t>(st.st_size);
  const size_t page = PageSize();
  file->mapped_ = (file->size_ + page - 1) / page * page + page;
  // Reserve the whole range as zero pages, then map the file over its start: the page after
  // the file's last one stays a readable zero page.
  void* base =
      ::mmap(nullptr, file->mapped_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) {
    ::close(fd);
    return absl::ResourceExhaustedError(path + ": cannot map: " + std::strerror(errno));
  }
  // A file of up to kPopulateBytes gets its page-table entries at once (for the pages in the
  // page cache): reading it page by page took a fault per 64 KiB, each ~15 us on a VM. Larger
  // files are read by faults, as their reader releases what it has passed (Release).
  constexpr uint64_t kPopulateBytes = uint64_t{64} << 20;
  const int populate = file->size_ <= kPopulateBytes ? MAP_POPULATE : 0;
  void* mapped = ::mmap(base, file->size_, PROT_READ, MAP_SHARED | MAP_FIXED | populate, fd, 0);
  int mmap_errno = errno;
  ::close(fd);
  if (mapped == MAP_FAILED) {
    ::munmap(base, file->mapped_);
    return absl::ResourceExhaustedError(path + ": cannot map: " + std::strerror(mmap_errno));
  }
  file->data_ = static_cast<char*>(base);
  ::madvise(file->data_, file->size_, MADV_SEQUENTIAL);
  return std::shared_ptr<const MappedFile>(std::move(file));
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, mapped_);
}

void MappedFile::Release(uint64_t begin, uint64_t end) const {
  const size_t page = PageSize();
  begin = (begin + page - 1) / page * page;
  end = std::min(end, size_) / page * page;
  if (end > begin) ::madvise(data_ + begin, end - begin, MADV_DONTNEED);
}

}  // namespace refinery
