/*
 * Tests of loading, checking and writing methodologies (method.h): every
 * preset loads, writes and loads back equal; overrides replace one field;
 * each way a methodology can fail is reported, all at once, at the right
 * place, with the "methodology" rule; ratings are read and checked.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "isms/engine.h"
#include "isms/method.h"

struct loaded {
	struct ydoc *doc;
	struct method *m;
	struct diags d;
};

/* Loads the `methodology:` of an isms.yaml text. */
static void load(struct loaded *l, const char *text)
{
	struct isms_error *err = ydoc_parse("isms.yaml", text, strlen(text),
	    &l->doc);
	assert_null(err);
	l->d = (struct diags)DIAGS_INIT;
	l->m = method_load(l->doc->root ? yn_get(l->doc->root, "methodology") :
	    NULL, "isms.yaml", &l->d);
}

static void unload(struct loaded *l)
{
	method_free(l->m);
	ydoc_free(l->doc);
	diags_release(&l->d);
}

/* True when some diagnostic at line:col holds text (col 0: any). */
static bool has_diag(const struct diags *d, unsigned line, unsigned col,
    const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line == line && (!col || d->v[i].col == col) &&
		    strstr(d->v[i].msg, text) && d->v[i].fatal)
			return true;
	return false;
}

static void dump(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("%s:%u:%u: %s [%s]\n", d->v[i].file, d->v[i].line,
		    d->v[i].col, d->v[i].msg, d->v[i].rule);
}

static void test_default_is_5x5(void **state)
{
	(void)state;
	struct diags d = DIAGS_INIT;
	struct method *m = method_load(NULL, "isms.yaml", &d);
	assert_non_null(m);
	assert_int_equal(d.n, 0);
	assert_string_equal(method_preset_of(m), "5x5");
	assert_int_equal(method_factor_count(m), 2);
	assert_string_equal(method_factor_name(m, 0), "likelihood");
	assert_string_equal(method_factor_name(m, 1), "impact");
	assert_int_equal(method_level_count(m), 4);
	assert_string_equal(method_level_name(m, method_appetite(m)), "medium");
	assert_int_equal(method_derived_factor(m), 1);
	assert_int_equal(method_derive_from(m), DERIVE_CIA);
	assert_string_equal(method_score_formula(m), "likelihood * impact");
	method_free(m);
	diags_release(&d);
}

static void test_presets_roundtrip(void **state)
{
	(void)state;
	assert_int_equal(method_preset_count(), 4);
	assert_null(method_preset("6x6"));
	assert_false(method_preset_exists("6x6"));
	for (size_t i = 0; i < method_preset_count(); i++) {
		const char *name = method_preset_name(i);
		struct method *m = method_preset(name);
		assert_non_null(m);
		assert_true(method_preset_exists(name));
		struct sbuf sb = SBUF_INIT;
		sbuf_adds(&sb, "version: 1\n");
		method_write(m, &sb);
		struct loaded l;
		load(&l, sb.buf);
		if (!l.m) {
			print_message("%s", sb.buf);
			dump(&l.d);
		}
		assert_non_null(l.m);
		assert_int_equal(l.d.n, 0);
		assert_true(method_equal(m, l.m));
		/* Writing is stable: the text of the reloaded method is the
		 * same text. */
		struct sbuf again = SBUF_INIT;
		sbuf_adds(&again, "version: 1\n");
		method_write(l.m, &again);
		assert_string_equal(sb.buf, again.buf);
		sbuf_release(&again);
		sbuf_release(&sb);
		unload(&l);
		method_free(m);
	}
}

static void test_write_shows_level_names(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	struct sbuf sb = SBUF_INIT;
	method_write(m, &sb);
	assert_non_null(strstr(sb.buf, "methodology:\n  "));
	assert_non_null(strstr(sb.buf, "4: likely"));
	assert_non_null(strstr(sb.buf, "- {name: critical, max: 25}"));
	assert_non_null(strstr(sb.buf, "appetite: medium"));
	sbuf_release(&sb);
	method_free(m);
	m = method_preset("owasp");
	method_write(m, &sb);
	assert_non_null(strstr(sb.buf, "coalesce(avg(financial_damage"));
	assert_non_null(strstr(sb.buf, "{name: low, below: 3}"));
	assert_non_null(strstr(sb.buf, "low: [note, low, medium]"));
	sbuf_release(&sb);
	method_free(m);
}

