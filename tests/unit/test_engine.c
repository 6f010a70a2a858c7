/*
 * The scoring engine against the published tables.  The NIST SP 800-30
 * and OWASP tables are read at test time from the shared reference files
 * (ISMS_SHARED/reference/risk-vectors), parsed with ydoc_load(), and every
 * cell and vector in them is checked; ISO/IEC 27005:2011 Annex E.2.1 and
 * the 5x5 bands are checked over every combination of their scales.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/engine.h"
#include "isms/method.h"

static struct ydoc *load_ref(const char *name)
{
	const char *shared = getenv("ISMS_SHARED");
	assert_non_null(shared);
	char *path = xasprintf("%s/reference/risk-vectors/%s", shared, name);
	struct ydoc *doc = NULL;
	struct isms_error *err = ydoc_load(path, name, &doc);
	if (err)
		print_message("%s\n", err->msg);
	assert_null(err);
	assert_non_null(doc->root);
	free(path);
	return doc;
}

static const struct ynode *path_get(const struct ynode *n, const char *a,
    const char *b, const char *c)
{
	n = yn_get(n, a);
	if (b)
		n = yn_get(n, b);
	if (c)
		n = yn_get(n, c);
	assert_non_null(n);
	return n;
}

static const char *str_of(const struct ynode *map, const char *key)
{
	const struct ynode *n = yn_get(map, key);
	assert_non_null(n);
	assert_int_equal(n->kind, YN_SCALAR);
	return n->str;
}

static struct method *method_from_text(const char *text)
{
	struct ydoc *doc = NULL;
	struct diags d = DIAGS_INIT;
	assert_null(ydoc_parse("isms.yaml", text, strlen(text), &doc));
	struct method *m = method_load(yn_get(doc->root, "methodology"),
	    "isms.yaml", &d);
	for (size_t i = 0; i < d.n; i++)
		print_message("%u:%u: %s\n", d.v[i].line, d.v[i].col,
		    d.v[i].msg);
	assert_non_null(m);
	diags_release(&d);
	ydoc_free(doc);
	return m;
}

/* Scores a two-factor method at the level names a and b. */
static const char *level_of(const struct method *m, const char *a,
    const char *b)
{
	double v[2], s;
	size_t l;
	assert_true(method_parse_value(m, 0, a, &v[0]));
	assert_true(method_parse_value(m, 1, b, &v[1]));
	assert_true(method_score(m, v, &s, &l));
	return method_level_name(m, l);
}

static void assert_level(const char *got, const char *want)
{
	if (!method_name_eq(got, want))
		fail_msg("level %s, want %s", got, want);
}

/* Every cell of a reference table {columns: [...], rows: {r: [...]}}. */
static size_t check_table(const struct method *m, const struct ynode *t)
{
	const struct ynode *cols = yn_get(t, "columns");
	const struct ynode *rows = yn_get(t, "rows");
	size_t cells = 0;
	assert_non_null(cols);
	assert_non_null(rows);
	for (size_t r = 0; r < YN_PAIRS(rows); r++) {
		const struct ynode *row = YN_VAL(rows, r);
		assert_int_equal(row->n, cols->n);
		for (size_t c = 0; c < cols->n; c++, cells++)
			assert_level(level_of(m, YN_KEY(rows, r)->str,
			    cols->kids[c]->str), row->kids[c]->str);
	}
	return cells;
}

static void test_nist_i2(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref("nist-800-30.yaml");
	struct method *m = method_preset("nist-800-30");
	assert_int_equal(check_table(m, path_get(doc->root, "tables", "I-2",
	    NULL)), 25);
	const struct ynode *v = path_get(doc->root, "vectors",
	    "level_of_risk_I2", NULL);
	assert_true(v->n > 0);
	for (size_t i = 0; i < v->n; i++)
		assert_level(level_of(m, str_of(v->kids[i], "likelihood"),
		    str_of(v->kids[i], "impact")),
		    str_of(v->kids[i], "expected"));
	/* The chained vectors: their I-2 step, from the overall likelihood. */
	v = path_get(doc->root, "vectors", "chained_G5_then_I2", NULL);
	for (size_t i = 0; i < v->n; i++)
		assert_level(level_of(m, str_of(v->kids[i],
		    "overall_likelihood"), str_of(v->kids[i], "impact")),
		    str_of(v->kids[i], "expected_risk"));
	/* The score of a matrix method is the level's ordinal. */
	double r[2] = { 5, 1 }, s;
	size_t l;
	assert_true(method_score(m, r, &s, &l));
	assert_true(s == 1.0);
	assert_string_equal(method_level_name(m, method_appetite(m)),
	    "moderate");
	method_free(m);
	ydoc_free(doc);
}

