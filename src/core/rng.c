/* rng.c: xoshiro256** seeded by splitmix64 (public-domain algorithms by Blackman and Vigna). */
#include "core/rng.h"

static uint64_t rng__splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void ocop_rng_seed(struct ocop_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = rng__splitmix(&seed);
}

static uint64_t rng__rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t ocop_rng_next(struct ocop_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rng__rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng__rotl(s[3], 45);
    return result;
}

uint64_t ocop_rng_below(struct ocop_rng *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;
    do
        x = ocop_rng_next(r);
    while (x >= limit);
    return x % n;
}

long ocop_rng_range(struct ocop_rng *r, long lo, long hi)
{
    return lo + (long)ocop_rng_below(r, (uint64_t)(hi - lo) + 1);
}

double ocop_rng_unit(struct ocop_rng *r)
{
    return (double)(ocop_rng_next(r) >> 11) * 0x1.0p-53;
}
