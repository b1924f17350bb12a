// Placeholder until the pipeline lands (issue 5): refuses every document.
#include "bpkb/reader.h"

namespace bpkb {
namespace {

class PendingReader : public Reader {
 public:
  Status Read(const ReadRequest&, PageReading*) override {
    return Status::Internal("the reader is not built yet");
  }
};

}  // namespace

Status Reader::Open(const ReaderConfig&, std::unique_ptr<Reader>* reader) {
  *reader = std::make_unique<PendingReader>();
  return Status::Ok();
}

}  // namespace bpkb
