// Asynchronous fan-out of LLM requests for the steps that send them (`rewrite`, LLM `edit`).
//
// The client's callback runs on the one thread that drives every transfer (llm/client.h), so
// it must stay short. Here it only hands the reply over: it is queued, and a small pool of
// worker threads (one per core by default) runs the step's reply handler (verification,
// scoring, repair, fallback, audit). One slow verification then never delays other
// transfers, and verification uses every core.
//
// A FanOut counts what one batch still waits for and calls its `finish` exactly once, on
// whichever thread releases the last hold, after every handler has returned.
//
// Where replies come from is a ReplySource: the live client, or (gdr/batch_rounds.h) the
// result files of an offline batch round.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "refinery/llm/client.h"

namespace refinery::llm {

// What answers a request. Submit's callback may run on any thread, inline included.
class ReplySource {
 public:
  virtual ~ReplySource() = default;
  virtual void Submit(ChatRequest request, LlmClient::Callback done) = 0;
  // A verified reply taken with `defer_cache_write` (see LlmClient::Remember).
  virtual void Remember(const ChatResponse& response) { (void)response; }
  // After the run's last batch: figures for the step's summary (and, for a batch round, the
  // next requests file).
  virtual void Finish(Json& extra) { (void)extra; }
};

// The error a ReplySource gives for a request it has no reply for yet (an offline batch
// round asks for it in its next requests file): neither a failure nor a retry.
Status DeferredError();
bool IsDeferred(const Status& status);

// The live client as a ReplySource.
class ClientReplySource : public ReplySource {
 public:
  explicit ClientReplySource(std::shared_ptr<LlmClient> client) : client_(std::move(client)) {}
  void Submit(ChatRequest request, LlmClient::Callback done) override {
    client_->Submit(std::move(request), std::move(done));
  }
  void Remember(const ChatResponse& response) override { client_->Remember(response); }

 private:
  std::shared_ptr<LlmClient> client_;
};

// A fixed pool of threads running posted work in FIFO order. The destructor runs what is
// queued, then joins.
//
// It also keeps the window of requests sent and not yet handled to `max_outstanding` (0: no
// limit): a reply waiting for verification still counts, so replies never pile up unverified
// (and unremembered by the cache) faster than the workers judge them; a killed run loses at
// most that many answered replies.
class ReplyWorkers {
 public:
  explicit ReplyWorkers(int threads = 0, size_t max_outstanding = 0);  // 0: one per core
  ~ReplyWorkers();
  ReplyWorkers(const ReplyWorkers&) = delete;
  ReplyWorkers& operator=(const ReplyWorkers&) = delete;

  void Post(std::function<void()> work);
  int threads() const { return static_cast<int>(threads_.size()); }

  // Runs `send` now when the window has room, else when a handled request frees a place.
  void Admit(std::function<void()> send);
  // A request admitted earlier is handled: its place goes to the next waiting one.
  void Handled();

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  const size_t max_outstanding_;
  std::mutex window_mu_;
  size_t outstanding_ = 0;
  std::deque<std::function<void()>> waiting_;
};

// One batch's outstanding work. Create with one hold (the creator's); Submit adds one per
// request and releases it after the handler ran; Release the creator's hold once every
// request of the batch is submitted.
class FanOut : public std::enable_shared_from_this<FanOut> {
 public:
  static std::shared_ptr<FanOut> Create(ReplySource& source, ReplyWorkers& workers,
                                        std::function<void()> finish);

  // Sends `request`; `handle` runs on a worker with the reply. It may Submit again. A request
  // that waits for a place in the window is not sent if `cancelled` says so once it gets one:
  // `handle` then gets a Cancelled status (a run that stopped sends nothing more).
  void Submit(ChatRequest request, LlmClient::Callback handle,
              std::function<bool()> cancelled = nullptr);
  void Hold() { pending_.fetch_add(1, std::memory_order_relaxed); }
  void Release();

 private:
  FanOut(ReplySource& source, ReplyWorkers& workers, std::function<void()> finish)
      : source_(source), workers_(workers), finish_(std::move(finish)) {}
  // Runs `handle` with `reply` on a worker, then frees the request's place and its hold.
  void Deliver(LlmClient::Callback handle, StatusOr<ChatResponse> reply);

  ReplySource& source_;
  ReplyWorkers& workers_;
  std::function<void()> finish_;
  std::atomic<int64_t> pending_{1};
};

}  // namespace refinery::llm
