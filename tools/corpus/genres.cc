#include "genres.h"

#include <cstdio>

namespace refinery::corpus {
namespace {

const char* const kFirst[] = {
    "James",  "Mary",      "Robert",  "Patricia", "John",    "Jennifer", "Michael", "Linda",
    "David",  "Elizabeth", "William", "Barbara",  "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas", "Sarah",     "Carlos",  "Ana",      "Wei",     "Mei",      "Ahmed",   "Fatima",
    "Olga",   "Dmitri",    "Priya",   "Arjun",    "Lena",    "Jonas",    "Sofia",   "Mateo",
    "Chloé",  "José",      "Aisha",   "Kenji",    "Yuki",    "Noah"};
const char* const kLast[] = {"Smith",   "Johnson",  "Williams",  "Brown",    "Jones",     "Garcia",
                             "Miller",  "Davis",    "Rodriguez", "Martinez", "Hernandez", "Lopez",
                             "Wilson",  "Anderson", "Taylor",    "Thomas",   "Moore",     "Jackson",
                             "Martin",  "Lee",      "Nguyen",    "Patel",    "Kim",       "Müller",
                             "Schmidt", "Rossi",    "Dubois",    "Kowalski", "Ivanova",   "Okafor",
                             "Haddad",  "Tanaka",   "Silva",     "Novak"};
const char* const kStreets[] = {"Maple", "Oak",  "Pine",   "Cedar", "Elm",    "Washington", "Lake",
                                "Hill",  "Park", "Sunset", "River", "Church", "Mill",       "High"};
const char* const kSuffixes[] = {"Street", "Avenue", "Road", "Lane", "Drive", "Boulevard", "Court"};
const char* const kCities[] = {"Springfield", "Riverside", "Portland", "Austin",
                               "Denver",      "Madison",   "Salem",    "Bristol",
                               "Leeds",       "Lyon",      "Hamburg",  "Toronto"};
const char* const kDomains[] = {"gmail.com", "yahoo.com",        "outlook.com", "proton.me",
                                "mail.de",   "example-corp.com", "fastmail.fm"};
const char* const kTopics[] = {"the city council",  "the new library", "local farmers",
                               "the school board",  "a small bakery",  "the river cleanup",
                               "the football club", "the museum",      "a solar project",
                               "the night market"};
const char* const kVerbs[] = {"announced", "discussed",  "celebrated", "postponed", "reviewed",
                              "approved",  "questioned", "presented",  "opened",    "expanded"};
const char* const kObjects[] = {"a plan to extend opening hours",
                                "the budget for next year",
                                "a volunteer programme",
                                "new bicycle lanes",
                                "the annual festival",
                                "a partnership with two universities",
                                "repairs to the old bridge",
                                "a series of free workshops",
                                "measures to reduce waste"};
const char* const kDetails[] = {
    "Residents were invited to share their views at a public meeting.",
    "Officials said the work should be finished before the end of the year.",
    "The proposal received broad support, although some questions remain about costs.",
    "Organisers expect several thousand visitors over the weekend.",
    "A spokesperson said more details would be published next month.",
    "Critics argued that the timeline was too ambitious.",
    "The initiative is funded by a mix of public grants and private donations.",
    "Local businesses welcomed the decision.",
    "Further information is available from the town hall.",
    "The committee will meet again in the spring to review progress."};
const char* const kNav[] = {"Home | News | Sports | Culture | Opinion | Contact",
                            "Menu  Search  Sign in  Subscribe", "Skip to main content",
                            "News > Local > Community"};
const char* const kCookie[] = {
    "We use cookies to improve your experience. By continuing you accept our use of cookies.",
    "This site uses cookies. Accept all | Manage preferences",
    "Cookie settings: we and our partners store and access information on your device."};
const char* const kShare[] = {"Share on Facebook | Share on X | Email | Print",
                              "Share this article:", "Like 124  Tweet  Pin it",
                              "Follow us on Instagram and YouTube"};
const char* const kFooter[] = {"© 2024 Example Media Group. All rights reserved.",
                               "Privacy Policy | Terms of Use | Accessibility | Sitemap",
                               "Subscribe to our newsletter for daily updates.", "Advertisement",
                               "Related articles: More from Local News"};
const char* const kToxic[] = {
    "You are a complete idiot and nobody wants you here.", "Shut up, you pathetic moron.",
    "What a stupid piece of crap this is.", "Get lost, loser, your opinion is worthless garbage.",
    "Only a brainless fool would write this damn nonsense."};
const char* const kForumTopics[] = {
    "my sourdough keeps collapsing", "best budget hiking boots",
    "laptop fan noise after update", "tomatoes with yellow leaves",
    "learning Rust as a Python dev", "noise from the upstairs flat"};

std::string Name(Rng& rng) { return std::string(rng.Pick(kFirst)) + " " + rng.Pick(kLast); }

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string AsciiOnly(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80 && c != ' ') out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Email(Rng& rng, const std::string& name) {
  std::string first = AsciiOnly(Lower(name.substr(0, name.find(' '))));
  std::string last = AsciiOnly(Lower(name.substr(name.find(' ') + 1)));
  std::string local =
      rng.Chance(0.5) ? first + "." + last : first.substr(0, 1) + last + rng.Digits(2);
  return local + "@" + rng.Pick(kDomains);
}

std::string Phone(Rng& rng) {
  std::string area = std::to_string(200 + rng.Below(700));
  std::string exch = std::to_string(200 + rng.Below(700));
  std::string line = rng.Digits(4);
  switch (rng.Below(4)) {
    case 0:
      return "(" + area + ") " + exch + "-" + line;
    case 1:
      return area + "-" + exch + "-" + line;
    case 2:
      return "+1 " + area + " " + exch + " " + line;
    default:
      return "+44 20 " + rng.Digits(4) + " " + rng.Digits(4);
  }
}

std::string Ip(Rng& rng) {
  return std::to_string(11 + rng.Below(180)) + "." + std::to_string(rng.Below(256)) + "." +
         std::to_string(rng.Below(256)) + "." + std::to_string(1 + rng.Below(254));
}

// A Luhn-valid 16-digit Visa-like number, grouped by four.
std::string CreditCard(Rng& rng) {
  std::string digits = "4" + rng.Digits(14);
  int sum = 0;
  for (int i = 0; i < 15; ++i) {
    int d = digits[14 - i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return digits.substr(0, 4) + " " + digits.substr(4, 4) + " " + digits.substr(8, 4) + " " +
         digits.substr(12, 4);
}

std::string Ssn(Rng& rng) {
  return std::to_string(100 + rng.Below(560)) + "-" + std::to_string(10 + rng.Below(89)) + "-" +
         std::to_string(1000 + rng.Below(8999));
}

std::string Address(Rng& rng) {
  return std::to_string(1 + rng.Below(9800)) + " " + rng.Pick(kStreets) + " " + rng.Pick(kSuffixes);
}

std::string Token(Rng& rng, const char* alphabet, int n) {
  std::string s;
  size_t len = std::char_traits<char>::length(alphabet);
  for (int i = 0; i < n; ++i) s.push_back(alphabet[rng.Below(len)]);
  return s;
}

constexpr const char* kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string Sentence(Rng& rng) {
  std::string s = rng.Pick(kTopics);
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + " " + rng.Pick(kVerbs) + " " + rng.Pick(kObjects) + ". " + rng.Pick(kDetails);
}

void WebArticle(Rng& rng, TextBuilder& b, Document& d) {
  std::vector<std::pair<size_t, size_t>> boiler;
  auto boiler_line = [&](const char* s) {
    size_t n = b.Line(s);
    if (!boiler.empty() && boiler.back().second + 1 == n) {
      boiler.back().second = n;
    } else {
      boiler.emplace_back(n, n);
    }
  };
  if (rng.Chance(0.8)) boiler_line(rng.Pick(kNav));
  if (rng.Chance(0.5)) boiler_line(rng.Pick(kCookie));
  std::string title = rng.Pick(kTopics);
  title[0] = static_cast<char>(title[0] - 'a' + 'A');
  b.Line(title + " " + rng.Pick(kVerbs) + " " + rng.Pick(kObjects));
  b.BeginLine();
  b.Add("By ")
      .Pii(Name(rng), "PERSON")
      .Add(" | " + std::to_string(1 + rng.Below(28)) + " March 2024");
  int paragraphs = 2 + static_cast<int>(rng.Below(5));
  for (int p = 0; p < paragraphs; ++p) {
    b.Line(Sentence(rng) + " " + Sentence(rng));
    if (rng.Chance(0.15)) boiler_line("Advertisement");
    if (p == 0 && rng.Chance(0.3)) boiler_line(rng.Pick(kShare));
  }
  if (rng.Chance(0.3)) {
    b.BeginLine();
    b.Add("For questions contact ").Pii(Email(rng, Name(rng)), "EMAIL_ADDRESS").Add(".");
  }
  int footer = static_cast<int>(rng.Below(4));
  for (int i = 0; i < footer; ++i) boiler_line(rng.Pick(kFooter));
  for (const auto& [a, z] : boiler) {
    d.program += "remove_lines(" + std::to_string(a) + ", " + std::to_string(z) + ")\n";
  }
  if (d.program.empty()) d.program = "keep_doc()\n";
}

void ForumPost(Rng& rng, TextBuilder& b, Document& d) {
  std::string user = AsciiOnly(Lower(rng.Pick(kFirst))) + "_" + rng.Digits(2);
  b.BeginLine();
  b.Add("Re: ").Add(rng.Pick(kForumTopics));
  b.BeginLine();
  b.Add("Posted by @").Pii(user, "PERSON");
  b.Line("I had the same problem last month. " + std::string(rng.Pick(kDetails)));
  if (rng.Chance(0.35)) {
    b.Line(rng.Pick(kToxic));
    d.toxic = true;
  }
  if (rng.Chance(0.3)) {
    b.BeginLine();
    b.Add("Message me at ")
        .Pii(Email(rng, Name(rng)), "EMAIL_ADDRESS")
        .Add(" if you want the details.");
  }
  b.Line("Thanks in advance, and good luck!");
}

void ChatLog(Rng& rng, TextBuilder& b, Document& d) {
  std::string a = Name(rng), c = Name(rng);
  std::string a_first = a.substr(0, a.find(' ')), c_first = c.substr(0, c.find(' '));
  int turns = 3 + static_cast<int>(rng.Below(5));
  for (int t = 0; t < turns; ++t) {
    bool left = t % 2 == 0;
    b.BeginLine();
    b.Add("[" + std::to_string(9 + t / 6) + ":" + std::to_string(10 + t * 7 % 50) + "] ");
    b.Pii(left ? a_first : c_first, "PERSON").Add(": ");
    switch (rng.Below(6)) {
      case 0:
        b.Add("call me on ").Pii(Phone(rng), "PHONE_NUMBER").Add(" after six");
        break;
      case 1:
        b.Add("did you see the news about ").Add(rng.Pick(kTopics)).Add("?");
        break;
      case 2:
        if (rng.Chance(0.5)) {
          b.Add(rng.Pick(kToxic));
          d.toxic = true;
        } else {
          b.Add("haha ok, see you tomorrow");
        }
        break;
      case 3:
        b.Add("my new address is ")
            .Pii(Address(rng), "STREET_ADDRESS")
            .Add(", ")
            .Add(rng.Pick(kCities));
        break;
      case 4:
        b.Add("meeting moved to 3pm, version 2.4.1 is out btw");
        break;
      default:
        b.Add("sure, sounds good");
    }
  }
}

void SupportEmail(Rng& rng, TextBuilder& b, Document& d) {
  std::string customer = Name(rng), agent = Name(rng);
  b.BeginLine();
  b.Add("From: ")
      .Pii(customer, "PERSON")
      .Add(" <")
      .Pii(Email(rng, customer), "EMAIL_ADDRESS")
      .Add(">");
  b.BeginLine();
  b.Add("To: support@example-shop.com");
  b.Line("Subject: Order #" + std::to_string(100000 + rng.Below(899999)) + " has not arrived");
  b.Line("");
  b.BeginLine();
  b.Add("Hello, my order was supposed to arrive last week. Please ship it to ")
      .Pii(Address(rng), "STREET_ADDRESS")
      .Add(", ")
      .Add(rng.Pick(kCities))
      .Add(".");
  b.BeginLine();
  b.Add("You can reach me at ").Pii(Phone(rng), "PHONE_NUMBER").Add(".");
  if (rng.Chance(0.3)) {
    b.BeginLine();
    b.Add("I paid with my card ")
        .Pii(CreditCard(rng), "CREDIT_CARD")
        .Add(", please refund it if needed.");
  }
  if (rng.Chance(0.2)) {
    b.Line("Honestly your service is useless, fix it you idiots.");
    d.toxic = true;
  }
  b.Line("");
  b.Line("Best regards,");
  b.BeginLine();
  b.Pii(customer, "PERSON");
  (void)agent;
}

void Form(Rng& rng, TextBuilder& b, Document& /*d*/) {
  std::string name = Name(rng);
  b.Line("APPLICATION FORM");
  b.BeginLine();
  b.Add("Full name: ").Pii(name, "PERSON");
  b.BeginLine();
  char dob[32];
  std::snprintf(dob, sizeof(dob), "%02d/%02d/%d", static_cast<int>(1 + rng.Below(12)),
                static_cast<int>(1 + rng.Below(28)), static_cast<int>(1950 + rng.Below(50)));
  b.Add("Date of birth: ").Pii(dob, "DATE_OF_BIRTH");
  b.BeginLine();
  b.Add("SSN: ").Pii(Ssn(rng), "US_SSN");
  b.BeginLine();
  b.Add("Address: ").Pii(Address(rng), "STREET_ADDRESS").Add(", ").Add(rng.Pick(kCities));
  b.BeginLine();
  b.Add("Email: ").Pii(Email(rng, name), "EMAIL_ADDRESS");
  b.BeginLine();
  b.Add("Phone: ").Pii(Phone(rng), "PHONE_NUMBER");
  b.Line("Reference: " + std::to_string(rng.Below(1000000)) + "  Submitted: 2024-03-" +
         std::to_string(10 + rng.Below(18)) + "T10:" + std::to_string(10 + rng.Below(49)) + ":00Z");
}

void ServerLog(Rng& rng, TextBuilder& b, Document& /*d*/) {
  int lines = 4 + static_cast<int>(rng.Below(6));
  for (int i = 0; i < lines; ++i) {
    b.BeginLine();
    b.Add("2024-03-" + std::to_string(10 + rng.Below(18)) + " 12:" +
          std::to_string(10 + rng.Below(49)) + ":" + std::to_string(10 + rng.Below(49)) + " ");
    switch (rng.Below(5)) {
      case 0:
        b.Add("INFO request from ").Pii(Ip(rng), "IP_ADDRESS").Add(" GET /api/v2/items 200 12ms");
        break;
      case 1:
        b.Add("WARN login failed for user ").Pii(Email(rng, Name(rng)), "EMAIL_ADDRESS");
        break;
      case 2:
        b.Add("INFO build sha=" + Token(rng, "0123456789abcdef", 40) + " deployed");
        break;
      case 3:
        b.Add("DEBUG trace id 3f2b9c1e-8d4a-4f6b-9e2a-" + Token(rng, "0123456789abcdef", 12));
        break;
      default:
        b.Add("INFO health check ok from 127.0.0.1 version 10.2.3.4");
    }
  }
}

void SourceFile(Rng& rng, TextBuilder& b, Document& /*d*/) {
  b.Line("import os");
  b.Line("import requests");
  b.Line("");
  switch (rng.Below(4)) {
    case 0:
      b.BeginLine();
      b.Add("API_KEY = \"").Pii("sk-" + Token(rng, kAlnum, 48), "API_KEY").Add("\"");
      break;
    case 1:
      b.BeginLine();
      b.Add("GITHUB_TOKEN = \"").Pii("ghp_" + Token(rng, kAlnum, 36), "API_KEY").Add("\"");
      break;
    case 2:
      b.BeginLine();
      b.Add("AWS_ACCESS_KEY_ID = \"")
          .Pii("AKIA" + Token(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "API_KEY")
          .Add("\"");
      break;
    default:
      b.BeginLine();
      b.Add("DATABASE_URL = \"postgres://app:")
          .Pii(Token(rng, kAlnum, 14), "PASSWORD")
          .Add("@db.internal:5432/app\"");
  }
  b.Line("TOKEN = os.environ.get(\"SERVICE_TOKEN\")  # read from the environment, not a secret");
  b.Line("");
  b.Line("def fetch(item_id):");
  b.Line("    resp = requests.get(f\"https://api.example.com/items/{item_id}\", timeout=10)");
  b.Line("    resp.raise_for_status()");
  b.Line("    return resp.json()");
}

// Shares out of 10 draws.
struct Genre {
  const char* source;
  uint64_t share;
  void (*write)(Rng& rng, TextBuilder& b, Document& d);
};
constexpr Genre kGenres[] = {
    {"web", 3, WebArticle},     {"forum", 1, ForumPost}, {"chat", 1, ChatLog},
    {"email", 2, SupportEmail}, {"form", 1, Form},       {"log", 1, ServerLog},
    {"code", 1, SourceFile},
};

}  // namespace

Document MakeDocument(Rng& rng) {
  uint64_t draw = rng.Below(10);
  const Genre* genre = &kGenres[0];
  for (const Genre& g : kGenres) {
    genre = &g;
    if (draw < g.share) break;
    draw -= g.share;
  }
  TextBuilder b;
  Document d;
  d.source = genre->source;
  genre->write(rng, b, d);
  d.text = b.text();
  d.pii_spans = b.spans();
  return d;
}

}  // namespace refinery::corpus
