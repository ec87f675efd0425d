// What the LLM client tests share: a client config for a TestServer with fast backoff, a
// disabled cache, and a chat request holding one document.
#pragma once

#include <string>

#include "../../llm_server/test_server_process.h"
#include "refinery/llm/client.h"

namespace refinery::testing {

inline LlmEndpointConfig Config(const TestServer& s) {
  LlmEndpointConfig c;
  c.base_urls = {s.url()};
  c.model = "test-model";
  c.backoff_initial_s = 0.01;
  c.backoff_max_s = 0.05;
  c.first_byte_timeout_s = 5;
  c.total_timeout_s = 10;
  return c;
}

inline CacheOptions NoCache() {
  CacheOptions o;
  o.enabled = false;
  return o;
}

inline ChatRequest Doc(const std::string& text) {
  ChatRequest r;
  r.messages = {{"system", "Rewrite."}, {"user", "Task.\n<document>\n" + text + "\n</document>"}};
  r.sampling["temperature"] = 0;
  return r;
}

}  // namespace refinery::testing
