#include "service/ocr_pool.h"

namespace bpkb::service {

struct OcrPool::Task {
  std::shared_ptr<const std::string> bytes;
  ReadRequest request;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool abandoned = false;  // the request stopped waiting: skip if not started
  Status status;
  PageReading reading;
};

OcrPool::OcrPool(int workers, int queue_capacity, ReaderFactory factory)
    : workers_(workers < 1 ? 1 : workers),
      capacity_(queue_capacity < 0 ? 0 : queue_capacity),
      factory_(std::move(factory)) {}

OcrPool::~OcrPool() { Stop(); }

Status OcrPool::Start() {
  for (int i = 0; i < workers_; ++i) threads_.emplace_back([this, i] { Work(i); });
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return opened_ == workers_; });
  return open_status_;
}

int OcrPool::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(queue_.size());
}

Status OcrPool::Read(std::shared_ptr<const std::string> bytes, ReadRequest request,
                     std::chrono::steady_clock::time_point deadline, PageReading* out) {
  auto task = std::make_shared<Task>();
  task->bytes = std::move(bytes);
  task->request = request;
  task->request.bytes = *task->bytes;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return Status::Unavailable("the server is shutting down");
    if (busy_ + static_cast<int>(queue_.size()) >= workers_ + capacity_) {
      return Status::Unavailable("every OCR worker is busy and the queue is full");
    }
    queue_.push_back(task);
  }
  cv_.notify_all();

  std::unique_lock<std::mutex> lock(task->mu);
  if (!task->cv.wait_until(lock, deadline, [&] { return task->done; })) {
    task->abandoned = true;
    return Status::Timeout("the request took longer than its time limit");
  }
  *out = std::move(task->reading);
  return task->status;
}

void OcrPool::Work(int /*index*/) {
  std::unique_ptr<Reader> reader;
  Status opened = factory_(&reader);
  if (opened.ok() && !reader) opened = Status::Internal("the reader factory made no reader");
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!opened.ok() && open_status_.ok()) open_status_ = opened;
    ++opened_;
  }
  cv_.notify_all();
  if (!opened.ok()) return;

  for (;;) {
    std::shared_ptr<Task> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = queue_.front();
      queue_.pop_front();
      ++busy_;
    }
    bool skip;
    {
      std::lock_guard<std::mutex> lock(task->mu);
      skip = task->abandoned;
    }
    Status status;
    PageReading reading;
    if (!skip) {
      ++running_;
      status = reader->Read(task->request, &reading);
      --running_;
    }
    // Free the slot before the answer goes out: a client that sends its next
    // request as soon as it has this one's must find the slot free.
    {
      std::lock_guard<std::mutex> lock(mu_);
      --busy_;
    }
    {
      std::lock_guard<std::mutex> lock(task->mu);
      task->status = status;
      task->reading = std::move(reading);
      task->done = true;
    }
    task->cv.notify_all();
  }
}

void OcrPool::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace bpkb::service
