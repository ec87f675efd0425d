// refinery-piibench: writes the seeded PII development benchmark as JSONL.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "generator.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Writes a labelled PII benchmark (JSONL: id, genre, text, spans in code points).\n"
      "Use one seed to develop on and another, never looked at while tuning, to report.",
      "refinery-piibench"};
  uint64_t seed = 1;
  uint64_t count = 1000;
  std::string out = "-";
  std::string genre;
  bool list = false;
  app.add_option("--seed", seed, "Random seed (the benchmark is a pure function of it)");
  app.add_option("-n,--count", count, "Number of documents");
  app.add_option("-o,--output", out, "Output file, - for stdout");
  app.add_option("--genre", genre, "Only this genre (see --list-genres)");
  app.add_flag("--list-genres", list, "Print the genres and exit");
  app.footer(
      "Examples:\n"
      "  refinery-piibench --seed 1 -n 2000 -o dev.jsonl      # develop on this\n"
      "  refinery-piibench --seed 20261120 -n 2000 -o test.jsonl   # report on this\n"
      "  refinery eval pii --gold test.jsonl --json\n");
  CLI11_PARSE(app, argc, argv);
  if (list) {
    for (const auto& g : refinery::piibench::Genres()) std::cout << g << "\n";
    return 0;
  }
  if (!genre.empty()) {
    bool known = false;
    for (const auto& g : refinery::piibench::Genres()) known |= g == genre;
    if (!known) {
      std::cerr << "refinery-piibench: error: unknown genre '" << genre << "'\n";
      return 2;
    }
  }
  std::ofstream file;
  std::ostream* os = &std::cout;
  if (out != "-") {
    file.open(out, std::ios::binary);
    if (!file) {
      std::cerr << "refinery-piibench: error: cannot write " << out << "\n";
      return 2;
    }
    os = &file;
  }
  for (uint64_t i = 0; i < count; ++i) {
    *os << refinery::piibench::ToJsonLine(refinery::piibench::GenerateDoc(seed, i, genre)) << '\n';
  }
  os->flush();
  return os->good() ? 0 : 2;
}
