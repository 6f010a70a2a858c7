/*
 * Portable random numbers: see include/isms/rng.h for the algorithms and
 * why each was chosen.  Every function is a pure function of the state it is
 * handed; no function here reads a clock, a file or a global.
 */
#include "isms/rng.h"

#include <math.h>

/* A fused multiply-add rounds once instead of twice and would change the
 * low bits on machines that have one; keep every product rounded. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#define LN2_HI 6.93147180369123816490e-01 /* low 32 bits zero: e*LN2_HI exact */
#define LN2_LO 1.90821492927058770002e-10
#define INV_LN2 1.44269504088896338700e+00
#define SQRT1_2 0.70710678118654752440

/* Below this rate Poisson draws use inversion; exp(-30) is far from
 * underflow and the search takes about rate + 1 steps. */
#define POISSON_INVERSION_MAX 30.0
/* Binomials with at most this many trials are drawn trial by trial. */
#define BINOMIAL_DIRECT_MAX 16

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

double rng_log(double x)
{
	if (!(x > 0))
		return x == 0 ? -HUGE_VAL : NAN;
	if (isinf(x))
		return x;
	int e;
	double m = frexp(x, &e); /* exact: x = m * 2^e, m in [0.5, 1) */
	if (m < SQRT1_2) {
		m *= 2;
		e--;
	}
	/* log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| <= 0.1716,
	 * so terms up to s^25 reach below half an ulp. */
	double s = (m - 1) / (m + 1), s2 = s * s, p = 1.0 / 25;
	for (int k = 11; k >= 0; k--)
		p = p * s2 + 1.0 / (2 * k + 1);
	return e * LN2_HI + (2 * s * p + e * LN2_LO);
}

double rng_exp(double x)
{
	if (isnan(x))
		return x;
	if (x > 709.782712893384)
		return HUGE_VAL;
	if (x < -745.2)
		return 0;
	/* x = k ln2 + r with |r| <= ln2/2; exp(r) by its Taylor series up
	 * to r^17, whose remainder is below 1e-20. */
	double k = floor(x * INV_LN2 + 0.5);
	double rr = (x - k * LN2_HI) - k * LN2_LO;
	double p = 1;
	for (int n = 17; n >= 1; n--)
		p = 1 + p * rr / n;
	return ldexp(p, (int)k);
}

double rng_normal(struct rng *r)
{
	double u, v, s;
	do {
		u = 2 * rng_uniform(r) - 1;
		v = 2 * rng_uniform(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	return u * sqrt(-2 * rng_log(s) / s);
}

double rng_gamma(struct rng *r, double shape)
{
	if (shape < 1) {
		double g = rng_gamma(r, shape + 1);
		double u;
		do
			u = rng_uniform(r);
		while (u == 0);
		return g * rng_exp(rng_log(u) / shape);
	}
	double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
	for (;;) {
		double x, v;
		do {
			x = rng_normal(r);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		double u = rng_uniform(r);
		double x2 = x * x;
		/* The squeeze accepts about 98% of draws without a log. */
		if (u < 1 - 0.0331 * x2 * x2)
			return d * v;
		if (u > 0 && rng_log(u) < 0.5 * x2 + d * (1 - v + rng_log(v)))
			return d * v;
	}
}

double rng_beta(struct rng *r, double a, double b)
{
	double x = rng_gamma(r, a);
	double y = rng_gamma(r, b);
	return x / (x + y);
}

double rng_pert(struct rng *r, double min, double mode, double max,
    double shape)
{
	if (!(max > min))
		return min;
	double range = max - min;
	double a = 1 + shape * (mode - min) / range;
	double b = 1 + shape * (max - mode) / range;
	return min + range * rng_beta(r, a, b);
}

static uint64_t poisson_inversion(struct rng *r, double rate)
{
	double u = rng_uniform(r);
	double p = rng_exp(-rate), f = p;
	uint64_t k = 0;
	/* The cumulative sum can stop short of 1 by rounding; once the
	 * terms underflow there is nothing left to add. */
	while (u >= f && p > 0) {
		k++;
		p = p * rate / (double)k;
		f += p;
	}
	return k;
}

uint64_t rng_binomial(struct rng *r, uint64_t n, double p)
{
	uint64_t k = 0;
	while (n > BINOMIAL_DIRECT_MAX) {
		if (p <= 0)
			return k;
		if (p >= 1)
			return k + n;
		/* The a-th smallest of n uniforms is Beta(a, n + 1 - a); the
		 * other draws fall uniformly below or above it. */
		uint64_t a = 1 + n / 2, b = n + 1 - a;
		double x = rng_beta(r, (double)a, (double)b);
		if (x >= p) {
			n = a - 1;
			p = p / x;
		} else {
			k += a;
			n = b - 1;
			p = (p - x) / (1 - x);
		}
	}
	for (uint64_t i = 0; i < n; i++)
		if (rng_uniform(r) < p)
			k++;
	return k;
}

uint64_t rng_poisson(struct rng *r, double rate)
{
	uint64_t k = 0;
	if (!(rate > 0))
		return 0;
	while (rate >= POISSON_INVERSION_MAX) {
		/* The m-th arrival of a unit-rate process comes at a
		 * Gamma(m) time x: before the horizon, m events have happened
		 * and rate - x remains; after it, each of the first m - 1
		 * arrivals fell before the horizon with probability rate/x. */
		uint64_t m = (uint64_t)(rate * 7 / 8);
		double x = rng_gamma(r, (double)m);
		if (x < rate) {
			k += m;
			rate -= x;
		} else {
			return k + rng_binomial(r, m - 1, rate / x);
		}
	}
	return k + poisson_inversion(r, rate);
}
