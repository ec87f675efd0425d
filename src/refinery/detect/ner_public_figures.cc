#include "refinery/detect/ner_public_figures.h"

#include <algorithm>
#include <array>
#include <utility>

#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_gazetteer.h"
#include "refinery/detect/ner_model.h"

namespace refinery::ner {

namespace {

// Written from general knowledge, not from any evaluation set: heads of state and government
// of the larger countries since 1945, leaders of parties and international bodies, and
// historical, scientific, artistic and sporting figures named by surname alone. Left out:
// surnames that are mainly places (Washington, Lincoln, Jackson, Houston, Madison, Hamilton,
// Darwin, Newton, Columbus, Kerry), companies or products (Ford, Tesla, Macmillan, Hoover, Fox,
// Edison, Abbott), words that name something else as often (May, Major, Brown, Moon, Park,
// Begin, Eden, Bolt, Swift, Woods, Jobs, Caesar, Gates), and names of two letters but Xi.
constexpr std::string_view kSurnames[] = {
    // United States
    "Roosevelt",
    "Truman",
    "Eisenhower",
    "Kennedy",
    "Nixon",
    "Carter",
    "Reagan",
    "Clinton",
    "Obama",
    "Biden",
    "Cheney",
    "Quayle",
    "Mondale",
    "Kissinger",
    "Romney",
    "McCain",
    "Pelosi",
    "McConnell",
    "Schumer",
    "Palin",
    "DeSantis",
    "Giuliani",
    "Rumsfeld",
    "Powell",
    "Gingrich",
    "Dukakis",
    "Buttigieg",
    "Blinken",
    "Mnuchin",
    "Bannon",
    // United Kingdom and Ireland
    "Churchill",
    "Attlee",
    "Callaghan",
    "Thatcher",
    "Blair",
    "Cameron",
    "Sunak",
    "Starmer",
    "Corbyn",
    "Farage",
    "Miliband",
    "Osborne",
    "Mandelson",
    "Kinnock",
    "Ahern",
    "Varadkar",
    // France
    "Mitterrand",
    "Chirac",
    "Sarkozy",
    "Hollande",
    "Macron",
    "Pompidou",
    "Giscard",
    "Jospin",
    "Juppe",
    "Juppé",
    "Villepin",
    "Balladur",
    // Germany, Austria, Switzerland
    "Adenauer",
    "Brandt",
    "Kohl",
    "Schroeder",
    "Schröder",
    "Merkel",
    "Scholz",
    "Steinmeier",
    "Genscher",
    "Kinkel",
    "Waigel",
    "Haider",
    // Russia, the Soviet Union, Ukraine, Belarus
    "Lenin",
    "Stalin",
    "Trotsky",
    "Khrushchev",
    "Brezhnev",
    "Andropov",
    "Gorbachev",
    "Yeltsin",
    "Putin",
    "Medvedev",
    "Chernomyrdin",
    "Lavrov",
    "Navalny",
    "Zhirinovsky",
    "Zyuganov",
    "Shoigu",
    "Prigozhin",
    "Zelensky",
    "Zelenskyy",
    "Zelenskiy",
    "Poroshenko",
    "Yanukovych",
    "Kuchma",
    "Tymoshenko",
    "Lukashenko",
    // Europe
    "Berlusconi",
    "Prodi",
    "Renzi",
    "Draghi",
    "Meloni",
    "Mussolini",
    "Aznar",
    "Zapatero",
    "Rajoy",
    "Tsipras",
    "Orban",
    "Orbán",
    "Walesa",
    "Wałęsa",
    "Havel",
    "Tito",
    "Milosevic",
    "Milošević",
    "Karadzic",
    "Karadžić",
    "Mladic",
    "Mladić",
    "Tudjman",
    "Izetbegovic",
    "Ceausescu",
    "Ceaușescu",
    "Salazar",
    "Juncker",
    "Barroso",
    "Rutte",
    "Stoltenberg",
    "Lagarde",
    // Middle East and North Africa
    "Netanyahu",
    "Rabin",
    "Peres",
    "Arafat",
    "Olmert",
    "Gantz",
    "Saddam",
    "Assad",
    "Mubarak",
    "Sadat",
    "Nasser",
    "Gaddafi",
    "Qaddafi",
    "Khomeini",
    "Khamenei",
    "Rouhani",
    "Ahmadinejad",
    "Rafsanjani",
    "Raisi",
    "Erdogan",
    "Erdoğan",
    "Ataturk",
    "Atatürk",
    "Morsi",
    "Sisi",
    "Nasrallah",
    "Zarqawi",
    "Baghdadi",
    "Zawahiri",
    // Asia and the Pacific
    "Mao",
    "Deng",
    "Xi",
    "Jinping",
    "Zemin",
    "Jintao",
    "Gandhi",
    "Nehru",
    "Modi",
    "Vajpayee",
    "Kejriwal",
    "Bhutto",
    "Musharraf",
    "Sharif",
    "Jinnah",
    "Koizumi",
    "Kishida",
    "Hashimoto",
    "Hatoyama",
    "Suharto",
    "Sukarno",
    "Widodo",
    "Jokowi",
    "Mahathir",
    "Duterte",
    "Aquino",
    "Thaksin",
    "Yingluck",
    "Karzai",
    "Ghani",
    "Hawke",
    "Keating",
    "Howard",
    "Rudd",
    "Gillard",
    "Turnbull",
    "Albanese",
    "Ardern",
    // Africa
    "Mandela",
    "Mbeki",
    "Zuma",
    "Ramaphosa",
    "Mugabe",
    "Kenyatta",
    "Museveni",
    "Kagame",
    "Mobutu",
    "Obasanjo",
    "Buhari",
    "Tinubu",
    "Nkrumah",
    "Lumumba",
    // The Americas
    "Trudeau",
    "Mulroney",
    "Chretien",
    "Chrétien",
    "Harper",
    "Castro",
    "Guevara",
    "Chavez",
    "Chávez",
    "Maduro",
    "Lula",
    "Bolsonaro",
    "Pinochet",
    "Peron",
    "Perón",
    "Kirchner",
    "Milei",
    "Fujimori",
    "Noriega",
    "Obrador",
    "Sheinbaum",
    // International bodies and churches
    "Annan",
    "Guterres",
    "Boutros-Ghali",
    "Tedros",
    // History, science and the arts
    "Hitler",
    "Himmler",
    "Goebbels",
    "Napoleon",
    "Bonaparte",
    "Bismarck",
    "Marx",
    "Engels",
    "Einstein",
    "Galileo",
    "Copernicus",
    "Curie",
    "Pasteur",
    "Freud",
    "Hawking",
    "Shakespeare",
    "Dickens",
    "Tolstoy",
    "Dostoevsky",
    "Hemingway",
    "Orwell",
    "Kafka",
    "Nietzsche",
    "Voltaire",
    "Rousseau",
    "Machiavelli",
    "Aristotle",
    "Plato",
    "Socrates",
    "Confucius",
    "Mozart",
    "Beethoven",
    "Picasso",
    "Rembrandt",
    "Michelangelo",
    "Zuckerberg",
    "Bezos",
    "Buffett",
    "Spielberg",
    "Hitchcock",
    "Chaplin",
    "Sinatra",
    "Presley",
    "Lennon",
    "McCartney",
    "Springsteen",
    "Beyonce",
    "Beyoncé",
    "Rihanna",
    "Kardashian",
    "Bieber",
    "Messi",
    "Ronaldo",
    "Maradona",
    "Pele",
    "Pelé",
    "Federer",
    "Nadal",
    "Djokovic",
    "Beckham",
    "Schumacher",
};

// Listed surnames that are also ordinary words: not at a sentence's start.
constexpr std::string_view kWordSurnames[] = {"Trump", "Bush",  "Musk", "Gore",
                                              "Truss", "Heath", "Pence"};

// The listed surnames' hashes, sorted, each with its kind (1: a surname, 2: also an ordinary
// word), behind a 4,096-bit filter of their top bits: most capitalised words of a text are
// told apart by one bit test, the rest by a binary search.
struct Lists {
  std::vector<std::pair<uint64_t, int>> hashes;
  std::array<uint64_t, 64> filter{};
};

constexpr size_t FilterBit(uint64_t hash) { return static_cast<size_t>(hash >> 52); }

const Lists& GetLists() {
  static const Lists lists = [] {
    Lists l;
    for (std::string_view w : kSurnames) l.hashes.emplace_back(TokenHash(w), 1);
    for (std::string_view w : kWordSurnames) l.hashes.emplace_back(TokenHash(w), 2);
    std::sort(l.hashes.begin(), l.hashes.end());
    for (const auto& [h, kind] : l.hashes)
      l.filter[FilterBit(h) / 64] |= uint64_t{1} << (FilterBit(h) % 64);
    return l;
  }();
  return lists;
}

// 1: a listed surname; 2: one that is also an ordinary word; 0: neither. The filter's test is
// inlined into the token loop; the search is not.
[[gnu::noinline]] int SearchSurname(const Lists& l, uint64_t hash) {
  const auto it = std::lower_bound(l.hashes.begin(), l.hashes.end(), std::make_pair(hash, 0));
  return it != l.hashes.end() && it->first == hash ? it->second : 0;
}
inline int SurnameKind(const Lists& l, uint64_t hash) {
  if (!(l.filter[FilterBit(hash) / 64] >> (FilterBit(hash) % 64) & 1)) return 0;
  return SearchSurname(l, hash);
}

bool Capitalised(const Token& t) { return t.cap == kCapTitle || t.cap == kCapUpper; }

}  // namespace

bool IsPublicFigureSurname(std::string_view word) {
  return SurnameKind(GetLists(), TokenHash(word)) != 0;
}

void MarkPublicFigures(std::string_view text, const std::vector<Token>& tokens,
                       const std::vector<uint64_t>& word_hashes, const NerGazetteer& gazetteer,
                       std::vector<uint8_t>& tags) {
  const size_t n = tokens.size();
  const Lists& lists = GetLists();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    // Most tokens leave at one of these two tests: lower case or punctuation, or no listed name
    // (the filter's bit).
    if (!Capitalised(t) || t.end - t.start < 2) continue;
    const uint64_t h = i < word_hashes.size() && word_hashes[i] != 0
                           ? word_hashes[i]
                           : TokenHash(TokenText(text, t));
    const int kind = SurnameKind(lists, h);
    if (kind == 0) continue;
    if (t.end - t.start == 2 && t.cap != kCapTitle) continue;  // "Xi", not the numeral "XI"
    const uint8_t tag = tags[i];
    // A given name and a listed surname read as one place or organisation ("Chelsea Clinton").
    if (tag != 0 && !IsBegin(tag) && TagLabel(tag) != kPer && i > 0 && IsBegin(tags[i - 1]) &&
        (i + 1 == n || tags[i + 1] != tag) && t.cap == kCapTitle &&
        tokens[i - 1].cap == kCapTitle) {
      const std::string_view given = TokenText(text, tokens[i - 1]);
      if ((gazetteer.LookupWord(given) & (kGazFirstCommon | kGazFirstMid)) ||
          (pii::NameFlags(given) & pii::kFirstName)) {
        tags[i - 1] = BeginTag(kPer);
        tags[i] = InsideTag(kPer);
      }
      continue;
    }
    if (tag != 0 && (!IsBegin(tag) || TagLabel(tag) == kPer)) continue;
    if (i + 1 < n && tags[i + 1] != 0 && !IsBegin(tags[i + 1])) continue;  // a longer entity
    const bool word_before = i > 0 && !t.sentence_start && Capitalised(tokens[i - 1]);
    const bool word_after =
        i + 1 < n && !tokens[i + 1].sentence_start && Capitalised(tokens[i + 1]);
    if (word_before || word_after) continue;
    // At a sentence's start only as a possessive ("Trump's a moron").
    const bool possessive = i + 1 < n && tokens[i + 1].start == t.end &&
                            TokenText(text, tokens[i + 1]).size() >= 2 &&
                            (TokenText(text, tokens[i + 1]).back() | 0x20) == 's';
    if (kind == 2 && t.sentence_start && !possessive) continue;
    tags[i] = BeginTag(kPer);
  }
}

}  // namespace refinery::ner
