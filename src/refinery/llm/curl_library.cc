#include "refinery/llm/curl_library.h"

#include <dlfcn.h>

#include <string>
#include <type_traits>

namespace refinery::llm {

namespace {

// The soname of libcurl's ABI 4 (Debian's libcurl4 and libcurl3-gnutls ship it; the
// unversioned libcurl.so is the -dev package's alone).
constexpr char kSoname[] = "libcurl.so.4";

StatusOr<CurlLibrary> Open() {
  void* handle = dlopen(kSoname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return absl::FailedPreconditionError(
        std::string("llm: cannot load ") + kSoname +
        " (install libcurl4): " + (why != nullptr ? why : "unknown error"));
  }
  CurlLibrary lib{};
  Status missing = absl::OkStatus();
  auto bind = [&](auto& fn, const char* name) {
    void* p = dlsym(handle, name);
    if (p == nullptr && missing.ok()) {
      missing = absl::FailedPreconditionError(std::string("llm: ") + kSoname + " has no " + name);
    }
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(p);
  };
  bind(lib.global_init, "curl_global_init");
  bind(lib.easy_init, "curl_easy_init");
  bind(lib.easy_reset, "curl_easy_reset");
  bind(lib.easy_cleanup, "curl_easy_cleanup");
  bind(lib.easy_setopt, "curl_easy_setopt");
  bind(lib.easy_getinfo, "curl_easy_getinfo");
  bind(lib.easy_perform, "curl_easy_perform");
  bind(lib.easy_strerror, "curl_easy_strerror");
  bind(lib.multi_init, "curl_multi_init");
  bind(lib.multi_cleanup, "curl_multi_cleanup");
  bind(lib.multi_setopt, "curl_multi_setopt");
  bind(lib.multi_add_handle, "curl_multi_add_handle");
  bind(lib.multi_remove_handle, "curl_multi_remove_handle");
  bind(lib.multi_socket_action, "curl_multi_socket_action");
  bind(lib.multi_info_read, "curl_multi_info_read");
  bind(lib.slist_append, "curl_slist_append");
  bind(lib.slist_free_all, "curl_slist_free_all");
  if (!missing.ok()) {
    dlclose(handle);
    return missing;
  }
  const CURLcode init = lib.global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) {
    return absl::InternalError(std::string("llm: curl_global_init failed: ") +
                               lib.easy_strerror(init));
  }
  return lib;
}

}  // namespace

StatusOr<const CurlLibrary*> LoadCurl() {
  // Opened once; the library stays loaded for the process's lifetime (libcurl must not be
  // unloaded while handles may exist, and curl_global_cleanup is not thread-safe).
  static const StatusOr<CurlLibrary> lib = Open();
  if (!lib.ok()) return lib.status();
  return &*lib;
}

}  // namespace refinery::llm
