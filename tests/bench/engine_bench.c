/*
 * Engine benchmark (not a test): scores one million risks with the
 * default 5x5 method and with owasp, and runs 100,000 Monte Carlo years of
 * one risk, printing each timing.  Targets on one core: under 0.2 s for the
 * million scores, under 0.1 s for the simulation.  Run by `make bench`.
 */
#include <stdio.h>
#include <time.h>

#include "isms/engine.h"
#include "isms/method.h"
#include "isms/sim.h"

#define RISKS 1000000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Scores RISKS ratings drawn from a small deterministic sequence. */
static int bench_score(const char *preset)
{
	struct method *m = method_preset(preset);
	size_t nf = method_factor_count(m), levels[16] = { 0 };
	double v[32], sum = 0;
	unsigned x = 12345;
	if (!m)
		return 1;
	double t0 = now();
	for (long r = 0; r < RISKS; r++) {
		for (size_t f = 0; f < nf; f++) {
			size_t n = method_scale_count(m, f);
			x = x * 1103515245u + 12345u;
			v[f] = method_scale_value(m, f, (x >> 16) % n);
		}
		double s;
		size_t l;
		if (!method_score(m, v, &s, &l)) {
			fprintf(stderr, "score failed\n");
			return 1;
		}
		sum += s;
		levels[l]++;
	}
	double t = now() - t0;
	printf("score %-8s %d risks: %.3f s (%.0f ns/risk; checksum %.0f, "
	    "%zu in the lowest level)\n", preset, RISKS, t, t * 1e9 / RISKS,
	    sum, levels[0]);
	method_free(m);
	return 0;
}

int main(void)
{
	if (bench_score("5x5") || bench_score("nist-800-30") ||
	    bench_score("owasp"))
		return 1;
	struct sim_loss l = { { 0.1, 0.3, 2 }, { 50000, 200000, 2000000 } };
	struct sim_result r;
	double t0 = now();
	struct isms_error *err = sim_run(&l, 1, 100000, 42, &r);
	double t = now() - t0;
	if (err) {
		fprintf(stderr, "%s\n", err->msg);
		return 1;
	}
	printf("simulate 100000 years: %.3f s (mean %.0f, P90 %.0f, "
	    "P99 %.0f)\n", t, r.mean, r.p90, r.p99);
	struct sim_loss busy = { { 5, 10, 40 }, { 1000, 5000, 100000 } };
	t0 = now();
	err = sim_run(&busy, 1, 100000, 42, &r);
	t = now() - t0;
	if (err)
		return 1;
	printf("simulate 100000 years, ~15 events a year: %.3f s "
	    "(mean %.0f)\n", t, r.mean);
	return 0;
}
