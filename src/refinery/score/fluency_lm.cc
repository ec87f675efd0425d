#include "refinery/score/fluency_lm.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "refinery/io/model_file.h"
#include "refinery/score/quality_tokenizer.h"

namespace refinery {

namespace {

constexpr int kMaxOrder = 4;
constexpr int kIdBits = 16;  // ids are packed 16 bits each into a u64 key: order <= 4
constexpr uint32_t kMaxVocab = (1u << kIdBits) - 1;
constexpr uint64_t kIdMask = (uint64_t{1} << kIdBits) - 1;
const char* const kSpecials[] = {"<s>", "</s>", "<unk>", "<num>"};

// The model's view of a token: lower-cased (ASCII), "<num>" when it holds a digit.
void ForEachNormalizedToken(std::string_view text, std::vector<quality::Token>& scratch,
                            const auto& fn) {
  quality::Tokenize(text, quality::TokenizerMode::kFast, scratch);
  std::string word;
  for (const quality::Token& t : scratch) {
    word.assign(text.substr(t.begin, t.end - t.begin));
    bool digit = false;
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c >= '0' && c <= '9') digit = true;
    }
    fn(digit ? std::string(kSpecials[WordNgramLM::kNum]) : word);
  }
}

uint64_t Pack(const uint32_t* ids, size_t n) {
  uint64_t k = 0;
  for (size_t i = 0; i < n; ++i) k = (k << kIdBits) | ids[i];
  return k;
}

// Position of `key` in the sorted `keys`, or -1.
ptrdiff_t Find(const std::vector<uint64_t>& keys, uint64_t key) {
  auto it = std::lower_bound(keys.begin(), keys.end(), key);
  return it != keys.end() && *it == key ? it - keys.begin() : -1;
}

// Modified Kneser-Ney discounts D1, D2, D3+ from the count-of-counts (Chen & Goodman 1998).
std::array<double, 3> Discounts(const std::unordered_map<uint64_t, uint32_t>& counts) {
  double n[5] = {0, 0, 0, 0, 0};
  for (const auto& [k, c] : counts) {
    if (c <= 4) n[c] += 1;
  }
  if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) return {0.5, 1.0, 1.5};
  double y = n[1] / (n[1] + 2 * n[2]);
  std::array<double, 3> d = {1 - 2 * y * n[2] / n[1], 2 - 3 * y * n[3] / n[2],
                             3 - 4 * y * n[4] / n[3]};
  for (int i = 0; i < 3; ++i) d[i] = std::clamp(d[i], 0.05, double(i + 1) - 0.05);
  return d;
}

template <typename T>
void WriteSorted(ModelWriter& w, const std::vector<uint64_t>& keys, const std::vector<T>& vals) {
  w.U64(keys.size());
  for (uint64_t k : keys) w.U64(k);
  w.F32Array(vals);
}

}  // namespace

// --- WordNgramLM ------------------------------------------------------------------------------