/* Table G-5 is not a preset, but a user can write it as a methodology:
 * build that methodology from the reference file and check it. */
static void test_nist_g5_as_user_method(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref("nist-800-30.yaml");
	const struct ynode *t = path_get(doc->root, "tables", "G-5", NULL);
	const struct ynode *rows = yn_get(t, "rows");
	struct sbuf sb = SBUF_INIT;
	const char *scale = "{scale: {1: Very Low, 2: Low, 3: Moderate, "
	    "4: High, 5: Very High}}";
	sbuf_addf(&sb, "methodology:\n  preset: nist-800-30\n  factors:\n"
	    "    initiation: %s\n    adverse_impact: %s\n  derive: none\n"
	    "  matrix:\n    cells:\n", scale, scale);
	for (size_t r = 0; r < YN_PAIRS(rows); r++) {
		const struct ynode *row = YN_VAL(rows, r);
		sbuf_addf(&sb, "      %s: [", YN_KEY(rows, r)->str);
		for (size_t c = 0; c < row->n; c++)
			sbuf_addf(&sb, "%s%s", c ? ", " : "", row->kids[c]->str);
		sbuf_adds(&sb, "]\n");
	}
	struct method *m = method_from_text(sb.buf);
	assert_int_equal(check_table(m, t), 25);
	const struct ynode *v = path_get(doc->root, "vectors",
	    "overall_likelihood_G5", NULL);
	for (size_t i = 0; i < v->n; i++)
		assert_level(level_of(m, str_of(v->kids[i], "initiation"),
		    str_of(v->kids[i], "adverse_impact")),
		    str_of(v->kids[i], "expected"));
	v = path_get(doc->root, "vectors", "chained_G5_then_I2", NULL);
	for (size_t i = 0; i < v->n; i++)
		assert_level(level_of(m, str_of(v->kids[i], "initiation"),
		    str_of(v->kids[i], "adverse_impact")),
		    str_of(v->kids[i], "overall_likelihood"));
	method_free(m);
	sbuf_release(&sb);
	ydoc_free(doc);
}

/* Fills an OWASP rating from a mapping of factor: value. */
static void owasp_fill(const struct method *m, const struct ynode *inputs,
    double *v)
{
	for (size_t i = 0; i < YN_PAIRS(inputs); i++) {
		int f = method_factor_index(m, YN_KEY(inputs, i)->str);
		assert_true(f >= 0);
		assert_true(method_parse_value(m, (size_t)f,
		    YN_VAL(inputs, i)->str, &v[f]));
	}
}

static void unrate(const struct method *m, double *v)
{
	for (size_t f = 0; f < method_factor_count(m); f++)
		v[f] = METHOD_UNRATED;
}

static void axis_check(const struct method *m, const double *v,
    const char *axis, double want, const char *band)
{
	size_t x = 0, b;
	double got;
	while (strcmp(method_axis_name(m, x), axis))
		x++;
	assert_true(method_axis_value(m, x, v, &got, &b));
	assert_true(got == want); /* exact: 4.375 stays 4.375 */
	assert_level(method_axis_band_name(m, x, b), band);
}

static void test_owasp_worked_example(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref("owasp-rr.yaml");
	struct method *m = method_preset("owasp");
	const struct ynode *ex = path_get(doc->root, "worked_example", NULL,
	    NULL);
	double v[16], s;
	size_t l;
	unrate(m, v);
	owasp_fill(m, path_get(ex, "likelihood", "inputs", NULL), v);
	owasp_fill(m, path_get(ex, "technical_impact", "inputs", NULL), v);
	const struct ynode *e = path_get(ex, "likelihood", "expected", NULL);
	axis_check(m, v, "likelihood", strtod(str_of(e,
	    "overall_likelihood"), NULL), str_of(e, "level"));
	e = path_get(ex, "technical_impact", "expected", NULL);
	axis_check(m, v, "impact", strtod(str_of(e,
	    "overall_technical_impact"), NULL), str_of(e, "level"));
	const struct ynode *sev = path_get(ex, "severity", NULL, NULL);
	assert_true(method_score(m, v, &s, &l));
	assert_string_equal(str_of(sev->kids[0], "impact_basis"), "technical");
	assert_level(method_level_name(m, l), str_of(sev->kids[0], "expected"));

	/* With the business factors rated, they are the impact. */
	owasp_fill(m, path_get(ex, "business_impact", "inputs", NULL), v);
	e = path_get(ex, "business_impact", "expected", NULL);
	axis_check(m, v, "impact", strtod(str_of(e,
	    "overall_business_impact"), NULL), str_of(e, "level"));
	assert_true(method_score(m, v, &s, &l));
	assert_string_equal(str_of(sev->kids[1], "impact_basis"), "business");
	assert_level(method_level_name(m, l), str_of(sev->kids[1], "expected"));
	method_free(m);
	ydoc_free(doc);
}