static void test_override_fields(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, "methodology:\n"
	    "  preset: 5x5\n"
	    "  appetite: high\n"
	    "  asset_value: avg\n");
	assert_non_null(l.m);
	assert_string_equal(method_level_name(l.m, method_appetite(l.m)),
	    "high");
	assert_int_equal(method_asset_rule(l.m), ASSET_AVG);
	assert_true(method_above_appetite(l.m, 3));
	assert_false(method_above_appetite(l.m, 2));
	unload(&l);

	/* New factors and a new score: the preset's derive (impact) is gone
	 * with its factor, quietly. */
	load(&l, "methodology:\n"
	    "  factors:\n"
	    "    probability: {scale: {1: low, 2: medium, 3: high}}\n"
	    "    severity: {scale: {1: low, 2: medium, 3: high}}\n"
	    "  score: probability + severity\n"
	    "  levels: [{name: green, max: 2}, {name: amber, max: 4},"
	    " {name: red, max: 6}]\n"
	    "  appetite: amber\n");
	if (!l.m)
		dump(&l.d);
	assert_non_null(l.m);
	assert_int_equal(method_derived_factor(l.m), -1);
	struct method_grid g;
	assert_true(method_grid(l.m, &g));
	assert_int_equal(g.nrows, 3);
	assert_string_equal(method_level_name(l.m, g.cell[2 * 3 + 2]), "red");
	unload(&l);

	/* A user's bands win over the nist preset's inherited matrix. */
	load(&l, "methodology:\n"
	    "  preset: nist-800-30\n"
	    "  score: likelihood * impact\n"
	    "  levels: [{name: very-low, max: 2}, {name: low, max: 5},"
	    " {name: moderate, max: 12}, {name: high, max: 19},"
	    " {name: very-high, max: 25}]\n");
	if (!l.m)
		dump(&l.d);
	assert_non_null(l.m);
	double v[2] = { 5, 1 }, s;
	size_t lv;
	assert_true(method_score(l.m, v, &s, &lv));
	assert_true(s == 5);
	assert_string_equal(method_level_name(l.m, lv), "low");
	unload(&l);
}

/* The owasp preset's impact axis in user form, with a typo and every
 * other problem at once. */
static void test_errors_all_reported(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, "methodology:\n"                                   /* 1 */
	    "  preset: 5x5\n"                                       /* 2 */
	    "  factors:\n"                                          /* 3 */
	    "    likelihood: {scale: {1: low, 2: mid, 3: high}}\n"  /* 4 */
	    "    impact: {range: [0, 5]}\n"                         /* 5 */
	    "  score: likelyhood * impact / impact\n"               /* 6 */
	    "  levels:\n"                                           /* 7 */
	    "    - {name: low, max: 4}\n"                           /* 8 */
	    "    - {name: high, max: 3}\n"                          /* 9 */
	    "  appetite: medum\n"                                   /* 10 */
	    "  asset_valu: max\n");                                 /* 11 */
	assert_null(l.m);
	assert_true(has_diag(&l.d, 6, 10, "unknown factor 'likelyhood' in "
	    "the formula; did you mean 'likelihood'?"));
	assert_true(has_diag(&l.d, 9, 25, "levels must ascend"));
	assert_true(has_diag(&l.d, 10, 13, "appetite 'medum' is not a level"));
	assert_true(has_diag(&l.d, 11, 3, "unknown key 'asset_valu' in "
	    "methodology; did you mean 'asset_value'?"));
	for (size_t i = 0; i < l.d.n; i++)
		assert_string_equal(l.d.v[i].rule, "methodology");
	unload(&l);
}

