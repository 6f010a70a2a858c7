/*
 * The random number generator and the Monte Carlo simulation: samplers
 * against their analytic moments, the simulation against closed forms
 * and the quantitative vectors of ale-fair.yaml (read at test time from
 * ISMS_SHARED), and fixed-seed golden values that make any change in the
 * numbers a given seed produces (a portability regression) visible.
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/rng.h"
#include "isms/sim.h"
#include "isms/yaml.h"

/* sim_run(frequency {0.1, 0.3, 2}, magnitude {50000, 200000, 2000000},
 * 10000 years, seed 42), recorded when the algorithm was fixed. */
#define GOLDEN_MEAN 261778.44041556472
#define GOLDEN_P90 884209.54283400695
#define GOLDEN_P99 1917419.7945416905
#define GOLDEN_LEC10 0.3449

static void near(double got, double want, double rel, const char *what)
{
	double tol = rel * (fabs(want) > 1e-12 ? fabs(want) : 1);
	if (fabs(got - want) > tol)
		fail_msg("%s: got %.17g, want %.17g (tolerance %g)", what, got,
		    want, tol);
}

static void test_generator_golden(void **state)
{
	(void)state;
	struct rng r;
	rng_seed(&r, 0);
	/* splitmix64 from 0: its first output is the published
	 * 0xe220a8397b1dcdaf. */
	assert_true(r.s[0] == UINT64_C(0xe220a8397b1dcdaf));
	static const uint64_t want[] = {
		UINT64_C(0x99ec5f36cb75f2b4), UINT64_C(0xbf6e1f784956452a),
		UINT64_C(0x1a5f849d4933e6e0), UINT64_C(0x6aa594f1262d2d2c),
	};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		uint64_t x = rng_next(&r);
		if (x != want[i])
			fail_msg("draw %zu: %016llx", i, (unsigned long long)x);
	}
	for (int i = 0; i < 100000; i++) {
		double u = rng_uniform(&r);
		assert_true(u >= 0 && u < 1);
	}
}

static void test_exp_log(void **state)
{
	(void)state;
	for (double x = 1e-300; x < 1e300; x *= 1.37)
		near(rng_log(x), log(x), 4e-16, "log");
	for (double x = 0.5; x < 2; x += 0.001)
		near(rng_log(x), log(x), 1e-15, "log near 1");
	assert_true(rng_log(1) == 0);
	for (double x = -700; x < 700; x += 0.37)
		near(rng_exp(x), exp(x), 4e-16, "exp");
	assert_true(rng_exp(0) == 1);
	assert_true(rng_exp(-800) == 0);
	assert_true(isinf(rng_exp(800)));
}

struct moments {
	double mean, var;
};

static struct moments sample(double (*draw)(struct rng *, const double *),
    const double *p, size_t n, uint64_t seed)
{
	struct rng r;
	double sum = 0, sum2 = 0;
	rng_seed(&r, seed);
	for (size_t i = 0; i < n; i++) {
		double x = draw(&r, p);
		sum += x;
		sum2 += x * x;
	}
	double mean = sum / (double)n;
	return (struct moments){ mean, sum2 / (double)n - mean * mean };
}

static double draw_pert(struct rng *r, const double *p)
{
	return rng_pert(r, p[0], p[1], p[2], 4);
}

static double draw_gamma(struct rng *r, const double *p)
{
	return rng_gamma(r, p[0]);
}

static double draw_poisson(struct rng *r, const double *p)
{
	return (double)rng_poisson(r, p[0]);
}

static double draw_binomial(struct rng *r, const double *p)
{
	return (double)rng_binomial(r, (uint64_t)p[0], p[1]);
}

