// The document genres of the sample corpus. Each returns one document with gold labels.
#pragma once

#include <string>

#include "refinery/core/json.h"
#include "text_builder.h"

namespace refinery::corpus {

struct Document {
  std::string source;  // genre
  std::string text;
  Json pii_spans = Json::array();  // gold PII spans (code points)
  std::string program;             // gold edit program for web pages ("" when none)
  bool toxic = false;              // holds at least one toxic line
};

// One document of a genre drawn at random: 30% web pages, 20% support e-mails, 10% each of
// forum posts, chats, forms, server logs and source files.
Document MakeDocument(Rng& rng);

}  // namespace refinery::corpus
