// BPKB_VECTOR_CLONES: a hot loop compiled twice, for AVX2+FMA (x86-64-v3, picked at
// load time where the CPU has it) and for the baseline the rest of the build targets.
// Functions it inlines are compiled into each clone.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define BPKB_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define BPKB_VECTOR_CLONES
#endif
