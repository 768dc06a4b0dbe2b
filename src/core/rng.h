/* rng.h: a small deterministic generator for reproducible demo data (not for secrets). */
#ifndef OCOP_CORE_RNG_H
#define OCOP_CORE_RNG_H

#include <stdint.h>

struct ocop_rng {
    uint64_t s[4];
};

void ocop_rng_seed(struct ocop_rng *r, uint64_t seed);
uint64_t ocop_rng_next(struct ocop_rng *r);
/* Uniform in [0, n) without modulo bias; n > 0. */
uint64_t ocop_rng_below(struct ocop_rng *r, uint64_t n);
/* Uniform in [lo, hi]. */
long ocop_rng_range(struct ocop_rng *r, long lo, long hi);
/* Uniform in [0, 1). */
double ocop_rng_unit(struct ocop_rng *r);

#endif
