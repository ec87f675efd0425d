// Deterministic document embeddings and the geometry of a set of them.
//
// Embedding: hashed unigram + bigram features (token / bigram hash mod dim), weighted by
// raw term frequency times smoothed IDF, idf(b) = ln((1 + N) / (1 + df(b))) + 1 over the
// hashed buckets b, then L2-normalised. Documents without tokens have no embedding.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Dense>

namespace refinery::metrics {

// Document frequencies of the hashed buckets, counted over a whole corpus (or several).
class BucketDocumentFrequency {
 public:
  explicit BucketDocumentFrequency(int dim);
  void AddDocument(std::span<const uint64_t> tokens);
  void Merge(const BucketDocumentFrequency& other);
  // Smoothed IDF per bucket.
  std::vector<double> Idf() const;
  int dim() const { return dim_; }
  uint64_t docs() const { return docs_; }

 private:
  int dim_;
  uint64_t docs_ = 0;
  std::vector<uint64_t> df_;
  std::vector<uint32_t> seen_;  // scratch: last doc that touched each bucket
  std::vector<uint32_t> buckets_;
};

// Buckets of a document's features (each unigram and bigram once per occurrence).
void FeatureBuckets(std::span<const uint64_t> tokens, int dim, std::vector<uint32_t>& out);

// The embedding of one document; false when it has no features.
bool Embed(std::span<const uint64_t> tokens, const std::vector<double>& idf, Eigen::VectorXd& out);

struct EmbeddingGeometry {
  uint64_t n = 0;
  // Root of the mean squared L2 distance over unordered pairs: closed form from the sum
  // vector S of n unit vectors, sqrt(2 (n^2 - |S|^2) / (n (n - 1))).
  double mean_pairwise_l2 = 0;
  // Root of the mean squared distance to the centroid c = S / n: sqrt(1 - |c|^2).
  double centroid_l2 = 0;
  // Vendi score with the cosine kernel: exp(-sum l log l) over the eigenvalues l of
  // X^T X / n (the same non-zero spectrum as the n x n similarity matrix K / n).
  double vendi = 0;
};

// Rows of `x` are unit embeddings.
EmbeddingGeometry Geometry(const Eigen::MatrixXd& x);

// PCA of the pooled rows (centred): coordinates of every row on the first two components.
// `explained` (optional) receives the share of the total variance on each of the two axes.
Eigen::MatrixXd Pca2(const Eigen::MatrixXd& x, Eigen::Vector2d* explained = nullptr);

}  // namespace refinery::metrics