static void test_pert_moments(void **state)
{
	(void)state;
	static const struct pert cases[] = {
		{ 10, 20, 60 }, { 0, 0, 1 }, { 0.1, 0.3, 2 },
		{ 50000, 200000, 2000000 }, { 5, 5, 5 }, { 1, 9, 9 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct pert *c = &cases[i];
		double p[3] = { c->min, c->mode, c->max };
		struct moments mo = sample(draw_pert, p, 400000, i + 1);
		double mu = pert_mean(c), var = pert_variance(c);
		assert_true(mu == (c->min + 4 * c->mode + c->max) / 6);
		near(mo.mean, mu, 0.003, "PERT mean");
		if (var == 0)
			assert_true(mo.var == 0);
		else
			near(mo.var, var, 0.015, "PERT variance");
	}
	/* Degenerate: the constant, exactly. */
	struct rng r;
	rng_seed(&r, 9);
	assert_true(rng_pert(&r, 7.5, 7.5, 7.5, 4) == 7.5);
}

static void test_gamma_poisson_binomial(void **state)
{
	(void)state;
	static const double shapes[] = { 0.3, 1, 2.5, 40 };
	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		struct moments mo = sample(draw_gamma, &shapes[i], 300000, 7);
		near(mo.mean, shapes[i], 0.01, "gamma mean");
		near(mo.var, shapes[i], 0.03, "gamma variance");
	}
	/* Both Poisson methods: inversion below 30, the gamma/binomial
	 * recursion above. */
	static const double rates[] = { 0.05, 0.3, 4, 29.9, 30, 250, 5000 };
	for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
		struct moments mo = sample(draw_poisson, &rates[i], 200000, 11);
		near(mo.mean, rates[i], 0.01 + 0.02 / rates[i], "Poisson mean");
		near(mo.var, rates[i], 0.025 + 0.05 / rates[i],
		    "Poisson variance");
	}
	struct rng r;
	rng_seed(&r, 1);
	assert_int_equal(rng_poisson(&r, 0), 0);
	assert_int_equal(rng_poisson(&r, -1), 0);
	static const double bin[][2] = { { 10, 0.3 }, { 1000, 0.02 },
	    { 100000, 0.5 } };
	for (size_t i = 0; i < ARRAY_SIZE(bin); i++) {
		double n = bin[i][0], p = bin[i][1];
		struct moments mo = sample(draw_binomial, bin[i], 100000, 13);
		near(mo.mean, n * p, 0.01, "binomial mean");
		near(mo.var, n * p * (1 - p), 0.03, "binomial variance");
	}
}

static void test_sim_closed_forms(void **state)
{
	(void)state;
	/* Degenerate frequency and magnitude: a Poisson(f) count of events
	 * of m each: mean f m, variance f m^2. */
	struct sim_loss l = { { 2, 2, 2 }, { 1000, 1000, 1000 } };
	size_t n = 200000;
	double *y = xcalloc(n, sizeof(*y));
	assert_null(sim_years(&l, 1, n, 5, y));
	double sum = 0, sum2 = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(fmod(y[i], 1000) == 0);
		sum += y[i];
		sum2 += y[i] * y[i];
	}
	double mean = sum / (double)n;
	near(mean, 2000, 0.01, "mean f m");
	near(sum2 / (double)n - mean * mean, 2 * 1000.0 * 1000, 0.02,
	    "variance f m^2");
	free(y);

	/* With ranges: mean = E[rate] E[magnitude]. */
	struct sim_loss r2 = { { 0.1, 0.3, 2 }, { 50000, 200000, 2000000 } };
	struct sim_result res;
	assert_null(sim_run(&r2, 1, 400000, 17, &res));
	near(res.mean, pert_mean(&r2.freq) * pert_mean(&r2.mag), 0.02,
	    "mean E[f] E[m]");
	assert_true(res.p50 <= res.p90 && res.p90 <= res.p95 &&
	    res.p95 <= res.p99 && res.p99 <= res.max);

	/* A set sums per year: two copies of a risk have twice the mean. */
	struct sim_loss two[2] = { r2, r2 };
	struct sim_result res2;
	assert_null(sim_run(two, 2, 400000, 17, &res2));
	near(res2.mean, 2 * pert_mean(&r2.freq) * pert_mean(&r2.mag), 0.02,
	    "mean of a set");
}