std::shared_ptr<const WordNgramLM> WordNgramLM::Train(
    const std::vector<std::string>& sentences, const Options& options,
    const std::vector<std::string>& more_sentences) {
  auto lm = std::shared_ptr<WordNgramLM>(new WordNgramLM());
  const int order = std::clamp(options.order, 1, kMaxOrder);
  lm->order_ = order;
  std::vector<quality::Token> scratch;

  // Vocabulary: the specials, then words seen >= min_count times, most frequent first (ties
  // by spelling, so the ids are deterministic), at most kMaxVocab in all.
  std::unordered_map<std::string, uint32_t> freq;
  for (const std::string& s : sentences) {
    ForEachNormalizedToken(s, scratch, [&](const std::string& w) { ++freq[w]; });
  }
  std::vector<std::pair<std::string, uint32_t>> words;
  for (auto& [w, c] : freq) {
    bool special = std::find(std::begin(kSpecials), std::end(kSpecials), w) != std::end(kSpecials);
    if (!special && c >= static_cast<uint32_t>(std::max(1, options.min_count))) {
      words.emplace_back(w, c);
    }
  }
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  size_t cap = kMaxVocab - 4;
  if (options.max_words > 0) cap = std::min<size_t>(cap, options.max_words);
  if (words.size() > cap) words.resize(cap);
  for (const char* s : kSpecials) lm->vocab_.emplace_back(s);
  for (auto& [w, c] : words) lm->vocab_.push_back(w);
  for (uint32_t i = 0; i < lm->vocab_.size(); ++i) lm->ids_.emplace(lm->vocab_[i], i);

  // Raw counts of every n-gram ending at a word or </s>; <s> starts each sentence once.
  std::vector<std::unordered_map<uint64_t, uint32_t>> raw(order + 1);
  std::vector<uint32_t> ids;
  double tokens = 0;
  std::vector<double> unigram(lm->vocab_.size(), 0);
  for (size_t si = 0; si < sentences.size() + more_sentences.size(); ++si) {
    const std::string& s =
        si < sentences.size() ? sentences[si] : more_sentences[si - sentences.size()];
    ids.assign(1, kBos);
    std::vector<uint32_t> enc = lm->Encode(s);
    ids.insert(ids.end(), enc.begin(), enc.end());
    for (size_t i = 1; i < ids.size(); ++i) {
      unigram[ids[i]] += 1;
      tokens += 1;
      for (int n = 1; n <= order && static_cast<size_t>(n) <= i + 1; ++n) {
        ++raw[n][Pack(&ids[i + 1 - n], n)];
      }
    }
  }
  lm->log_unigram_.resize(lm->vocab_.size());
  for (size_t id = 0; id < unigram.size(); ++id) {
    lm->log_unigram_[id] =
        static_cast<float>(std::log2(std::max(unigram[id], 0.5) / std::max(tokens, 1.0)));
  }

  // Kneser-Ney counts: raw at the highest order and for n-grams that start with <s> (they
  // cannot be extended to the left); elsewhere the number of distinct left extensions.
  std::vector<std::unordered_map<uint64_t, uint32_t>> adj(order + 1);
  adj[order] = raw[order];
  for (int n = order - 1; n >= 1; --n) {
    const uint64_t mask = n * kIdBits >= 64 ? ~uint64_t{0} : (uint64_t{1} << (n * kIdBits)) - 1;
    const int first_shift = (n - 1) * kIdBits;
    for (const auto& [k, c] : raw[n]) {
      if (((k >> first_shift) & kIdMask) == kBos) adj[n][k] = c;
    }
    for (const auto& [k, c] : raw[n + 1]) {
      uint64_t suffix = k & mask;
      if (((suffix >> first_shift) & kIdMask) != kBos) ++adj[n][suffix];
    }
  }
  // Every word of the vocabulary (not <s>) gets a unigram entry, seen or not.
  for (uint32_t id = 1; id < lm->vocab_.size(); ++id) adj[1].try_emplace(id, 0);

  // Interpolated probabilities, lower orders first:
  //   p(w|h) = max(c(hw) - D(c), 0) / c(h·) + γ(h) p(w|h'),
  //   γ(h) = (D1 N1(h·) + D2 N2(h·) + D3 N3+(h·)) / c(h·).
  lm->keys_.assign(order, {});
  lm->logp_.assign(order, {});
  lm->context_keys_.assign(order, {});
  lm->log_backoff_.assign(order, {});
  std::unordered_map<uint64_t, double> lower_p;  // order n-1's p(w|h') by packed key
  const double uniform = 1.0 / static_cast<double>(lm->vocab_.size() - 1);
  for (int n = 1; n <= order; ++n) {
    std::array<double, 3> d = Discounts(adj[n]);
    auto discount = [&](uint32_t c) { return c == 0 ? 0.0 : d[std::min<uint32_t>(c, 3) - 1]; };
    // Integer sums per context, so the result does not depend on the maps' iteration order.
    struct ContextStats {
      uint64_t total = 0, n[3] = {0, 0, 0};  // c(h·); N1, N2, N3+ of h
      double Gamma(const std::array<double, 3>& d) const {
        return total == 0 ? 1.0 : (d[0] * n[0] + d[1] * n[1] + d[2] * n[2]) / total;
      }
    };
    std::unordered_map<uint64_t, ContextStats> ctx;
    for (const auto& [k, c] : adj[n]) {
      ContextStats& s = ctx[k >> kIdBits];
      s.total += c;
      if (c > 0) ++s.n[std::min<uint32_t>(c, 3) - 1];
    }
    std::vector<std::pair<uint64_t, double>> probs;
    probs.reserve(adj[n].size());
    std::unordered_map<uint64_t, double> this_p;
    this_p.reserve(adj[n].size());
    for (const auto& [k, c] : adj[n]) {
      const ContextStats& s = ctx[k >> kIdBits];
      double gamma = s.Gamma(d);
      double lower = uniform;
      if (n > 1) {
        const uint64_t mask = (uint64_t{1} << ((n - 1) * kIdBits)) - 1;
        auto it = lower_p.find(k & mask);
        lower = it != lower_p.end() ? it->second : uniform;
      }
      double p =
          s.total > 0 ? (c - discount(c)) / static_cast<double>(s.total) + gamma * lower : lower;
      this_p.emplace(k, p);
      probs.emplace_back(k, p);
    }
    std::sort(probs.begin(), probs.end());
    for (const auto& [k, p] : probs) {
      lm->keys_[n - 1].push_back(k);
      lm->logp_[n - 1].push_back(static_cast<float>(std::log2(p)));
    }
    std::vector<std::pair<uint64_t, double>> backoffs;
    for (const auto& [h, s] : ctx) {
      if (s.total > 0) backoffs.emplace_back(h, s.Gamma(d));
    }
    std::sort(backoffs.begin(), backoffs.end());
    for (const auto& [h, g] : backoffs) {
      lm->context_keys_[n - 1].push_back(h);
      lm->log_backoff_[n - 1].push_back(static_cast<float>(std::log2(std::max(g, 1e-30))));
    }
    lower_p = std::move(this_p);
  }
  return lm;
}

