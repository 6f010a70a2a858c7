/*
 * Quantitative risk: annualised loss expectancy and a seeded Monte Carlo
 * simulation of annual loss (Open FAIR style).
 *
 * A risk's `loss` gives two PERT ranges, each {min, mode, max}: the
 * frequency (loss events per year) and the magnitude (loss per event).
 * Each simulated year draws a rate from the frequency PERT, an event count
 * from Poisson(rate), and one magnitude per event; the year's loss is their
 * sum.  A set of risks is simulated year by year, drawing the risks in the
 * order given, and the year's loss is the sum over the set.
 *
 * All draws come from one struct rng (rng.h) seeded with the caller's seed,
 * in a fixed order, so the same inputs and seed give the same figures on
 * every machine.  Percentiles interpolate linearly between order statistics
 * (numpy's default): P = v[floor(h)] + (h - floor(h)) (v[floor(h)+1] -
 * v[floor(h)]) with h = p (N - 1) over the sorted year losses.
 *
 * The loss exceedance curve has SIM_LEC_POINTS points: threshold 0 (the
 * probability of any loss in a year), then thresholds spaced geometrically
 * from the smallest positive year loss to the largest; each point gives the
 * fraction of years whose loss strictly exceeds the threshold.
 */
#ifndef ISMS_SIM_H
#define ISMS_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "isms/error.h"

#define SIM_LEC_POINTS 32
#define SIM_PERT_SHAPE 4.0
/* Limits that keep one simulation within seconds. */
#define SIM_MAX_ITERATIONS ((size_t)10000000)
#define SIM_MAX_RATE 1000.0

struct pert {
	double min, mode, max;
};

struct sim_loss {
	struct pert freq; /* loss events per year */
	struct pert mag;  /* loss per event, currency units */
};

struct sim_point {
	double loss; /* threshold */
	double prob; /* fraction of years with a loss above it */
};

struct sim_result {
	size_t iterations;
	uint64_t seed;
	double mean; /* mean annual loss */
	double p50, p90, p95, p99;
	double max;
	size_t nlec; /* SIM_LEC_POINTS, or 1 when no year had a loss */
	struct sim_point lec[SIM_LEC_POINTS];
};

/* ALE = SLE x ARO (annualised loss expectancy). */
double sim_ale(double sle, double aro);

/* Checks a PERT range: finite, 0 <= min <= mode <= max.  what names it in
 * the message ("frequency", "magnitude"); the error has no position. */
struct isms_error *pert_check(const struct pert *p, const char *what);
/* Mean (min + 4 mode + max) / 6 and variance (mean-min)(max-mean)/7 of
 * the standard (shape 4) PERT. */
double pert_mean(const struct pert *p);
double pert_variance(const struct pert *p);

/* Simulates n risks (summed per year) for `iterations` years.  years, when
 * not NULL, receives each year's loss in simulation order (iterations
 * doubles). */
struct isms_error *sim_years(const struct sim_loss *risks, size_t n,
    size_t iterations, uint64_t seed, double *years);
/* sim_years() then sim_summarize(). */
struct isms_error *sim_run(const struct sim_loss *risks, size_t n,
    size_t iterations, uint64_t seed, struct sim_result *out);
/* Sorts years in place and fills the statistics of out (not seed). */
void sim_summarize(double *years, size_t n, struct sim_result *out);
/* The p-quantile (0 <= p <= 1) of n sorted values, linear interpolation. */
double sim_percentile(const double *sorted, size_t n, double p);

#endif
