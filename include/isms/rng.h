/*
 * A portable, seeded random number generator and the distributions the
 * Monte Carlo simulation draws from.
 *
 * The same seed must give the same numbers on every machine and compiler,
 * so everything here is built from integer arithmetic and the IEEE 754
 * operations that are correctly rounded everywhere: + - * / and sqrt().
 * The C library's exp() and log() are not (glibc, musl and Apple's libm may
 * differ in the last bit, which can flip a rejection test), so rng_exp() and
 * rng_log() below compute them from frexp()/ldexp() (exact) and fixed
 * polynomials.  rand() and long double are never used.
 *
 *   generator  xoshiro256** (Blackman and Vigna, 2018), its 256-bit state
 *              filled from the seed by splitmix64
 *   uniform    the top 53 bits of a draw, times 2^-53: [0, 1)
 *   normal     Marsaglia's polar method (one value per accepted pair)
 *   gamma      Marsaglia and Tsang (2000); shape < 1 by the boost
 *              Gamma(a) = Gamma(a + 1) * U^(1/a)
 *   beta       X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b)
 *   PERT       min + (max - min) * Beta(1 + s(mode-min)/(max-min),
 *              1 + s(max-mode)/(max-min)), s = shape (4 for standard PERT)
 *   Poisson    inversion by sequential search for rate < 30; above, the
 *              exact gamma/binomial recursion of Knuth (TAOCP 3.4.1 F),
 *              which needs no log-factorial and no approximation
 *   binomial   Knuth's beta recursion (3.4.1 G) down to n <= 16, then
 *              n Bernoulli trials
 *
 * The state is a plain struct owned by the caller: no global state.
 * Determinism assumes double arithmetic without excess precision
 * (FLT_EVAL_METHOD 0: x86-64 SSE, AArch64, RISC-V...) and no fused
 * multiply-add contraction; rng.c and sim.c switch contraction off.
 */
#ifndef ISMS_RNG_H
#define ISMS_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seeds the generator: s[0..3] are four successive splitmix64 outputs. */
void rng_seed(struct rng *r, uint64_t seed);
/* The next 64 random bits (xoshiro256**). */
uint64_t rng_next(struct rng *r);
/* Uniform on [0, 1), 53 bits. */
double rng_uniform(struct rng *r);
/* Standard normal. */
double rng_normal(struct rng *r);
/* Gamma(shape, 1) for shape > 0. */
double rng_gamma(struct rng *r, double shape);
/* Beta(a, b) for a, b > 0. */
double rng_beta(struct rng *r, double a, double b);
/* PERT on [min, max] with the given mode and shape (4 = standard PERT);
 * min == max gives min exactly.  Requires min <= mode <= max. */
double rng_pert(struct rng *r, double min, double mode, double max,
    double shape);
/* Poisson(rate); rate <= 0 gives 0. */
uint64_t rng_poisson(struct rng *r, double rate);
/* Binomial(n, p). */
uint64_t rng_binomial(struct rng *r, uint64_t n, double p);

/* exp() and log() computed the same way on every platform (about 1 ulp). */
double rng_exp(double x);
double rng_log(double x);

#endif