std::vector<uint32_t> WordNgramLM::Encode(std::string_view text) const {
  std::vector<uint32_t> out;
  std::vector<quality::Token> scratch;
  ForEachNormalizedToken(text, scratch, [&](const std::string& w) {
    auto it = ids_.find(w);
    out.push_back(it == ids_.end() || it->second == kBos ? kUnk : it->second);
  });
  out.push_back(kEos);
  return out;
}

double WordNgramLM::LogProb(const uint32_t* context, size_t context_len, uint32_t w) const {
  size_t m = std::min<size_t>(context_len, order_ - 1);
  double backoff = 0;
  for (size_t k = m + 1; k-- > 0;) {  // k = context words used, n = k + 1
    const uint32_t* h = context + context_len - k;
    uint64_t hk = Pack(h, k);
    ptrdiff_t i = Find(keys_[k], (hk << kIdBits) | w);
    if (i >= 0) return backoff + logp_[k][i];
    ptrdiff_t c = Find(context_keys_[k], hk);
    if (c >= 0) backoff += log_backoff_[k][c];
  }
  // Only <s> has no unigram entry; it is never predicted.
  return backoff + std::log2(1.0 / static_cast<double>(vocab_.size()));
}

std::vector<WordNgramLM::TokenProb> WordNgramLM::Score(std::string_view text) const {
  std::vector<uint32_t> ids(1, kBos);
  std::vector<uint32_t> enc = Encode(text);
  ids.insert(ids.end(), enc.begin(), enc.end());
  std::vector<TokenProb> out;
  out.reserve(enc.size());
  for (size_t i = 1; i < ids.size(); ++i) {
    TokenProb t;
    t.logp = static_cast<float>(LogProb(ids.data(), i, ids[i]));
    t.logp_unigram = log_unigram_[ids[i]];
    out.push_back(t);
  }
  return out;
}

size_t WordNgramLM::ngram_count() const {
  size_t n = 0;
  for (const auto& k : keys_) n += k.size();
  return n;
}

void WordNgramLM::Write(ModelWriter& w) const {
  w.U32(static_cast<uint32_t>(order_));
  w.StringArray(vocab_);
  w.F32Array(log_unigram_);
  for (int n = 0; n < order_; ++n) {
    WriteSorted(w, keys_[n], logp_[n]);
    WriteSorted(w, context_keys_[n], log_backoff_[n]);
  }
}