/* A rating whose likelihood averages to lk and impact to im, both
 * multiples of 1/8 and 1/4 in [0, 9]. */
static void owasp_rating(const struct method *m, double lk, double im,
    double *v)
{
	unrate(m, v);
	int l8 = (int)(lk * 8), i4 = (int)(im * 4);
	for (int f = 0; f < 8; f++)
		v[f] = l8 / 8 + (f < l8 % 8);
	for (int f = 0; f < 4; f++)
		v[8 + f] = i4 / 4 + (f < i4 % 4);
	(void)method_factor_count(m);
}

static void test_owasp_tables(void **state)
{
	(void)state;
	struct ydoc *doc = load_ref("owasp-rr.yaml");
	struct method *m = method_preset("owasp");
	double v[16], s;
	size_t l;

	/* The levels table, at each boundary: from (inclusive), the largest
	 * average below an exclusive end, and an inclusive end. */
	const struct ynode *lv = path_get(doc->root, "levels", NULL, NULL);
	for (size_t i = 0; i < lv->n; i++) {
		const struct ynode *b = lv->kids[i];
		double from = strtod(str_of(b, "from"), NULL);
		double to = strtod(str_of(b, "to"), NULL);
		const char *name = str_of(b, "level");
		assert_string_equal(str_of(b, "from_inclusive"), "true");
		owasp_rating(m, from, from, v);
		axis_check(m, v, "likelihood", from, name);
		axis_check(m, v, "impact", from, name);
		double last = str_eq(str_of(b, "to_inclusive"), "true") ? to :
		    to - 0.125;
		owasp_rating(m, last, last, v);
		axis_check(m, v, "likelihood", last, name);
	}

	/* Every cell of the overall severity table: severity[impact][lk]. */
	const struct ynode *sev = path_get(doc->root, "overall_severity", NULL,
	    NULL);
	static const struct { const char *name; double at; } band[] = {
		{ "LOW", 1 }, { "MEDIUM", 4.5 }, { "HIGH", 7.25 },
	};
	size_t cells = 0;
	for (size_t i = 0; i < YN_PAIRS(sev); i++) {
		const struct ynode *row = YN_VAL(sev, i);
		for (size_t j = 0; j < YN_PAIRS(row); j++, cells++) {
			double lk = 0, im = 0;
			for (size_t b = 0; b < ARRAY_SIZE(band); b++) {
				if (str_eq(band[b].name, YN_KEY(sev, i)->str))
					im = band[b].at;
				if (str_eq(band[b].name, YN_KEY(row, j)->str))
					lk = band[b].at;
			}
			owasp_rating(m, lk, im, v);
			assert_true(method_score(m, v, &s, &l));
			assert_level(method_level_name(m, l),
			    YN_VAL(row, j)->str);
		}
	}
	assert_int_equal(cells, 9);

	/* Every option value the page lists is a valid rating. */
	const struct ynode *groups = path_get(doc->root, "factors", NULL, NULL);
	size_t options = 0;
	for (size_t g = 0; g < YN_PAIRS(groups); g++) {
		const struct ynode *sub = YN_VAL(groups, g);
		for (size_t k = 0; k < YN_PAIRS(sub); k++) {
			const struct ynode *fs = YN_VAL(sub, k);
			for (size_t f = 0; f < YN_PAIRS(fs); f++) {
				int idx = method_factor_index(m,
				    YN_KEY(fs, f)->str);
				assert_true(idx >= 0);
				const struct ynode *opts = yn_get(YN_VAL(fs, f),
				    "options");
				for (size_t o = 0; o < opts->n; o++, options++) {
					double x;
					assert_true(method_parse_value(m,
					    (size_t)idx, str_of(opts->kids[o],
					    "value"), &x));
				}
			}
		}
	}
	assert_true(options > 60);
	method_free(m);
	ydoc_free(doc);
}

/* ISO/IEC 27005:2011 Annex E.2.1, as printed: rows by asset value 0-4,
 * columns threat low/medium/high, each by ease of exploitation L/M/H. */
