// Placeholder translation unit until the generator lands (issue 3).
namespace bpkb::synth {}
