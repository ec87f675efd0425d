// Writes the compiled Hyperscan database of a toxicity model's lexicon beside it
// (`<base>.lexicon.hsdb`, what `refinery train toxicity` writes with a new model), so that
// scoring loads it instead of compiling the lexicon (about 0.08 s of CPU per run). It is
// compiled for a generic x86-64, so it loads on any CPU. For the shipped model after its lexicon
// changed, or for another Hyperscan version (the scorer then compiles, with the same matches):
//   build/bin/toxicity_lexicon_db models/toxicity.bin
#include <cstdio>
#include <string>

#include "refinery/score/toxicity_scorer.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s MODEL.bin\n", argv[0]);
    return 2;
  }
  std::string model = argv[1];
  auto scorer = refinery::ToxicityScorer::Load(model);
  if (!scorer.ok()) {
    std::fprintf(stderr, "%s\n", std::string(scorer.status().message()).c_str());
    return 1;
  }
  std::string base =
      model.size() > 4 && model.ends_with(".bin") ? model.substr(0, model.size() - 4) : model;
  std::string path = base + ".lexicon.hsdb";
  refinery::Status st = (*scorer)->lexicon().SaveDatabase(path);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", std::string(st.message()).c_str());
    return 1;
  }
  std::printf(
      "%s: %s (the lexicon %s)\n", path.c_str(), "written",
      (*scorer)->lexicon().loaded_database() ? "was already loaded from it" : "was compiled");
  return 0;
}
