#include "refinery/detect/ner_trainer.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "refinery/core/hash.h"

namespace refinery::ner {

namespace {

StatusOr<uint8_t> ParseTag(std::string_view tag) {
  if (tag == "O") return uint8_t{0};
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
    return absl::InvalidArgumentError("tag '" + std::string(tag) + "' is not O, B-X or I-X");
  const std::string_view type = tag.substr(2);
  NerLabel label;
  if (type == "PER") {
    label = kPer;
  } else if (type == "LOC") {
    label = kLoc;
  } else if (type == "ORG") {
    label = kOrg;
  } else {
    return uint8_t{0};  // MISC and anything else: not an entity we tag
  }
  return tag[0] == 'B' ? BeginTag(label) : InsideTag(label);
}

// I-X after O or another type starts an entity (IOB1 habits in some sources).
void RepairBio(std::vector<uint8_t>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == 0 || IsBegin(tags[i])) continue;
    if (i == 0 || tags[i - 1] == 0 || TagLabel(tags[i - 1]) != TagLabel(tags[i]))
      tags[i] = BeginTag(TagLabel(tags[i]));
  }
}

// The tokens of a sentence as SentenceText lays them out: one space between tokens.
void LayOutTokens(const NerSentence& s, std::vector<Token>& toks) {
  toks.assign(s.tokens.size(), Token{});
  size_t pos = 0;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    toks[i].start = static_cast<uint32_t>(pos);
    toks[i].end = static_cast<uint32_t>(pos + s.tokens[i].size());
    toks[i].cap = ClassifyToken(s.tokens[i]);
    toks[i].sentence_start = i == 0;
    pos += s.tokens[i].size() + 1;
  }
}

struct Encoded {
  std::vector<uint32_t> features;  // flattened
  std::vector<uint32_t> offsets;   // n + 1
  std::vector<uint8_t> gold;
};

Encoded Encode(const NerSentence& s, const NerGazetteer& gaz, uint32_t mask,
               std::vector<TokenInfo>& info) {
  Encoded e;
  std::string text = SentenceText(s, nullptr);
  std::vector<Token> toks;
  LayOutTokens(s, toks);
  DescribeTokens(text, toks.data(), toks.size(), gaz, info);
  const CaseMode mode = SentenceCaseMode(toks.data(), toks.size());
  e.offsets.push_back(0);
  for (size_t i = 0; i < toks.size(); ++i) {
    TokenFeatures(info.data(), toks.size(), i, mode, mask, e.features);
    e.offsets.push_back(static_cast<uint32_t>(e.features.size()));
  }
  e.gold = s.tags;
  return e;
}

NerSentence Recased(const NerSentence& s, char mode) {
  NerSentence out = s;
  for (std::string& t : out.tokens) t = Recase(t, mode);
  return out;
}

}  // namespace

std::string Recase(std::string_view s, char mode) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = out[i];
    if (mode == 'U' && c >= 'a' && c <= 'z') out[i] = static_cast<char>(c - 32);
    if (mode == 'L' && c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = out[i + 1];
      if (mode == 'U' && d >= 0xA0 && d <= 0xBE && d != 0xB7)
        out[i + 1] = static_cast<char>(d - 0x20);
      if (mode == 'L' && d >= 0x80 && d <= 0x9E && d != 0x97)
        out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::string SentenceText(const NerSentence& s, std::vector<NerEntity>* gold) {
  std::string text;
  std::vector<Token> toks;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    if (i) text += ' ';
    Token t;
    t.start = static_cast<uint32_t>(text.size());
    text += s.tokens[i];
    t.end = static_cast<uint32_t>(text.size());
    toks.push_back(t);
  }
  if (gold) {
    gold->clear();
    TagsToEntities(toks.data(), s.tags.data(), toks.size(), *gold);
  }
  return text;
}

StatusOr<std::vector<NerSentence>> ReadIob2(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(path + ": cannot open NER data file");
  std::vector<NerSentence> out;
  NerSentence cur;
  std::string line;
  size_t line_no = 0;
  auto flush = [&] {
    if (!cur.tokens.empty()) {
      RepairBio(cur.tags);
      out.push_back(std::move(cur));
    }
    cur = NerSentence();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0) {
      return absl::InvalidArgumentError(path + ":" + std::to_string(line_no) +
                                        ": expected 'token<TAB>tag'");
    }
    auto tag = ParseTag(std::string_view(line).substr(tab + 1));
    if (!tag.ok()) {
      return absl::InvalidArgumentError(path + ":" + std::to_string(line_no) +
                                        ": field 'tag': " + std::string(tag.status().message()));
    }
    if (cur.tokens.size() >= kMaxSentenceTokens) flush();
    cur.tokens.push_back(line.substr(0, tab));
    cur.tags.push_back(*tag);
  }
  flush();
  if (out.empty()) return absl::InvalidArgumentError(path + ": no sentences");
  return out;
}