static const int e21[5][9] = {
	{ 0, 1, 2, 1, 2, 3, 2, 3, 4 },
	{ 1, 2, 3, 2, 3, 4, 3, 4, 5 },
	{ 2, 3, 4, 3, 4, 5, 4, 5, 6 },
	{ 3, 4, 5, 4, 5, 6, 5, 6, 7 },
	{ 4, 5, 6, 5, 6, 7, 6, 7, 8 },
};

static void test_iso27005(void **state)
{
	(void)state;
	struct method *m = method_preset("iso27005");
	static const char *const lv[] = { "low", "low", "low", "medium",
	    "medium", "medium", "high", "high", "high" };
	for (int a = 0; a < 5; a++)
		for (int t = 0; t < 3; t++)
			for (int u = 0; u < 3; u++) {
				double v[3] = { a, t, u }, s;
				size_t l;
				assert_true(method_score(m, v, &s, &l));
				assert_true(s == e21[a][t * 3 + u]);
				assert_string_equal(method_level_name(m, l),
				    lv[e21[a][t * 3 + u]]);
			}
	/* Level names work as values: high threat, medium vulnerability. */
	double v[3], s;
	size_t l;
	assert_true(method_parse_value(m, 0, "very-high", &v[0]));
	assert_true(method_parse_value(m, 1, "high", &v[1]));
	assert_true(method_parse_value(m, 2, "medium", &v[2]));
	assert_true(method_score(m, v, &s, &l));
	assert_true(s == 7);
	/* asset_value left out: derived from the assets' highest value. */
	assert_int_equal(method_derived_factor(m), 0);
	assert_int_equal(method_derive_from(m), DERIVE_VALUE);
	struct cia assets[] = { { 1, 3, 2 }, { 2, 2, 2 } };
	struct derivation dv;
	assert_true(method_derive(m, assets, 2, CIA_C, &dv));
	assert_true(dv.value == 3);
	assert_int_equal(dv.asset, 0);
	assert_int_equal(dv.prop, 0);
	method_free(m);
}

static void test_5x5(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	for (int li = 1; li <= 5; li++)
		for (int im = 1; im <= 5; im++) {
			double v[2] = { li, im }, s;
			size_t l;
			int p = li * im;
			assert_true(method_score(m, v, &s, &l));
			assert_true(s == p);
			assert_int_equal(l, p <= 4 ? 0 : p <= 9 ? 1 :
			    p <= 16 ? 2 : 3);
			assert_int_equal(method_above_appetite(m, l), p > 9);
		}
	double v[2] = { 4, METHOD_UNRATED }, s;
	size_t l;
	assert_false(method_score(m, v, &s, &l));
	v[1] = 6;
	assert_false(method_score(m, v, &s, &l));
	method_free(m);
}

static void test_derive(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	struct cia assets[] = { { 3, 5, 2 }, { 4, 2, 4 } };
	struct derivation d;
	assert_true(method_derive(m, assets, 2, CIA_C | CIA_A, &d));
	assert_true(d.value == 4);
	assert_int_equal(d.asset, 1);
	assert_int_equal(d.prop, 'c');
	assert_true(method_derive(m, assets, 2, CIA_I, &d));
	assert_true(d.value == 5);
	assert_int_equal(d.asset, 0);
	assert_int_equal(d.prop, 'i');
	/* No cia: the assets' value (max of C, I, A). */
	assert_true(method_derive(m, assets, 2, 0, &d));
	assert_true(d.value == 5);
	assert_int_equal(d.asset, 0);
	assert_int_equal(d.prop, 0);
	assert_false(method_derive(m, assets, 0, 0, &d));
	assert_true(method_asset_value(m, 3, 5, 2) == 5);
	method_free(m);

	m = method_from_text("methodology:\n  asset_value: avg\n");
	assert_true(method_asset_value(m, 3, 4, 4) == 11.0 / 3);
	assert_true(method_derive(m, assets, 2, 0, &d));
	assert_true(d.raw == 10.0 / 3);
	assert_true(d.value == 3);
	method_free(m);
	m = method_from_text("methodology:\n  asset_value: sum\n");
	assert_true(method_asset_value(m, 3, 4, 4) == 11);
	/* Capped at the top of the impact scale. */
	assert_true(method_derive(m, assets, 2, 0, &d));
	assert_true(d.raw == 10 && d.value == 5);
	method_free(m);
	m = method_preset("owasp");
	assert_false(method_derive(m, assets, 2, 0, &d));
	method_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nist_i2),
		cmocka_unit_test(test_nist_g5_as_user_method),
		cmocka_unit_test(test_owasp_worked_example),
		cmocka_unit_test(test_owasp_tables),
		cmocka_unit_test(test_iso27005),
		cmocka_unit_test(test_5x5),
		cmocka_unit_test(test_derive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
