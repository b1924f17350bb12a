// OcrPool: a fixed set of OCR workers, each owning one bpkb::Reader, fed by a
// bounded queue. Read() never waits for room: when every worker is busy and the
// queue is full it answers kUnavailable at once (the service's 503), and it stops
// waiting at the request's deadline (kTimeout) even if the reader has not. Stop()
// lets queued and running reads finish, then joins the workers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bpkb/reader.h"

namespace bpkb::service {

using ReaderFactory = std::function<Status(std::unique_ptr<Reader>*)>;

class OcrPool {
 public:
  OcrPool(int workers, int queue_capacity, ReaderFactory factory);
  ~OcrPool();

  // Opens one reader per worker (in its thread) and waits until all are ready.
  Status Start();
  // `bytes` is shared so that a read that outlives its request stays valid;
  // request.bytes is pointed at it here.
  Status Read(std::shared_ptr<const std::string> bytes, ReadRequest request,
              std::chrono::steady_clock::time_point deadline, PageReading* out);
  void Stop();

  int running() const { return running_.load(); }
  int queued() const;

 private:
  struct Task;
  void Work(int index);

  const int workers_;
  const int capacity_;  // queue slots beyond the workers
  ReaderFactory factory_;
  std::vector<std::thread> threads_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Task>> queue_;
  int busy_ = 0;  // tasks taken by workers, under mu_
  bool stopping_ = false;
  int opened_ = 0;
  Status open_status_;
  std::atomic<int> running_{0};
};

}  // namespace bpkb::service
