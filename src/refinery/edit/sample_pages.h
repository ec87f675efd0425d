// A seeded generator of web-like article pages with boilerplate (navigation, cookie banners,
// share buttons, newsletter boxes, related links, footers, inline "Read more" tails) and the
// gold edit program that removes exactly that boilerplate. About 30% of the documents are other
// genres (source code, server logs, chats, forum posts, lists) whose gold program keeps every
// line, so a model trained on them learns not to cut terse content. Used to train and evaluate
// the refine model (`refinery train refiner --synthetic N --seed S`), in tests and benchmarks.
// Same seed, same pages, on every platform (own PRNG, no std distributions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace refinery::edit {

struct SamplePage {
  std::string id;
  std::string text;
  std::string program;  // gold: remove_lines(...) / remove_str(...) statements, one per line
};

std::vector<SamplePage> GenerateSamplePages(uint64_t seed, size_t count);

}  // namespace refinery::edit
