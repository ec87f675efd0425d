#include "refinery/metrics/embedding.h"

#include <cmath>

#include <gtest/gtest.h>

#include "refinery/metrics/tokenize.h"

namespace refinery::metrics {
namespace {

TEST(EmbeddingGeometryTest, TwoOrthogonalUnitVectors) {
  Eigen::MatrixXd x(2, 3);
  x << 1, 0, 0,  //
      0, 1, 0;
  EmbeddingGeometry g = Geometry(x);
  EXPECT_NEAR(g.mean_pairwise_l2, std::sqrt(2.0), 1e-12);  // |e1 - e2|
  EXPECT_NEAR(g.centroid_l2, std::sqrt(0.5), 1e-12);       // |e1 - (e1 + e2) / 2|
  EXPECT_NEAR(g.vendi, 2.0, 1e-9);                         // eigenvalues 1/2, 1/2
}

TEST(EmbeddingGeometryTest, DuplicatesAndUnequalModes) {
  Eigen::MatrixXd same(3, 2);
  same << 1, 0, 1, 0, 1, 0;
  EmbeddingGeometry g = Geometry(same);
  EXPECT_NEAR(g.mean_pairwise_l2, 0, 1e-9);
  EXPECT_NEAR(g.centroid_l2, 0, 1e-9);
  EXPECT_NEAR(g.vendi, 1.0, 1e-9);

  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 1, 0, 0, 1;
  g = Geometry(x);
  // Eigenvalues 2/3, 1/3: exp(-(2/3 ln 2/3 + 1/3 ln 1/3)).
  EXPECT_NEAR(g.vendi, std::exp(-(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3))),
              1e-9);
  // Pairs: (e1,e1) 0, (e1,e2) sqrt2 twice -> mean squared 4/3.
  EXPECT_NEAR(g.mean_pairwise_l2, std::sqrt(4.0 / 3), 1e-12);
  // Centroid (2/3, 1/3): squared distances 2/9, 2/9, 8/9 -> mean 4/9.
  EXPECT_NEAR(g.centroid_l2, std::sqrt(4.0 / 9), 1e-12);
}

TEST(EmbeddingTest, IdfAndNormalisation) {
  const int dim = 1 << 16;
  uint64_t x = TokenHash("x"), y = TokenHash("y");
  std::vector<uint32_t> b;
  std::vector<uint64_t> xy = {x, y};
  FeatureBuckets(xy, dim, b);
  ASSERT_EQ(b.size(), 3u);  // x, (x y), y
  ASSERT_TRUE(b[0] != b[1] && b[1] != b[2] && b[0] != b[2]);
  BucketDocumentFrequency df(dim);
  std::vector<uint64_t> only_x = {x};
  df.AddDocument(only_x);
  df.AddDocument(xy);
  std::vector<double> idf = df.Idf();
  EXPECT_NEAR(idf[b[0]], 1.0, 1e-12);                      // df 2 of 2
  EXPECT_NEAR(idf[b[2]], std::log(3.0 / 2.0) + 1, 1e-12);  // df 1 of 2
  Eigen::VectorXd v;
  ASSERT_TRUE(Embed(xy, idf, v));
  double wy = std::log(1.5) + 1;
  double norm = std::sqrt(1 + wy * wy + wy * wy);
  EXPECT_NEAR(v[b[0]], 1 / norm, 1e-12);
  EXPECT_NEAR(v[b[2]], wy / norm, 1e-12);
  EXPECT_NEAR(v.norm(), 1, 1e-12);
  EXPECT_FALSE(Embed({}, idf, v));
}

TEST(PcaTest, FirstAxisFollowsTheLargestSpread) {
  Eigen::MatrixXd x(4, 2);
  x << -2, 0.1, 2, -0.1, -1, 0, 1, 0;
  Eigen::MatrixXd p = Pca2(x);
  EXPECT_NEAR(std::abs(p(0, 0)), 2.0, 0.01);
  EXPECT_NEAR(std::abs(p(2, 0)), 1.0, 0.01);
  EXPECT_LT(std::abs(p(0, 1)), 0.2);
}

}  // namespace
}  // namespace refinery::metrics
