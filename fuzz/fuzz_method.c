/*
 * Fuzz target: the risk methodology and its formula language.
 *
 * The first byte chooses what the rest is.  Even: a YAML text whose
 * `methodology:` node (or, without one, the whole document) is loaded by
 * method_load(); a method that loads must write itself out (method_write)
 * as text that loads back to an equal method.  Odd: a score formula for
 * expr_parse() over the factor names of the 5x5 and OWASP presets; a
 * formula that parses is bounded by expr_range() and evaluated on a few
 * ratings, and its value must lie inside the bounds.
 */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "isms/expr.h"
#include "isms/method.h"

static const char *const vars[] = {
	"likelihood", "impact", "threat", "vulnerability", "asset_value",
	"skill_level", "motive", "opportunity", "size",
};

static int resolve(void *arg, const char *name, size_t len, size_t off)
{
	for (size_t i = 0; i < ARRAY_SIZE(vars); i++)
		if (strlen(vars[i]) == len && memcmp(vars[i], name, len) == 0)
			return (int)i;
	return -1;
}

static void report(void *arg, size_t off, const char *msg)
{
	fuzz_assert(msg != NULL);
}

static void fuzz_formula(const char *src)
{
	struct arena a = { 0 };
	struct expr_ops ops = { resolve, report, NULL };
	struct expr *e = expr_parse(&a, src, &ops);
	if (e) {
		struct expr_range vr[ARRAY_SIZE(vars)], out;
		for (size_t i = 0; i < ARRAY_SIZE(vars); i++)
			vr[i] = (struct expr_range){ 0, 9, false };
		bool bounded = expr_range(e, vr, &ops, &out);
		static const double ratings[][ARRAY_SIZE(vars)] = {
			{ 0, 0, 0, 0, 0, 0, 0, 0, 0 },
			{ 1, 5, 2, 2, 4, 9, 9, 9, 9 },
			{ 9, 1, 0, 1, 3, 4, 5, 6, 7 },
		};
		for (size_t r = 0; bounded && r < ARRAY_SIZE(ratings); r++) {
			double v;
			if (expr_eval(e, ratings[r], &v) && isfinite(v))
				fuzz_assert(v >= out.lo - 1e-9 * (1 + fabs(out.lo)) &&
				    v <= out.hi + 1e-9 * (1 + fabs(out.hi)));
		}
		fuzz_assert(expr_equal(e, e));
	}
	arena_free(&a);
}

static void fuzz_methodology(const char *text, size_t len)
{
	struct ydoc *doc = NULL;
	struct diags d = DIAGS_INIT;
	struct isms_error *err = ydoc_parse("isms.yaml", text, len, &doc);
	if (err) {
		err_free(err);
		return;
	}
	const struct ynode *node = yn_get(doc->root, "methodology");
	struct method *m = method_load(node ? node : doc->root, "isms.yaml",
	    &d);
	if (m) {
		struct sbuf sb = SBUF_INIT;
		struct ydoc *again = NULL;
		struct diags d2 = DIAGS_INIT;
		method_write(m, &sb);
		fuzz_assert(ydoc_parse("written", sb.buf, sb.len, &again) ==
		    NULL);
		struct method *m2 = method_load(yn_get(again->root,
		    "methodology"), "written", &d2);
		fuzz_assert(m2 != NULL && method_equal(m, m2));
		method_free(m2);
		diags_release(&d2);
		ydoc_free(again);
		sbuf_release(&sb);
	}
	method_free(m);
	diags_release(&d);
	ydoc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if (size - 1 > EXPR_MAX_LEN + 16)
			return 0;
		char *src = xstrndup((const char *)data + 1, size - 1);
		fuzz_formula(src);
		free(src);
	} else {
		fuzz_methodology((const char *)data + 1, size - 1);
	}
	return 0;
}