static void test_error_cases(void **state)
{
	(void)state;
	static const struct {
		const char *yaml;
		unsigned line, col;
		const char *msg;
	} cases[] = {
		{ "methodology:\n  preset: 5x6\n", 2, 11,
		  "unknown preset '5x6'; did you mean '5x5'?" },
		{ "methodology:\n  score: likelihood / 0\n", 2, 23,
		  "division by zero" },
		{ "methodology:\n  factors:\n    a: {range: [0, 3]}\n"
		  "    b: {range: [1, 3]}\n  score: b / a\n"
		  "  levels: [{name: x, max: 9}]\n  appetite: x\n", 5, 14,
		  "division by a value whose scale includes 0" },
		{ "methodology:\n  score: \"likelihood * (impact\"\n", 2, 31,
		  "expected ')'" },
		{ "methodology:\n  score: likelihood ** impact\n", 2, 22,
		  "unexpected '*'" },
		{ "methodology:\n  score: sqrt(impact)\n", 2, 10,
		  "unknown function sqrt()" },
		{ "methodology:\n  levels: [{name: low, max: 4},"
		  " {name: medium, max: 9}]\n", 2, 0,
		  "the score can reach 25, above the last level 'medium'" },
		{ "methodology:\n  preset: nist-800-30\n  matrix:\n"
		  "    cells:\n      very-low: [low, low]\n", 5, 7,
		  "the matrix has 1 rows; likelihood has 5 levels" },
		{ "methodology:\n  preset: nist-800-30\n  matrix:\n"
		  "    cells:\n      very-low: [low]\n      low: [low]\n"
		  "      moderate: [low]\n      high: [low]\n"
		  "      very-high: [low, low, low, low, top]\n", 5, 17,
		  "matrix row 'very-low' must list 5 levels" },
		{ "methodology:\n  preset: nist-800-30\n  matrix:\n"
		  "    cells:\n      very-low: [low, low, low, low, low]\n"
		  "      low: [low, low, low, low, low]\n"
		  "      moderate: [low, low, low, low, low]\n"
		  "      high: [low, low, low, low, low]\n"
		  "      very-high: [low, low, low, low, top]\n", 9, 39,
		  "matrix cell 'top' is not a level" },
		{ "methodology:\n  factors:\n    likelihood: {scale: {2: a, 1: b}}\n"
		  "    impact: {range: [1, 5]}\n", 3, 32,
		  "scale levels must ascend" },
		{ "methodology:\n  factors:\n    likelihood: {scael: {1: a}}\n"
		  "    impact: {range: [1, 5]}\n", 3, 18,
		  "unknown key 'scael' in a factor; did you mean 'scale'?" },
		{ "methodology:\n  appetite: extreme\n", 2, 13,
		  "appetite 'extreme' is not a level" },
		{ "methodology:\n  asset_value: median\n", 2, 16,
		  "asset_value must be max, sum or avg" },
		{ "methodology:\n  derive: {factor: threat}\n", 2, 20,
		  "derive names 'threat', which is not a factor" },
		{ "methodology:\n  levels: [low, medium]\n", 2, 11,
		  "levels need a max (or below) bound each, or a matrix" },
		/* Optional factors outside coalesce() leave a hole. */
		{ "methodology:\n  factors:\n    likelihood: {range: [1, 5]}\n"
		  "    impact: {range: [1, 5], optional: true}\n", 2, 3,
		  "use them inside coalesce() with a fallback (in score, "
		  "inherited from preset 5x5)" },
		/* An inherited field that no longer fits says so. */
		{ "methodology:\n  factors:\n    l: {range: [1, 5]}\n"
		  "    i: {range: [1, 5]}\n", 2, 3,
		  "unknown factor 'likelihood' in the formula (in score, "
		  "inherited from preset 5x5)" },
		{ "methodology: [5x5]\n", 1, 14,
		  "methodology must be a mapping" },
		{ "methodology:\n  preset: owasp\n  axes:\n    likelihood:\n"
		  "      formula: avg(skill_level, motive)\n"
		  "      bands: [{name: low, below: 3}, {name: high, below: 9}]\n"
		  "    impact:\n      formula: loss_of_integrity\n"
		  "      bands: [{name: low, max: 9}]\n", 5, 16,
		  "the axis formula can reach 9, above the last level 'high'" },
	};
	size_t failed = 0;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct loaded l;
		load(&l, cases[i].yaml);
		if (l.m || !has_diag(&l.d, cases[i].line, cases[i].col,
		    cases[i].msg)) {
			print_message("case %zu: want %u:%u: %s\n", i,
			    cases[i].line, cases[i].col, cases[i].msg);
			dump(&l.d);
			failed++;
		}
		unload(&l);
	}
	assert_int_equal(failed, 0);
}

static void test_parse_value(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	double v;
	assert_true(method_parse_value(m, 0, "4", &v));
	assert_true(v == 4);
	assert_true(method_parse_value(m, 0, "likely", &v));
	assert_true(v == 4);
	assert_true(method_parse_value(m, 0, "Almost Certain", &v));
	assert_true(v == 5);
	assert_false(method_parse_value(m, 0, "6", &v));
	assert_false(method_parse_value(m, 0, "0", &v));
	assert_false(method_parse_value(m, 0, "4.5", &v));
	assert_false(method_parse_value(m, 0, "", &v));
	assert_false(method_parse_value(m, 0, "-1", &v));
	struct sbuf sb = SBUF_INIT;
	method_scale_describe(m, 0, &sb);
	assert_string_equal(sb.buf, "1-5 (rare, unlikely, possible, likely, "
	    "almost-certain)");
	sbuf_release(&sb);
	method_free(m);

	m = method_preset("owasp");
	for (int i = 0; i <= 9; i++) {
		char t[2] = { (char)('0' + i), 0 };
		assert_true(method_parse_value(m, 3, t, &v));
		assert_true(v == i);
	}
	assert_false(method_parse_value(m, 3, "10", &v));
	assert_false(method_parse_value(m, 3, "low", &v));
	method_scale_describe(m, 3, &sb);
	assert_string_equal(sb.buf, "an integer 0-9");
	sbuf_release(&sb);
	method_free(m);
}