static void test_sim_lec_and_errors(void **state)
{
	(void)state;
	struct sim_loss l = { { 0.5, 1, 3 }, { 100, 1000, 10000 } };
	struct sim_result a, b;
	assert_null(sim_run(&l, 1, 20000, 3, &a));
	assert_null(sim_run(&l, 1, 20000, 3, &b));
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.nlec, SIM_LEC_POINTS);
	assert_true(a.lec[0].loss == 0);
	for (size_t k = 1; k < a.nlec; k++) {
		assert_true(a.lec[k].loss > a.lec[k - 1].loss);
		assert_true(a.lec[k].prob <= a.lec[k - 1].prob);
	}
	assert_true(a.lec[a.nlec - 1].loss == a.max);
	assert_true(a.lec[a.nlec - 1].prob == 0);

	/* No loss at all. */
	struct sim_loss zero = { { 0, 0, 0 }, { 5, 5, 5 } };
	assert_null(sim_run(&zero, 1, 100, 1, &a));
	assert_true(a.mean == 0 && a.p99 == 0);
	assert_int_equal(a.nlec, 1);
	assert_true(a.lec[0].prob == 0);

	struct isms_error *err;
	struct sim_loss bad = { { 1, 0.5, 2 }, { 5, 5, 5 } };
	assert_non_null(err = sim_run(&bad, 1, 100, 1, &a));
	assert_non_null(strstr(err->msg, "frequency: need min <= mode <= max"));
	err_free(err);
	bad = (struct sim_loss){ { 1, 1, 1 }, { -5, 5, 5 } };
	assert_non_null(err = sim_run(&bad, 1, 100, 1, &a));
	assert_non_null(strstr(err->msg, "magnitude: min -5 is negative"));
	err_free(err);
	bad = (struct sim_loss){ { 1, 1, 5000 }, { 5, 5, 5 } };
	assert_non_null(err = sim_run(&bad, 1, 100, 1, &a));
	err_free(err);
	assert_non_null(err = sim_run(&l, 1, 0, 1, &a));
	err_free(err);
}

/* Same seed, same numbers, on every machine: if this fails after a change
 * to rng.c or sim.c, every simulation a user has published changed. */
static void test_sim_golden(void **state)
{
	(void)state;
	struct sim_loss l = { { 0.1, 0.3, 2 }, { 50000, 200000, 2000000 } };
	struct sim_result r;
	assert_null(sim_run(&l, 1, 10000, 42, &r));
	if (r.mean != GOLDEN_MEAN)
		print_message("golden: %.17g %.17g %.17g %.17g\n", r.mean,
		    r.p90, r.p99, r.lec[10].prob);
	assert_true(r.mean == GOLDEN_MEAN);
	assert_true(r.p90 == GOLDEN_P90);
	assert_true(r.p99 == GOLDEN_P99);
	assert_true(r.lec[10].prob == GOLDEN_LEC10);
}

static struct ydoc *load_ref(void)
{
	const char *shared = getenv("ISMS_SHARED");
	assert_non_null(shared);
	char *path = xasprintf("%s/reference/risk-vectors/ale-fair.yaml",
	    shared);
	struct ydoc *doc = NULL;
	assert_null(ydoc_load(path, "ale-fair.yaml", &doc));
	free(path);
	return doc;
}

static double num(const struct ynode *map, const char *key)
{
	const struct ynode *n = yn_get(map, key);
	assert_non_null(n);
	return strtod(n->str, NULL);
}

static void test_ale_fair_ale(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref();
	const struct ynode *v = yn_get(yn_get(doc->root, "ale"), "vectors");
	size_t checked = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *c = v->kids[i];
		double sle = sim_ale(num(c, "asset_value"),
		    num(c, "exposure_factor"));
		assert_true(sle == num(c, "expected_sle"));
		const struct ynode *cases = yn_get(c, "cases");
		for (size_t k = 0; k < cases->n; k++, checked++)
			assert_true(sim_ale(sle, num(cases->kids[k], "aro")) ==
			    num(cases->kids[k], "expected_ale"));
	}
	assert_int_equal(checked, 2);
	/* pyfair's documented products (Risk = LEF x LM, LEF = TEF x V,
	 * TEF = C x A) are the same product. */
	const struct ynode *ex = yn_get(yn_get(doc->root, "pyfair"),
	    "documented_examples");
	static const char *const prods[][4] = {
		{ "risk_eq_lef_x_lm", "LEF", "LM", "R" },
		{ "lef_eq_tef_x_v", "TEF", "V", "LEF" },
		{ "tef_eq_c_x_a", "C", "A", "TEF" },
	};
	for (size_t p = 0; p < ARRAY_SIZE(prods); p++) {
		const struct ynode *rows = yn_get(ex, prods[p][0]);
		assert_non_null(rows);
		for (size_t i = 0; i < rows->n; i++)
			near(sim_ale(num(rows->kids[i], prods[p][1]),
			    num(rows->kids[i], prods[p][2])),
			    num(rows->kids[i], prods[p][3]), 1e-12, prods[p][0]);
	}
	/* Risk = LEF x LM holds for the simulated mean too, with fixed
	 * frequency and magnitude. */
	const struct ynode *rows = yn_get(ex, "risk_eq_lef_x_lm");
	for (size_t i = 0; i < rows->n; i++) {
		double f = num(rows->kids[i], "LEF"), m = num(rows->kids[i], "LM");
		struct sim_loss l = { { f, f, f }, { m, m, m } };
		struct sim_result r;
		assert_null(sim_run(&l, 1, 20000, i, &r));
		near(r.mean, num(rows->kids[i], "R"), 0.01, "simulated LEF x LM");
	}
	ydoc_free(doc);
}

