#include "refinery/llm/fanout.h"

namespace refinery::llm {

namespace {
constexpr char kDeferred[] = "llm: no reply yet (deferred to the next batch round)";
}  // namespace

Status DeferredError() { return absl::UnavailableError(kDeferred); }

bool IsDeferred(const Status& status) {
  return absl::IsUnavailable(status) && std::string(status.message()) == kDeferred;
}

ReplyWorkers::ReplyWorkers(int threads, size_t max_outstanding)
    : max_outstanding_(max_outstanding) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

ReplyWorkers::~ReplyWorkers() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ReplyWorkers::Post(std::function<void()> work) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(work));
  }
  cv_.notify_one();
}

void ReplyWorkers::Admit(std::function<void()> send) {
  {
    std::lock_guard<std::mutex> lock(window_mu_);
    if (max_outstanding_ > 0 && outstanding_ >= max_outstanding_) {
      waiting_.push_back(std::move(send));
      return;
    }
    outstanding_++;
  }
  send();
}

void ReplyWorkers::Handled() {
  std::function<void()> next;
  {
    std::lock_guard<std::mutex> lock(window_mu_);
    if (waiting_.empty()) {
      outstanding_--;
      return;
    }
    next = std::move(waiting_.front());  // takes over the place
    waiting_.pop_front();
  }
  next();
}

void ReplyWorkers::Run() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    work();
  }
}

std::shared_ptr<FanOut> FanOut::Create(ReplySource& source, ReplyWorkers& workers,
                                       std::function<void()> finish) {
  return std::shared_ptr<FanOut>(new FanOut(source, workers, std::move(finish)));
}

void FanOut::Submit(ChatRequest request, LlmClient::Callback handle,
                    std::function<bool()> cancelled) {
  Hold();
  auto self = shared_from_this();
  auto req = std::make_shared<ChatRequest>(std::move(request));
  workers_.Admit([self, req, handle = std::move(handle),
                  cancelled = std::move(cancelled)]() mutable {
    if (cancelled && cancelled()) {
      self->Deliver(std::move(handle), absl::CancelledError("not sent: the run stopped"));
      return;
    }
    // The callback only queues the reply: the handler runs on a worker, never on the client's
    // event-loop thread.
    self->source_.Submit(std::move(*req),
                         [self, handle = std::move(handle)](StatusOr<ChatResponse> reply) mutable {
                           self->Deliver(std::move(handle), std::move(reply));
                         });
  });
}

void FanOut::Deliver(LlmClient::Callback handle, StatusOr<ChatResponse> reply) {
  auto shared = std::make_shared<StatusOr<ChatResponse>>(std::move(reply));
  workers_.Post([self = shared_from_this(), handle = std::move(handle), shared]() mutable {
    handle(std::move(*shared));
    self->workers_.Handled();
    self->Release();
  });
}

void FanOut::Release() {
  if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    auto finish = std::move(finish_);
    finish();
  }
}

}  // namespace refinery::llm