static void test_rating(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	struct ydoc *doc = NULL;
	const char *text =
	    "- {likelihood: likely, impact: 5}\n"          /* 1 */
	    "- {likelihood: 4}\n"                          /* 2 */
	    "- {likelihod: 4, impact: 9}\n"                /* 3 */
	    "- {likelihood: 2, impact: 2, aro: 0.3}\n"     /* 4 */
	    "- [4, 5]\n";                                  /* 5 */
	assert_null(ydoc_parse("risks.yaml", text, strlen(text), &doc));
	struct diags d = DIAGS_INIT;
	double v[2];
	assert_true(method_rating(m, doc->root->kids[0], "risks.yaml", 0, v,
	    &d));
	assert_true(v[0] == 4 && v[1] == 5);
	assert_int_equal(d.n, 0);

	assert_false(method_rating(m, doc->root->kids[1], "risks.yaml", 0, v,
	    &d));
	assert_true(has_diag(&d, 2, 3, "rating lacks impact"));
	assert_true(method_rating(m, doc->root->kids[1], "risks.yaml",
	    RATING_DERIVABLE, v, &d));
	assert_true(v[0] == 4 && v[1] == METHOD_UNRATED);

	assert_false(method_rating(m, doc->root->kids[2], "risks.yaml", 0, v,
	    &d));
	assert_true(has_diag(&d, 3, 4, "unknown factor 'likelihod' in the "
	    "rating; did you mean 'likelihood'?"));
	assert_true(has_diag(&d, 3, 26, "bad value '9' for impact: expected "
	    "1-5 (negligible, minor, moderate, major, severe)"));
	assert_true(has_diag(&d, 3, 3, "rating lacks likelihood"));
	assert_false(has_diag(&d, 3, 3, "rating lacks impact"));

	assert_false(method_rating(m, doc->root->kids[3], "risks.yaml", 0, v,
	    &d));
	assert_true(method_rating(m, doc->root->kids[3], "risks.yaml",
	    RATING_QUANT, v, &d));
	assert_false(method_rating(m, doc->root->kids[4], "risks.yaml", 0,
	    NULL, &d));
	assert_true(has_diag(&d, 5, 3, "rating must be a mapping"));
	for (size_t i = 0; i < d.n; i++)
		assert_string_equal(d.v[i].rule, "rating");
	diags_release(&d);
	ydoc_free(doc);
	method_free(m);

	/* OWASP: the business factors go together. */
	m = method_preset("owasp");
	text = "{skill_level: 5, motive: 2, opportunity: 7, size: 1,"
	    " ease_of_discovery: 3, ease_of_exploit: 6, awareness: 9,"
	    " intrusion_detection: 2, loss_of_confidentiality: 9,"
	    " loss_of_integrity: 7, loss_of_availability: 5,"
	    " loss_of_accountability: 8, financial_damage: 1,"
	    " reputation_damage: 2}\n";
	assert_null(ydoc_parse("risks.yaml", text, strlen(text), &doc));
	double ov[16];
	assert_false(method_rating(m, doc->root, "risks.yaml", 0, ov, &d));
	assert_true(has_diag(&d, 1, 1, "rate also non_compliance, "
	    "privacy_violation, or none of them"));
	diags_release(&d);
	ydoc_free(doc);
	method_free(m);
}

static void test_grid(void **state)
{
	(void)state;
	struct method *m = method_preset("5x5");
	struct method_grid g;
	assert_true(method_grid(m, &g));
	assert_string_equal(g.row_name, "likelihood");
	assert_string_equal(g.col_name, "impact");
	assert_int_equal(g.nrows, 5);
	assert_int_equal(g.ncols, 5);
	assert_string_equal(g.row_labels[3], "likely");
	/* likelihood 4 x impact 3 = 12: high. */
	assert_string_equal(method_level_name(m, g.cell[3 * 5 + 2]), "high");
	double v[2] = { 4, 3 };
	size_t r, c;
	assert_true(method_grid_cell(m, v, &r, &c));
	assert_int_equal(r, 3);
	assert_int_equal(c, 2);
	method_free(m);

	m = method_preset("iso27005");
	assert_false(method_grid(m, &g));
	method_free(m);

	m = method_preset("owasp");
	assert_true(method_grid(m, &g));
	assert_string_equal(g.row_name, "likelihood");
	assert_int_equal(g.nrows, 3);
	assert_string_equal(g.col_labels[2], "high");
	assert_string_equal(method_level_name(m, g.cell[2 * 3 + 2]),
	    "critical");
	method_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_is_5x5),
		cmocka_unit_test(test_presets_roundtrip),
		cmocka_unit_test(test_write_shows_level_names),
		cmocka_unit_test(test_override_fields),
		cmocka_unit_test(test_errors_all_reported),
		cmocka_unit_test(test_error_cases),
		cmocka_unit_test(test_parse_value),
		cmocka_unit_test(test_rating),
		cmocka_unit_test(test_grid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