StatusOr<std::vector<NerSplit>> LoadNerSplits(const std::string& dir, bool dev) {
  std::vector<NerSplit> splits;
  auto append = [](std::vector<NerSentence>& to, std::vector<NerSentence>&& from) {
    for (auto& s : from) to.push_back(std::move(s));
  };
  // Moves the last fifth of `from` (contiguous, so whole articles) to `to`.
  auto last_fifth = [](std::vector<NerSentence>& from, std::vector<NerSentence>& to) {
    const size_t cut = from.size() - from.size() / 5;
    for (size_t i = cut; i < from.size(); ++i) to.push_back(std::move(from[i]));
    from.resize(cut);
  };
  // Sources with their own files. BTC and GUM have train, dev and test: training takes train
  // + dev and test is held out (development mode: train alone, reporting on dev). WNUT17 has
  // train and dev: dev is held out (development mode: the last fifth of train).
  struct Source {
    const char* name;
    const char* genre;
    bool test_file;
  };
  for (const Source& src :
       {Source{"btc", "Twitter", true}, Source{"wnut17", "social media", false},
        Source{"gum", "GUM genres (academic, bio, court, interview, news, voyage)", true}}) {
    NerSplit s{src.name, src.genre, {}, {}};
    const std::string base = dir + "/" + src.name;
    ASSIGN_OR_RETURN(s.train, ReadIob2(base + "_train.iob2"));
    if (!src.test_file) {
      if (dev) {
        last_fifth(s.train, s.test);
      } else {
        ASSIGN_OR_RETURN(s.test, ReadIob2(base + "_dev.iob2"));
      }
    } else {
      ASSIGN_OR_RETURN(auto dev_part, ReadIob2(base + "_dev.iob2"));
      if (dev) {
        s.test = std::move(dev_part);
      } else {
        append(s.train, std::move(dev_part));
        ASSIGN_OR_RETURN(s.test, ReadIob2(base + "_test.iob2"));
      }
    }
    splits.push_back(std::move(s));
  }
  // No split of their own: the last fifth is the hold-out (contiguous, so whole articles).
  for (auto [name, file, genre] : {std::tuple{"wikigold", "wikigold.iob2", "Wikipedia"},
                                   std::tuple{"uner_ewt", "uner_en_ewt_dev.iob2", "web text"}}) {
    NerSplit s{name, genre, {}, {}};
    ASSIGN_OR_RETURN(s.train, ReadIob2(dir + "/" + file));
    std::vector<NerSentence> held_out;
    last_fifth(s.train, held_out);
    if (dev) {
      // The fourth fifth, measured as a fifth of the whole file.
      const size_t whole = s.train.size() + held_out.size();
      const size_t cut = s.train.size() - whole / 5;
      for (size_t i = cut; i < s.train.size(); ++i) s.test.push_back(std::move(s.train[i]));
      s.train.resize(cut);
    } else {
      s.test = std::move(held_out);
    }
    splits.push_back(std::move(s));
  }
  return splits;
}

