// libcurl, opened with dlopen the first time an LLM client is created. The client is the only
// part of Refinery that speaks HTTP; linked, libcurl made every command load it and the ~30
// libraries it pulls in (TLS, LDAP, Kerberos, SSH, RTMP, ...) at each start: about 20 ms of CPU
// before `refinery detect` read a byte, twice what loading the other 45 libraries costs.
#pragma once

#include <curl/curl.h>

#include "refinery/core/status.h"

namespace refinery::llm {

// The libcurl functions the client calls, as libcurl declares them.
struct CurlLibrary {
  decltype(&curl_global_init) global_init;
  decltype(&curl_easy_init) easy_init;
  decltype(&curl_easy_reset) easy_reset;
  decltype(&curl_easy_cleanup) easy_cleanup;
  decltype(&curl_easy_setopt) easy_setopt;
  decltype(&curl_easy_getinfo) easy_getinfo;
  decltype(&curl_easy_perform) easy_perform;
  decltype(&curl_easy_strerror) easy_strerror;
  decltype(&curl_multi_init) multi_init;
  decltype(&curl_multi_cleanup) multi_cleanup;
  decltype(&curl_multi_setopt) multi_setopt;
  decltype(&curl_multi_add_handle) multi_add_handle;
  decltype(&curl_multi_remove_handle) multi_remove_handle;
  decltype(&curl_multi_socket_action) multi_socket_action;
  decltype(&curl_multi_info_read) multi_info_read;
  decltype(&curl_slist_append) slist_append;
  decltype(&curl_slist_free_all) slist_free_all;
};

// libcurl.so.4, opened and initialised (curl_global_init) once per process and kept open; an
// error names the library or the function that is missing. Thread-safe.
StatusOr<const CurlLibrary*> LoadCurl();

}  // namespace refinery::llm