static void test_ale_fair_riskquant(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref();
	const struct ynode *rq = yn_get(doc->root, "riskquant");

	/* Fixed frequency and magnitude: a year's loss is a whole number of
	 * magnitudes, frequency 0 gives 0, and (our counts being Poisson)
	 * the mean over many years is frequency x magnitude. */
	const struct ynode *v = yn_get(rq, "loss_container_deterministic");
	for (size_t i = 0; i < v->n; i++) {
		double f = num(v->kids[i], "frequency");
		double m = num(v->kids[i], "magnitude");
		struct sim_loss l = { { f, f, f }, { m, m, m } };
		size_t n = 100000;
		double *y = xcalloc(n, sizeof(*y));
		assert_null(sim_years(&l, 1, n, i, y));
		double sum = 0;
		for (size_t k = 0; k < n; k++) {
			assert_true(fmod(y[k], m) == 0);
			sum += y[k];
		}
		if (f == 0)
			assert_true(sum == 0);
		near(sum / (double)n, f * m, 0.02, "mean of fixed losses");
		free(y);
	}

	/* summarize_loss: the percentile convention (numpy linear). */
	const struct ynode *sl = yn_get(rq, "summarize_loss");
	const struct ynode *want = yn_get(sl, "expected");
	double vals[1010];
	size_t n = 0;
	for (int d = 0; d <= 9; d++)
		for (int k = 0; k < 100; k++)
			vals[n++] = d;
	for (int k = 0; k < 10; k++)
		vals[n++] = 9;
	struct sim_result r;
	sim_summarize(vals, n, &r);
	assert_int_equal((int)vals[0], (int)num(want, "minimum"));
	assert_int_equal((int)sim_percentile(vals, n, 0.1),
	    (int)num(want, "tenth_percentile"));
	assert_int_equal((int)r.p50, (int)num(want, "median"));
	assert_int_equal((int)r.p90, (int)num(want, "ninetieth_percentile"));
	assert_int_equal((int)r.max, (int)num(want, "maximum"));

	/* pertloss stochastic checks: PERTFrequency(low, high, mode,
	 * kurtosis=k) draws, mean within the stated band. */
	v = yn_get(yn_get(rq, "pertloss"), "stochastic_checks");
	for (size_t i = 0; i < v->n; i++) {
		double lo, hi, mode, k, a, b;
		int dn = (int)num(v->kids[i], "n");
		assert_int_equal(sscanf(yn_get(v->kids[i], "dist")->str,
		    "PERTFrequency(%lf, %lf, %lf, kurtosis=%lf)", &lo, &hi,
		    &mode, &k), 4);
		assert_int_equal(sscanf(yn_get(v->kids[i], "expect")->str,
		    "%lf < mean(draws) < %lf", &a, &b), 2);
		struct rng g;
		rng_seed(&g, i);
		double sum = 0;
		for (int d = 0; d < dn; d++)
			sum += rng_pert(&g, lo, mode, hi, k);
		assert_true(sum / dn > a && sum / dn < b);
	}
	/* The PERT parameterisation is the tfp/mc2d one: the mean is
	 * (min + shape mode + max) / (shape + 2). */
	const struct ynode *pp = yn_get(doc->root, "pert_parameterizations");
	assert_int_equal((int)num(yn_get(pp, "tfp_modified_pert"),
	    "default_temperature"), (int)SIM_PERT_SHAPE);
	assert_int_equal((int)num(yn_get(pp, "mc2d_pert"), "default_shape"),
	    (int)SIM_PERT_SHAPE);
	ydoc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generator_golden),
		cmocka_unit_test(test_exp_log),
		cmocka_unit_test(test_pert_moments),
		cmocka_unit_test(test_gamma_poisson_binomial),
		cmocka_unit_test(test_sim_closed_forms),
		cmocka_unit_test(test_sim_lec_and_errors),
		cmocka_unit_test(test_sim_golden),
		cmocka_unit_test(test_ale_fair_ale),
		cmocka_unit_test(test_ale_fair_riskquant),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
