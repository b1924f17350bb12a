// Placeholder until the service lands (issue 2).
namespace bpkb::service {}