StatusOr<std::shared_ptr<const WordNgramLM>> WordNgramLM::Read(ModelReader& r) {
  auto lm = std::shared_ptr<WordNgramLM>(new WordNgramLM());
  uint32_t order = r.U32();
  if (r.ok() && (order < 1 || order > kMaxOrder)) r.Fail("order out of range");
  lm->order_ = static_cast<int>(order);
  lm->vocab_ = r.StringArray();
  lm->log_unigram_ = r.F32Array();
  if (r.ok() && (lm->vocab_.size() < 4 || lm->vocab_.size() > kMaxVocab ||
                 lm->log_unigram_.size() != lm->vocab_.size())) {
    r.Fail("vocabulary and unigram table disagree");
  }
  auto read_sorted = [&](std::vector<uint64_t>& keys, std::vector<float>& vals) {
    uint64_t n = r.U64();
    if (!r.ok() || n > r.remaining() / 8) {
      r.Fail("n-gram table longer than the file");
      return;
    }
    keys.resize(n);
    for (uint64_t& k : keys) k = r.U64();
    vals = r.F32Array();
    if (r.ok() && (vals.size() != keys.size() || !std::is_sorted(keys.begin(), keys.end()))) {
      r.Fail("n-gram table malformed");
    }
  };
  if (r.ok()) {
    lm->keys_.resize(order);
    lm->logp_.resize(order);
    lm->context_keys_.resize(order);
    lm->log_backoff_.resize(order);
    for (uint32_t n = 0; n < order && r.ok(); ++n) {
      read_sorted(lm->keys_[n], lm->logp_[n]);
      read_sorted(lm->context_keys_[n], lm->log_backoff_[n]);
    }
  }
  if (!r.ok()) return r.Finish();
  for (uint32_t i = 0; i < lm->vocab_.size(); ++i) lm->ids_.emplace(lm->vocab_[i], i);
  return std::shared_ptr<const WordNgramLM>(lm);
}

// --- FluencyJudge -----------------------------------------------------------------------------

std::shared_ptr<const FluencyJudge> FluencyJudge::Train(
    const std::vector<std::string>& train, const std::vector<std::string>& calibration,
    const Options& options, const std::vector<std::string>& more_train) {
  auto judge = std::shared_ptr<FluencyJudge>(new FluencyJudge());
  judge->lm_ = WordNgramLM::Train(train, options.lm, more_train);
  judge->window_ = std::max(1, options.window);
  std::vector<double> scores;
  scores.reserve(calibration.size());
  for (const std::string& s : calibration) scores.push_back(judge->Score(s));
  std::sort(scores.begin(), scores.end());
  if (!scores.empty()) {
    double q = std::clamp(options.reject_rate, 0.0, 1.0);
    size_t i = std::min(scores.size() - 1, static_cast<size_t>(q * scores.size()));
    judge->threshold_ = scores[i];
  }
  return judge;
}

double FluencyJudge::Score(std::string_view text) const {
  std::vector<WordNgramLM::TokenProb> probs = lm_->Score(text);
  std::vector<double> odds(probs.size());
  for (size_t i = 0; i < probs.size(); ++i) odds[i] = probs[i].logp - probs[i].logp_unigram;
  size_t w = std::min<size_t>(window_, odds.size());
  double sum = 0;
  for (size_t i = 0; i < w; ++i) sum += odds[i];
  double worst = sum;
  for (size_t i = w; i < odds.size(); ++i) {
    sum += odds[i] - odds[i - w];
    worst = std::min(worst, sum);
  }
  return worst / static_cast<double>(w);
}

bool FluencyJudge::Fluent(std::string_view text) const {
  if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return false;
  return Score(text) >= threshold_;
}

Status FluencyJudge::Save(const std::string& path) const {
  ModelWriter w;
  w.U32(static_cast<uint32_t>(window_));
  w.F64(threshold_);
  lm_->Write(w);
  return WriteModelFile(path, "fluency", kFormatVersion, w.bytes());
}

StatusOr<std::shared_ptr<const FluencyJudge>> FluencyJudge::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string payload, ReadModelFile(path, "fluency", kFormatVersion));
  ModelReader r(payload);
  auto judge = std::shared_ptr<FluencyJudge>(new FluencyJudge());
  uint32_t window = r.U32();
  judge->threshold_ = r.F64();
  if (r.ok() && (window < 1 || window > 64)) r.Fail("window out of range");
  judge->window_ = static_cast<int>(window);
  auto lm = WordNgramLM::Read(r);
  if (!lm.ok()) return absl::InvalidArgumentError(path + ": " + std::string(lm.status().message()));
  if (Status s = r.Finish(); !s.ok()) {
    return absl::InvalidArgumentError(path + ": " + std::string(s.message()));
  }
  judge->lm_ = std::move(*lm);
  return std::shared_ptr<const FluencyJudge>(judge);
}

}  // namespace refinery
