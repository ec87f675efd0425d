#include "refinery/detect/ner_public_figures.h"

#include <algorithm>

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

struct Lists {
  std::vector<uint64_t> names, words;  // sorted TokenHash values
};

const Lists& GetLists() {
  static const Lists lists = [] {
    Lists l;
    for (std::string_view w : kSurnames) l.names.push_back(TokenHash(w));
    for (std::string_view w : kWordSurnames) l.words.push_back(TokenHash(w));
    std::sort(l.names.begin(), l.names.end());
    std::sort(l.words.begin(), l.words.end());
    return l;
  }();
  return lists;
}

// 1: a listed surname; 2: one that is also an ordinary word; 0: neither.
int SurnameKind(uint64_t hash) {
  const Lists& l = GetLists();
  if (std::binary_search(l.words.begin(), l.words.end(), hash)) return 2;
  return std::binary_search(l.names.begin(), l.names.end(), hash) ? 1 : 0;
}

bool Capitalised(const Token& t) { return t.cap == kCapTitle || t.cap == kCapUpper; }

}  // namespace

bool IsPublicFigureSurname(std::string_view word) { return SurnameKind(TokenHash(word)) != 0; }

void MarkPublicFigures(std::string_view text, const std::vector<Token>& tokens,
                       const std::vector<uint64_t>& word_hashes, const NerGazetteer& gazetteer,
                       std::vector<uint8_t>& tags) {
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    // Most tokens leave here: lower case, punctuation, or a word tagged as a person already.
    if (!Capitalised(t) || t.end - t.start < 2) continue;
    if (t.end - t.start == 2 && t.cap != kCapTitle) continue;  // "Xi", not the numeral "XI"
    const uint8_t tag = tags[i];
    // A given name and a listed surname read as one place or organisation ("Chelsea Clinton").
    if (IsBegin(tag) && TagLabel(tag) != kPer && i + 1 < n &&
        tags[i + 1] == InsideTag(TagLabel(tag)) &&
        (i + 2 == n || tags[i + 2] != InsideTag(TagLabel(tag))) && tokens[i + 1].cap == kCapTitle &&
        t.cap == kCapTitle &&
        ((gazetteer.LookupWord(TokenText(text, t)) & (kGazFirstCommon | kGazFirstMid)) ||
         (pii::NameFlags(TokenText(text, t)) & pii::kFirstName)) &&
        SurnameKind(TokenHash(TokenText(text, tokens[i + 1]))) != 0) {
      tags[i] = BeginTag(kPer);
      tags[i + 1] = InsideTag(kPer);
      ++i;
      continue;
    }
    if (tag != 0 && (!IsBegin(tag) || TagLabel(tag) == kPer)) continue;
    if (i + 1 < n && tags[i + 1] != 0 && !IsBegin(tags[i + 1])) continue;  // a longer entity
    const bool word_before = i > 0 && !t.sentence_start && Capitalised(tokens[i - 1]);
    const bool word_after =
        i + 1 < n && !tokens[i + 1].sentence_start && Capitalised(tokens[i + 1]);
    if (word_before || word_after) continue;
    const uint64_t h = i < word_hashes.size() && word_hashes[i] != 0
                           ? word_hashes[i]
                           : TokenHash(TokenText(text, t));
    const int kind = SurnameKind(h);
    // At a sentence's start only as a possessive ("Trump's a moron").
    const bool possessive = i + 1 < n && tokens[i + 1].start == t.end &&
                            TokenText(text, tokens[i + 1]).size() >= 2 &&
                            (TokenText(text, tokens[i + 1]).back() | 0x20) == 's';
    if (kind == 0 || (kind == 2 && t.sentence_start && !possessive)) continue;
    tags[i] = BeginTag(kPer);
  }
}

}  // namespace refinery::ner
