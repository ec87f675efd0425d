// The fan-out helper: the source's callback only queues; handlers run on the workers; the
// batch finishes once, after every handler (resubmissions included).
#include "refinery/llm/fanout.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <set>

namespace refinery::llm {
namespace {

// Answers every request from its own thread, like the client's event loop.
class ThreadSource : public ReplySource {
 public:
  // A gated source answers nothing until Open(): a test can then have every request it
  // expects sent before the first reply is handled, whatever the threads' timing.
  explicit ThreadSource(bool gated = false) : open_(!gated), loop_([this] { Run(); }) {}
  ~ThreadSource() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    loop_.join();
  }
  void Submit(ChatRequest request, LlmClient::Callback done) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++sent_;
    queue_.emplace_back(std::move(request), std::move(done));
    cv_.notify_all();
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  std::thread::id loop_id() const { return loop_.get_id(); }
  int sent() {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }

 private:
  void Run() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || (open_ && !queue_.empty()); });
      if (queue_.empty()) return;
      auto [req, done] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      ChatResponse r;
      r.choices = {req.prompt};
      done(std::move(r));
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<ChatRequest, LlmClient::Callback>> queue_;
  bool stop_ = false;
  bool open_;
  int sent_ = 0;
  std::thread loop_;
};

TEST(FanOut, HandlersRunOnWorkersAndTheBatchFinishesOnce) {
  ThreadSource source;
  ReplyWorkers workers(2);
  std::mutex mu;
  std::condition_variable cv;
  int finished = 0;
  std::multiset<std::string> seen;
  bool on_loop = false;
  auto fan = FanOut::Create(source, workers, [&] {
    std::lock_guard<std::mutex> lock(mu);
    finished++;
    cv.notify_all();
  });
  for (int i = 0; i < 50; ++i) {
    ChatRequest req;
    req.prompt = "r" + std::to_string(i);
    FanOut* f = fan.get();
    fan->Submit(std::move(req), [&, f, i](StatusOr<ChatResponse> r) {
      ASSERT_TRUE(r.ok());
      std::lock_guard<std::mutex> lock(mu);
      on_loop = on_loop || std::this_thread::get_id() == source.loop_id();
      seen.insert(r->choices[0]);
      if (i % 10 == 0) {  // a follow-up request from inside a handler (a retry)
        ChatRequest again;
        again.prompt = "again" + std::to_string(i);
        f->Submit(std::move(again), [&](StatusOr<ChatResponse> r2) {
          std::lock_guard<std::mutex> lock2(mu);
          seen.insert(r2->choices[0]);
        });
      }
    });
  }
  fan->Release();
  fan.reset();
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return finished > 0; }));
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(seen.size(), 55u);
  EXPECT_EQ(seen.count("again40"), 1u);
  EXPECT_FALSE(on_loop) << "a handler ran on the source's thread";
}

// A run that stops (quota exhausted) sends none of the requests still waiting for a place in
// the window: they come back Cancelled without reaching the source.
TEST(FanOut, WaitingRequestsAreNotSentOnceCancelled) {
  ThreadSource source(/*gated=*/true);
  ReplyWorkers workers(1, /*max_outstanding=*/2);
  std::mutex mu;
  std::condition_variable cv;
  bool finished = false, stopped = false;
  int answered = 0, cancelled = 0;
  auto fan = FanOut::Create(source, workers, [&] {
    std::lock_guard<std::mutex> lock(mu);
    finished = true;
    cv.notify_all();
  });
  for (int i = 0; i < 10; ++i) {
    ChatRequest req;
    req.prompt = "r" + std::to_string(i);
    fan->Submit(
        std::move(req),
        [&](StatusOr<ChatResponse> r) {
          std::lock_guard<std::mutex> lock(mu);
          if (r.ok()) {
            ++answered;
            stopped = true;  // the first answer stops the run
          } else if (absl::IsCancelled(r.status())) {
            ++cancelled;
          }
        },
        [&] {
          std::lock_guard<std::mutex> lock(mu);
          return stopped;
        });
  }
  EXPECT_EQ(source.sent(), 2);  // the window's two; eight wait for a place
  source.Open();
  fan->Release();
  fan.reset();
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return finished; }));
  EXPECT_EQ(source.sent(), 2);  // nothing after the stop
  EXPECT_EQ(answered, 2);
  EXPECT_EQ(cancelled, 8);
}

TEST(FanOut, DeferredIsItsOwnStatus) {
  EXPECT_TRUE(IsDeferred(DeferredError()));
  EXPECT_FALSE(IsDeferred(absl::UnavailableError("llm: retries exhausted")));
}

}  // namespace
}  // namespace refinery::llm
