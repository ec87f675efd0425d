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

Document WebArticle(Rng& rng);
Document ForumPost(Rng& rng);
Document ChatLog(Rng& rng);
Document SupportEmail(Rng& rng);
Document Form(Rng& rng);
Document ServerLog(Rng& rng);
Document SourceFile(Rng& rng);

}  // namespace refinery::corpus
