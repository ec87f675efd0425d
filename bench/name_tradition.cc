// Prints the naming tradition the anonymizer reads in each name of stdin (one per line), for
// measuring src/refinery/anonymize/name_traditions.cc on labelled names:
//   build/bin/name_tradition < names.txt
#include <iostream>
#include <string>

#include "refinery/anonymize/name_traditions.h"

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::cout << refinery::anon::TraditionName(refinery::anon::TraditionOfName(line)) << '\t'
              << line << '\n';
  }
  return 0;
}
