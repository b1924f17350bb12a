// Placeholder until the store lands (issue 2).
namespace bpkb::store {}