StatusOr<std::shared_ptr<const NerModel>> TrainNer(
    const std::vector<NerSplit>& splits, NerGazetteer gazetteer, const NerTrainOptions& options,
    const std::function<void(const std::string&)>& progress) {
  if (options.hash_bits < 10 || options.hash_bits > 24)
    return absl::InvalidArgumentError("hash_bits must be between 10 and 24");
  if (options.epochs < 1) return absl::InvalidArgumentError("epochs must be at least 1");
  const uint32_t mask = (1u << options.hash_bits) - 1;
  std::vector<Encoded> data;
  std::vector<TokenInfo> info;
  size_t k = 0;
  for (const NerSplit& split : splits) {
    for (const NerSentence& s : split.train) {
      data.push_back(Encode(s, gazetteer, mask, info));
      // A third of the sentences again in ALL CAPS, another third in lower case.
      if (options.case_augment && s.tokens.size() >= 3) {
        if (k % 3 == 1) data.push_back(Encode(Recased(s, 'U'), gazetteer, mask, info));
        if (k % 3 == 2) data.push_back(Encode(Recased(s, 'L'), gazetteer, mask, info));
      }
      ++k;
    }
  }
  if (data.empty()) return absl::InvalidArgumentError("no training sentences");
  const size_t rows = size_t{1} << options.hash_bits;
  std::vector<float> w(rows * kTagStride, 0), u(rows * kTagStride, 0);
  std::vector<float> tw(kTagStride * kTagStride, 0), tu(tw.size(), 0);
  std::vector<float> sw(kTagStride, 0), su(kTagStride, 0);
  std::vector<float> emit, delta;
  std::vector<uint8_t> back, pred;
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  SplitMix64Rng rng(options.seed);
  float c = 1;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
    size_t errors = 0, tokens = 0;
    for (size_t idx : order) {
      const Encoded& e = data[idx];
      const size_t n = e.gold.size();
      emit.assign(n * kTagStride, 0);
      for (size_t i = 0; i < n; ++i) {
        float* acc = emit.data() + i * kTagStride;
        for (uint32_t j = e.offsets[i]; j < e.offsets[i + 1]; ++j) {
          const float* row = w.data() + static_cast<size_t>(e.features[j]) * kTagStride;
          for (int t = 0; t < kTagStride; ++t) acc[t] += row[t];
        }
      }
      delta.resize(n * kTagStride);
      back.resize(n * kTagStride);
      pred.resize(n);
      ViterbiDecode<float>(emit.data(), n, tw.data(), sw.data(), delta.data(), back.data(),
                           pred.data());
      tokens += n;
      for (size_t i = 0; i < n; ++i) {
        const uint8_t g = e.gold[i], p = pred[i];
        const uint8_t gp = i ? e.gold[i - 1] : 255, pp = i ? pred[i - 1] : 255;
        if (g != p) {
          ++errors;
          for (uint32_t j = e.offsets[i]; j < e.offsets[i + 1]; ++j) {
            const size_t r = static_cast<size_t>(e.features[j]) * kTagStride;
            w[r + g] += 1, u[r + g] += c;
            w[r + p] -= 1, u[r + p] -= c;
          }
        }
        if (g != p || gp != pp) {
          if (i == 0) {
            sw[g] += 1, su[g] += c, sw[p] -= 1, su[p] -= c;
          } else {
            tw[gp * kTagStride + g] += 1, tu[gp * kTagStride + g] += c;
            tw[pp * kTagStride + p] -= 1, tu[pp * kTagStride + p] -= c;
          }
        }
      }
      c += 1;
    }
    if (progress) {
      progress("epoch " + std::to_string(epoch + 1) + ": " + std::to_string(errors) +
               " token errors of " + std::to_string(tokens));
    }
  }
  // Averaged weights, then one scale for all tables so emission and transition scores add up.
  auto avg = [c](float wv, float uv) { return wv - uv / c; };
  float max_abs = 1e-6f;
  for (size_t i = 0; i < w.size(); ++i) max_abs = std::max(max_abs, std::fabs(avg(w[i], u[i])));
  const float scale = 32000.0f / max_abs;
  HugePageVector<int16_t> qemit(w.size());
  for (size_t i = 0; i < w.size(); ++i)
    qemit[i] = static_cast<int16_t>(std::lround(avg(w[i], u[i]) * scale));
  std::vector<int32_t> qtrans(tw.size()), qstart(sw.size());
  for (size_t i = 0; i < tw.size(); ++i)
    qtrans[i] = static_cast<int32_t>(std::lround(avg(tw[i], tu[i]) * scale));
  for (size_t i = 0; i < sw.size(); ++i)
    qstart[i] = static_cast<int32_t>(std::lround(avg(sw[i], su[i]) * scale));
  return std::make_shared<const NerModel>(std::move(gazetteer), options.hash_bits, std::move(qemit),
                                          std::move(qtrans), std::move(qstart));
}

NerScores EvaluateTagger(const NerModel& model, const std::vector<NerSentence>& sentences,
                         char recase) {
  NerScores scores;
  NerScratch scratch;
  std::vector<NerEntity> gold, pred;
  std::vector<Token> toks;
  std::vector<uint8_t> tags;
  for (const NerSentence& s0 : sentences) {
    const NerSentence s = recase ? Recased(s0, recase) : s0;
    std::string text = SentenceText(s, &gold);
    LayOutTokens(s, toks);
    tags.assign(toks.size(), 0);
    model.TagSentence(text, toks.data(), toks.size(), scratch, tags.data());
    pred.clear();
    TagsToEntities(toks.data(), tags.data(), toks.size(), pred);
    for (const NerEntity& p : pred) {
      const bool hit = std::any_of(gold.begin(), gold.end(), [&](const NerEntity& g) {
        return g.start == p.start && g.end == p.end && g.label == p.label;
      });
      (hit ? scores.label[p.label].tp : scores.label[p.label].fp)++;
    }
    for (const NerEntity& g : gold) {
      const bool hit = std::any_of(pred.begin(), pred.end(), [&](const NerEntity& p) {
        return g.start == p.start && g.end == p.end && g.label == p.label;
      });
      if (!hit) scores.label[g.label].fn++;
    }
  }
  for (int l = 1; l < 4; ++l) scores.label[0].Add(scores.label[l]);
  return scores;
}

}  // namespace refinery::ner
