/*
 * Monte Carlo simulation of annual loss: see include/isms/sim.h for the
 * model.  The only state is the struct rng on the stack of sim_years(), so
 * two simulations never disturb each other; the draw order (per year: each
 * risk's rate, its count, then its magnitudes) is part of the contract,
 * because changing it changes every figure for a given seed.
 */
#include "isms/sim.h"

#include <math.h>
#include <stdlib.h>

#include "isms/rng.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

double sim_ale(double sle, double aro)
{
	return sle * aro;
}

struct isms_error *pert_check(const struct pert *p, const char *what)
{
	if (!isfinite(p->min) || !isfinite(p->mode) || !isfinite(p->max))
		return err_new(EXIT_DATA, "%s: min, mode and max must be "
		    "finite numbers", what);
	if (p->min < 0)
		return err_new(EXIT_DATA, "%s: min %g is negative", what,
		    p->min);
	if (p->mode < p->min || p->max < p->mode)
		return err_new(EXIT_DATA, "%s: need min <= mode <= max, "
		    "got %g, %g, %g", what, p->min, p->mode, p->max);
	return NULL;
}

double pert_mean(const struct pert *p)
{
	return (p->min + 4 * p->mode + p->max) / 6;
}

double pert_variance(const struct pert *p)
{
	double mu = pert_mean(p);
	return (mu - p->min) * (p->max - mu) / 7;
}

static struct isms_error *check_inputs(const struct sim_loss *risks,
    size_t n, size_t iterations)
{
	struct isms_error *err;
	if (iterations == 0 || iterations > SIM_MAX_ITERATIONS)
		return err_new(EXIT_USAGE, "iterations must be 1 to %zu",
		    SIM_MAX_ITERATIONS);
	for (size_t i = 0; i < n; i++) {
		if ((err = pert_check(&risks[i].freq, "frequency")) ||
		    (err = pert_check(&risks[i].mag, "magnitude")))
			return err;
		if (risks[i].freq.max > SIM_MAX_RATE)
			return err_new(EXIT_DATA, "frequency: max %g is above "
			    "the limit of %g events a year", risks[i].freq.max,
			    SIM_MAX_RATE);
	}
	return NULL;
}

static double pert_draw(struct rng *r, const struct pert *p)
{
	return rng_pert(r, p->min, p->mode, p->max, SIM_PERT_SHAPE);
}

static double simulate_year(struct rng *r, const struct sim_loss *risks,
    size_t n)
{
	double loss = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t events = rng_poisson(r, pert_draw(r, &risks[i].freq));
		for (uint64_t e = 0; e < events; e++)
			loss += pert_draw(r, &risks[i].mag);
	}
	return loss;
}

struct isms_error *sim_years(const struct sim_loss *risks, size_t n,
    size_t iterations, uint64_t seed, double *years)
{
	struct isms_error *err;
	struct rng r;
	if ((err = check_inputs(risks, n, iterations)))
		return err;
	rng_seed(&r, seed);
	for (size_t y = 0; y < iterations; y++) {
		double loss = simulate_year(&r, risks, n);
		if (years)
			years[y] = loss;
	}
	return NULL;
}

double sim_percentile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return 0;
	double h = p * (double)(n - 1);
	size_t lo = (size_t)h;
	if (lo >= n - 1)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Number of values in sorted[0..n) strictly above t. */
static size_t count_above(const double *sorted, size_t n, double t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n - lo;
}

static void fill_lec(const double *sorted, size_t n, struct sim_result *out)
{
	size_t first = n - count_above(sorted, n, 0);
	out->lec[0].loss = 0;
	out->lec[0].prob = (double)(n - first) / (double)n;
	out->nlec = 1;
	if (first == n)
		return;
	double lo = sorted[first], hi = sorted[n - 1];
	double step = (rng_log(hi) - rng_log(lo)) / (SIM_LEC_POINTS - 2);
	for (size_t k = 1; k < SIM_LEC_POINTS; k++) {
		double t = k == 1 ? lo : k == SIM_LEC_POINTS - 1 ? hi :
		    rng_exp(rng_log(lo) + step * (double)(k - 1));
		out->lec[k].loss = t;
		out->lec[k].prob = (double)count_above(sorted, n, t) /
		    (double)n;
	}
	out->nlec = SIM_LEC_POINTS;
}

void sim_summarize(double *years, size_t n, struct sim_result *out)
{
	out->iterations = n;
	out->mean = out->p50 = out->p90 = out->p95 = out->p99 = out->max = 0;
	out->nlec = 0;
	if (n == 0)
		return;
	/* Summing in simulation order, before sorting, fixes the rounding. */
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += years[i];
	out->mean = sum / (double)n;
	qsort(years, n, sizeof(*years), cmp_double);
	out->p50 = sim_percentile(years, n, 0.50);
	out->p90 = sim_percentile(years, n, 0.90);
	out->p95 = sim_percentile(years, n, 0.95);
	out->p99 = sim_percentile(years, n, 0.99);
	out->max = years[n - 1];
	fill_lec(years, n, out);
}

struct isms_error *sim_run(const struct sim_loss *risks, size_t n,
    size_t iterations, uint64_t seed, struct sim_result *out)
{
	struct isms_error *err;
	double *years = NULL;
	if ((err = check_inputs(risks, n, iterations)))
		goto out;
	years = xcalloc(iterations, sizeof(*years));
	if ((err = sim_years(risks, n, iterations, seed, years)))
		goto out;
	sim_summarize(years, iterations, out);
	out->seed = seed;
out:
	free(years);
	return err;
}
