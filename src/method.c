/*
 * Loading, checking and writing the risk methodology (include/isms/method.h).
 *
 * The presets are YAML text in the very format users write, so there is one
 * loader: a field the user gives replaces the preset's field, and a field
 * the user leaves out is read from the preset's text.  Problems found in an
 * inherited field are reported at the user's `methodology:` mapping, naming
 * the preset, because the preset's own text has no place in the project.
 *
 * Loading goes field by field in dependency order (factors, derive, axes,
 * score, levels, matrix, appetite, asset_value); a field whose inputs
 * failed is skipped rather than reported again, and every independent
 * problem is reported.  Nothing is half-built on return: either the whole
 * method satisfies the invariants listed in method_int.h, or it is freed.
 */
#include "method_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE "methodology"

/* ------------------------------------------------------------------ */
/* Presets                                                              */

static const char preset_5x5[] =
"factors:\n"
"  likelihood:\n"
"    scale: {1: rare, 2: unlikely, 3: possible, 4: likely, 5: almost-certain}\n"
"  impact:\n"
"    scale: {1: negligible, 2: minor, 3: moderate, 4: major, 5: severe}\n"
"derive: {factor: impact, from: cia}\n"
"score: likelihood * impact\n"
"levels:\n"
"  - {name: low, max: 4}\n"
"  - {name: medium, max: 9}\n"
"  - {name: high, max: 16}\n"
"  - {name: critical, max: 25}\n"
"appetite: medium\n"
"asset_value: max\n";

/* ISO/IEC 27005:2011 Annex E.2.1: asset value 0-4 plus likelihood of the
 * threat 0-2 plus ease of exploitation of the vulnerability 0-2. */
static const char preset_iso27005[] =
"factors:\n"
"  asset_value:\n"
"    scale: {0: very-low, 1: low, 2: medium, 3: high, 4: very-high}\n"
"  threat:\n"
"    scale: {0: low, 1: medium, 2: high}\n"
"  vulnerability:\n"
"    scale: {0: low, 1: medium, 2: high}\n"
"derive: {factor: asset_value, from: value}\n"
"score: asset_value + threat + vulnerability\n"
"levels:\n"
"  - {name: low, max: 2}\n"
"  - {name: medium, max: 5}\n"
"  - {name: high, max: 8}\n"
"appetite: medium\n"
"asset_value: max\n";

/* NIST SP 800-30 Rev. 1 Table I-2, rows by likelihood, lowest first. */
static const char preset_nist[] =
"factors:\n"
"  likelihood:\n"
"    scale: {1: very-low, 2: low, 3: moderate, 4: high, 5: very-high}\n"
"  impact:\n"
"    scale: {1: very-low, 2: low, 3: moderate, 4: high, 5: very-high}\n"
"derive: {factor: impact, from: cia}\n"
"levels: [very-low, low, moderate, high, very-high]\n"
"matrix:\n"
"  rows: likelihood\n"
"  columns: impact\n"
"  cells:\n"
"    very-low: [very-low, very-low, very-low, low, low]\n"
"    low: [very-low, low, low, low, moderate]\n"
"    moderate: [very-low, low, moderate, moderate, high]\n"
"    high: [very-low, low, moderate, high, very-high]\n"
"    very-high: [very-low, low, moderate, high, very-high]\n"
"appetite: moderate\n"
"asset_value: max\n";

/* The OWASP Risk Rating Methodology: likelihood and impact are averages
 * banded LOW <3, MEDIUM <6, HIGH <=9; the business impact replaces the
 * technical one when it is rated; the severity table crosses the two. */
#define OWASP_F(n) "  " n ": {range: [0, 9]}\n"
#define OWASP_B(n) "  " n ": {range: [0, 9], optional: true}\n"
#define OWASP_BANDS \
"    bands:\n" \
"      - {name: low, below: 3}\n" \
"      - {name: medium, below: 6}\n" \
"      - {name: high, max: 9}\n"
static const char preset_owasp[] =
"factors:\n"
OWASP_F("skill_level") OWASP_F("motive") OWASP_F("opportunity")
OWASP_F("size") OWASP_F("ease_of_discovery") OWASP_F("ease_of_exploit")
OWASP_F("awareness") OWASP_F("intrusion_detection")
OWASP_F("loss_of_confidentiality") OWASP_F("loss_of_integrity")
OWASP_F("loss_of_availability") OWASP_F("loss_of_accountability")
OWASP_B("financial_damage") OWASP_B("reputation_damage")
OWASP_B("non_compliance") OWASP_B("privacy_violation")
"derive: none\n"
"axes:\n"
"  likelihood:\n"
"    formula: avg(skill_level, motive, opportunity, size, ease_of_discovery,"
" ease_of_exploit, awareness, intrusion_detection)\n"
OWASP_BANDS
"  impact:\n"
"    formula: coalesce(avg(financial_damage, reputation_damage,"
" non_compliance, privacy_violation), avg(loss_of_confidentiality,"
" loss_of_integrity, loss_of_availability, loss_of_accountability))\n"
OWASP_BANDS
"levels: [note, low, medium, high, critical]\n"
"matrix:\n"
"  rows: likelihood\n"
"  columns: impact\n"
"  cells:\n"
"    low: [note, low, medium]\n"
"    medium: [low, medium, high]\n"
"    high: [medium, high, critical]\n"
"appetite: medium\n"
"asset_value: max\n";

static const struct {
	const char *name;
	const char *text;
} presets[] = {
	{ "5x5", preset_5x5 },
	{ "iso27005", preset_iso27005 },
	{ "nist-800-30", preset_nist },
	{ "owasp", preset_owasp },
};

size_t method_preset_count(void)
{
	return ARRAY_SIZE(presets);
}

const char *method_preset_name(size_t i)
{
	return i < ARRAY_SIZE(presets) ? presets[i].name : NULL;
}

static int preset_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(presets); i++)
		if (str_eq(presets[i].name, name))
			return (int)i;
	return -1;
}

bool method_preset_exists(const char *name)
{
	return preset_find(name) >= 0;
}

/* ------------------------------------------------------------------ */
/* Names                                                                */

static char norm_char(char c)
{
	if (c == ' ' || c == '_')
		return '-';
	return (char)tolower((unsigned char)c);
}

bool method_name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (norm_char(*a) != norm_char(*b))
			return false;
	return *a == *b;
}

static bool is_ident(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Level names: words of letters, digits, '-', '_' and single spaces,
 * starting with a letter, so that a rating value is never ambiguous
 * between a number and a name. */
static bool is_level_name(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
		    !(*s == ' ' && s[1] && s[1] != ' '))
			return false;
	return true;
}

/* A non-negative integer of at most 4 digits, as YAML text. */
bool method_parse_int(const char *s, int *out)
{
	int v = 0, n = 0;
	for (; isdigit((unsigned char)*s) && n < 5; s++, n++)
		v = v * 10 + (*s - '0');
	if (*s || n == 0 || n > 4)
		return false;
	*out = v;
	return true;
}

static bool parse_num(const char *s, double *out)
{
	char *end;
	if (!*s || isspace((unsigned char)*s))
		return false;
	double v = strtod(s, &end);
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* The closest of n candidates to name, for a did-you-mean hint.  A
 * candidate may be NULL (a level whose name was refused). */
static const char *closest(const char *name, const char *const *cand,
    size_t n)
{
	struct closest c;
	closest_init(&c, name);
	for (size_t i = 0; i < n; i++)
		closest_try(&c, cand[i]);
	return c.best;
}

/* ------------------------------------------------------------------ */
/* The loader                                                           */

struct loader {
	struct method *m;
	struct diags *d;
	const char *file;
	const struct ynode *top;  /* the user's methodology mapping */
	const char *field;        /* the field being built */
	bool inherited;           /* ... comes from the preset's text */
	bool ok;
};

static void lerrv(struct loader *L, const struct ynode *at, unsigned col,
    const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	unsigned line = 1;
	if (L->inherited) {
		at = L->top;
		col = 0;
	}
	if (at) {
		line = at->line;
		col = col ? col : at->col;
	}
	if (!col)
		col = 1;
	if (L->inherited)
		diag_fatal(L->d, RULE, L->file, at, "%s (in %s, inherited from "
		    "preset %s)", msg, L->field, L->m->preset);
	else if (at && col == at->col)
		diag_fatal(L->d, RULE, L->file, at, "%s", msg);
	else {
		/* A column inside a formula: diag_fatal() only knows nodes. */
		struct ynode here = { .line = line, .col = col };
		diag_fatal(L->d, RULE, L->file, &here, "%s", msg);
	}
	free(msg);
	L->ok = false;
}

static void lerr(struct loader *L, const struct ynode *at, const char *fmt,
    ...) ISMS_PRINTF(3, 4);

static void lerr(struct loader *L, const struct ynode *at, const char *fmt,
    ...)
{
	va_list ap;
	va_start(ap, fmt);
	lerrv(L, at, 0, fmt, ap);
	va_end(ap);
}

static void lerr_col(struct loader *L, const struct ynode *at, unsigned col,
    const char *fmt, ...) ISMS_PRINTF(4, 5);

static void lerr_col(struct loader *L, const struct ynode *at, unsigned col,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lerrv(L, at, col, fmt, ap);
	va_end(ap);
}

static const char *scalar(struct loader *L, const struct ynode *n,
    const char *what)
{
	if (n && n->kind == YN_SCALAR && !yn_is_null(n))
		return n->str;
	lerr(L, n, "%s must be a scalar, not %s", what, yn_kind_name(n));
	return NULL;
}

/* Checks the keys of a mapping: unknown (with a hint) or repeated. */
static bool check_keys(struct loader *L, const struct ynode *map,
    const char *what, const char *const *keys, size_t nkeys)
{
	bool ok = true;
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i);
		if (k->kind != YN_SCALAR) {
			lerr(L, k, "%s has a key that is not a scalar", what);
			ok = false;
			continue;
		}
		bool known = false;
		for (size_t j = 0; j < nkeys; j++)
			known |= str_eq(k->str, keys[j]);
		for (size_t j = 0; j < i; j++)
			if (YN_KEY(map, j)->kind == YN_SCALAR &&
			    str_eq(YN_KEY(map, j)->str, k->str)) {
				lerr(L, k, "%s repeats key '%s'", what, k->str);
				ok = false;
			}
		if (known)
			continue;
		const char *hint = closest(k->str, keys, nkeys);
		if (hint)
			lerr(L, k, "unknown key '%s' in %s; did you mean '%s'?",
			    k->str, what, hint);
		else
			lerr(L, k, "unknown key '%s' in %s", k->str, what);
		ok = false;
	}
	return ok;
}

static bool need_map(struct loader *L, const struct ynode *n,
    const char *what)
{
	if (n && n->kind == YN_MAP)
		return true;
	lerr(L, n, "%s must be a mapping, not %s", what, yn_kind_name(n));
	return false;
}

static void *alloc0(struct method *m, size_t n, size_t size)
{
	void *p = arena_alloc(&m->arena, n * size > 0 ? n * size : 1);
	memset(p, 0, n * size);
	return p;
}

/* ---- factors ---- */

static const char *const reserved_names[] = {
	"min", "max", "avg", "coalesce", "sle", "aro", "loss", "ale",
};

static bool build_scale(struct loader *L, struct mfactor *f,
    const struct ynode *scale)
{
	if (!need_map(L, scale, "scale") || YN_PAIRS(scale) == 0 ||
	    YN_PAIRS(scale) > METHOD_MAX_SCALE) {
		if (scale && scale->kind == YN_MAP)
			lerr(L, scale, "a scale has 1 to %d levels",
			    METHOD_MAX_SCALE);
		return false;
	}
	bool ok = true;
	f->n = YN_PAIRS(scale);
	f->lv = alloc0(L->m, f->n, sizeof(*f->lv));
	f->named = true;
	for (size_t i = 0; i < f->n; i++) {
		const struct ynode *k = YN_KEY(scale, i), *v = YN_VAL(scale, i);
		int num;
		if (k->kind != YN_SCALAR || !method_parse_int(k->str, &num) ||
		    num > METHOD_MAX_VALUE) {
			lerr(L, k, "scale level number must be an integer "
			    "0-%d", METHOD_MAX_VALUE);
			ok = false;
			continue;
		}
		if (i > 0 && num <= f->lv[i - 1].value) {
			lerr(L, k, "scale levels must ascend: %d after %d",
			    num, f->lv[i - 1].value);
			ok = false;
		}
		const char *name = scalar(L, v, "a scale level's name");
		if (!name) {
			ok = false;
			continue;
		}
		if (!is_level_name(name)) {
			lerr(L, v, "level name '%s' must start with a letter "
			    "and hold only letters, digits, '-', '_' and "
			    "spaces", name);
			ok = false;
		}
		for (size_t j = 0; j < i; j++)
			if (f->lv[j].name && method_name_eq(f->lv[j].name,
			    name)) {
				lerr(L, v, "scale repeats level name '%s'",
				    name);
				ok = false;
			}
		f->lv[i].value = num;
		f->lv[i].name = f->lv[i].label = arena_strdup(&L->m->arena,
		    name);
	}
	return ok;
}

static bool build_range(struct loader *L, struct mfactor *f,
    const struct ynode *r)
{
	int lo, hi;
	if (!r || r->kind != YN_SEQ || r->n != 2 ||
	    r->kids[0]->kind != YN_SCALAR || r->kids[1]->kind != YN_SCALAR ||
	    !method_parse_int(r->kids[0]->str, &lo) ||
	    !method_parse_int(r->kids[1]->str, &hi) || hi > METHOD_MAX_VALUE) {
		lerr(L, r, "range must be [min, max], integers 0-%d",
		    METHOD_MAX_VALUE);
		return false;
	}
	if (lo > hi || hi - lo >= METHOD_MAX_SCALE) {
		lerr(L, r, "range [%d, %d] must have min <= max and at most "
		    "%d values", lo, hi, METHOD_MAX_SCALE);
		return false;
	}
	f->n = (size_t)(hi - lo + 1);
	f->lv = alloc0(L->m, f->n, sizeof(*f->lv));
	for (size_t i = 0; i < f->n; i++) {
		f->lv[i].value = lo + (int)i;
		char buf[12];
		snprintf(buf, sizeof(buf), "%d", f->lv[i].value);
		f->lv[i].label = arena_strdup(&L->m->arena, buf);
	}
	return true;
}

static bool build_factor(struct loader *L, struct mfactor *f,
    const struct ynode *key, const struct ynode *spec)
{
	static const char *const keys[] = { "scale", "range", "optional" };
	bool ok = true;
	if (!need_map(L, spec, "a factor"))
		return false;
	ok &= check_keys(L, spec, "a factor", keys, ARRAY_SIZE(keys));
	const struct ynode *scale = yn_get(spec, "scale");
	const struct ynode *range = yn_get(spec, "range");
	const struct ynode *opt = yn_get(spec, "optional");
	if (!!scale == !!range) {
		lerr(L, spec, "factor '%s' needs a scale or a range (one of "
		    "them)", key->str);
		return false;
	}
	ok &= scale ? build_scale(L, f, scale) : build_range(L, f, range);
	if (opt) {
		if (opt->kind == YN_SCALAR && (str_eq(opt->str, "true") ||
		    str_eq(opt->str, "false")))
			f->optional = str_eq(opt->str, "true");
		else {
			lerr(L, opt, "optional must be true or false");
			ok = false;
		}
	}
	return ok;
}

static bool build_factors(struct loader *L, const struct ynode *n)
{
	struct method *m = L->m;
	if (!need_map(L, n, "factors"))
		return false;
	if (YN_PAIRS(n) == 0 || YN_PAIRS(n) > METHOD_MAX_FACTORS) {
		lerr(L, n, "factors must name 1 to %d factors",
		    METHOD_MAX_FACTORS);
		return false;
	}
	bool ok = true;
	m->nf = YN_PAIRS(n);
	m->f = alloc0(m, m->nf, sizeof(*m->f));
	for (size_t i = 0; i < m->nf; i++) {
		const struct ynode *k = YN_KEY(n, i);
		if (k->kind != YN_SCALAR || !is_ident(k->str)) {
			lerr(L, k, "factor name must be an identifier "
			    "(letters, digits and '_')");
			ok = false;
			continue;
		}
		for (size_t r = 0; r < ARRAY_SIZE(reserved_names); r++)
			if (str_eq(k->str, reserved_names[r])) {
				lerr(L, k, "'%s' is reserved and cannot name "
				    "a factor", k->str);
				ok = false;
			}
		for (size_t j = 0; j < i; j++)
			if (str_eq(m->f[j].name, k->str)) {
				lerr(L, k, "factor '%s' is named twice",
				    k->str);
				ok = false;
			}
		m->f[i].name = arena_strdup(&m->arena, k->str);
		ok &= build_factor(L, &m->f[i], k, YN_VAL(n, i));
	}
	if (!ok)
		return false;
	for (size_t i = 0; i < m->nf; i++) {
		m->flabels[i] = alloc0(m, m->f[i].n, sizeof(char *));
		for (size_t k = 0; k < m->f[i].n; k++)
			m->flabels[i][k] = m->f[i].lv[k].label;
	}
	return true;
}

/* ---- derive ---- */

static void build_derive(struct loader *L, const struct ynode *n)
{
	static const char *const keys[] = { "factor", "from" };
	struct method *m = L->m;
	const struct ynode *fac = n, *from = NULL;
	m->derive = -1;
	m->dfrom = DERIVE_NONE;
	if (!n || yn_is_null(n) || (n->kind == YN_SCALAR &&
	    str_eq(n->str, "none")))
		return;
	if (n->kind == YN_MAP) {
		if (!check_keys(L, n, "derive", keys, ARRAY_SIZE(keys)))
			return;
		fac = yn_get(n, "factor");
		from = yn_get(n, "from");
	}
	const char *name = scalar(L, fac, "derive's factor");
	if (!name)
		return;
	int f = method_factor_index(m, name);
	if (f < 0) {
		/* A preset's derivable factor is gone when the user renamed
		 * the factors: nothing to derive, and nothing wrong. */
		if (!L->inherited)
			lerr(L, fac, "derive names '%s', which is not a "
			    "factor", name);
		return;
	}
	enum derive_from df = DERIVE_CIA;
	if (from) {
		const char *s = scalar(L, from, "derive's from");
		if (!s)
			return;
		if (str_eq(s, "value"))
			df = DERIVE_VALUE;
		else if (!str_eq(s, "cia")) {
			lerr(L, from, "derive from must be cia or value, not "
			    "'%s'", s);
			return;
		}
	}
	m->derive = f;
	m->dfrom = df;
}

/* ---- formulas ---- */

struct fctx {
	struct loader *L;
	const struct ynode *node;
	size_t nvars; /* names visible: factors, then axes when > nf */
};

static unsigned formula_col(const struct ynode *n, size_t off)
{
	/* Only a one-line plain or quoted scalar maps offsets to columns. */
	if (n->style == YS_BLOCK || n->end_line != n->line)
		return n->col;
	return n->col + (unsigned)off + (n->style == YS_QUOTED ? 1 : 0);
}

static void formula_error(void *arg, size_t off, const char *msg)
{
	struct fctx *c = arg;
	lerr_col(c->L, c->node, formula_col(c->node, off), "%s", msg);
}

static const char *var_name(const struct method *m, size_t v)
{
	return v < m->nf ? m->f[v].name : m->ax[v - m->nf].name;
}

static int formula_resolve(void *arg, const char *name, size_t len,
    size_t off)
{
	struct fctx *c = arg;
	struct method *m = c->L->m;
	const char *names[EXPR_MAX_VARS];
	for (size_t v = 0; v < c->nvars; v++) {
		names[v] = var_name(m, v);
		if (strlen(names[v]) == len && !strncmp(names[v], name, len))
			return (int)v;
	}
	char *s = xstrndup(name, len);
	const char *hint = closest(s, names, c->nvars);
	unsigned col = formula_col(c->node, off);
	if (hint)
		lerr_col(c->L, c->node, col, "unknown factor '%s' in the "
		    "formula; did you mean '%s'?", s, hint);
	else
		lerr_col(c->L, c->node, col, "unknown factor '%s' in the "
		    "formula", s);
	free(s);
	return -1;
}

/* Each variable's range: a factor's scale ends, an axis's formula range.
 * The derivable factor is never missing; optional factors may be. */
static void var_ranges(const struct method *m, struct expr_range *r,
    size_t nvars)
{
	for (size_t v = 0; v < nvars && v < m->nf; v++) {
		r[v].lo = m->f[v].lv[0].value;
		r[v].hi = m->f[v].lv[m->f[v].n - 1].value;
		r[v].may_miss = m->f[v].optional;
	}
}

/* Parses and checks a formula: names, divisors, never missing. */
static struct expr *build_formula(struct loader *L, const struct ynode *n,
    size_t nvars, struct expr_range *vars, struct expr_range *out)
{
	struct fctx c = { L, n, nvars };
	struct expr_ops ops = { formula_resolve, formula_error, &c };
	const char *src = n && n->kind == YN_SCALAR ? n->str : NULL;
	if (!src || !*src) {
		lerr(L, n, "a formula must be a non-empty string");
		return NULL;
	}
	struct expr *e = expr_parse(&L->m->arena, src, &ops);
	if (!e)
		return NULL;
	if (!expr_range(e, vars, &ops, out))
		return NULL;
	if (out->may_miss) {
		lerr(L, n, "the formula has no value when optional factors "
		    "are not rated; use them inside coalesce() with a "
		    "fallback");
		return NULL;
	}
	return e;
}

/* ---- bands ---- */

static bool band_less(const struct mband *a, const struct mband *b)
{
	/* "below 3" ends before "max 3", which ends before "below 3.5". */
	return a->bound < b->bound || (a->bound == b->bound && a->below &&
	    !b->below);
}

/* Reads [{name, max} | {name, below} | name ...].  names_only: the list
 * of a matrix method (bounds refused); need_bounds: an axis. */
static struct mband *build_bands(struct loader *L, const struct ynode *n,
    const char *what, bool need_bounds, size_t *count, bool *banded,
    bool *valid)
{
	static const char *const keys[] = { "name", "max", "below" };
	if (!n || n->kind != YN_SEQ || n->n == 0 ||
	    n->n > METHOD_MAX_LEVELS) {
		lerr(L, n, "%s must be a list of 1 to %d levels", what,
		    METHOD_MAX_LEVELS);
		*valid = false;
		return NULL;
	}
	struct mband *b = alloc0(L->m, n->n, sizeof(*b));
	bool ok = true;
	size_t nbounds = 0;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *it = n->kids[i], *name = it, *bound = NULL;
		if (it->kind == YN_MAP) {
			if (!check_keys(L, it, what, keys, ARRAY_SIZE(keys))) {
				ok = false;
				continue;
			}
			name = yn_get(it, "name");
			const struct ynode *mx = yn_get(it, "max");
			const struct ynode *bl = yn_get(it, "below");
			if (mx && bl) {
				lerr(L, it, "a level has max or below, not "
				    "both");
				ok = false;
			}
			bound = mx ? mx : bl;
			b[i].below = !mx && bl;
		}
		const char *s = scalar(L, name, "a level's name");
		if (!s) {
			ok = false;
			continue;
		}
		if (!is_level_name(s)) {
			lerr(L, name, "level name '%s' must start with a "
			    "letter and hold only letters, digits, '-', '_' "
			    "and spaces", s);
			ok = false;
		}
		b[i].name = arena_strdup(&L->m->arena, s);
		for (size_t j = 0; j < i; j++)
			if (b[j].name && method_name_eq(b[j].name, s)) {
				lerr(L, name, "level '%s' is named twice", s);
				ok = false;
			}
		if (!bound)
			continue;
		nbounds++;
		if (bound->kind != YN_SCALAR ||
		    !parse_num(bound->str, &b[i].bound)) {
			lerr(L, bound, "a level's bound must be a number");
			ok = false;
			continue;
		}
		if (i > 0 && b[i - 1].name && !band_less(&b[i - 1], &b[i])) {
			lerr(L, bound, "levels must ascend: '%s' ends at or "
			    "below '%s'", s, b[i - 1].name);
			ok = false;
		}
	}
	if (ok && nbounds != 0 && nbounds != n->n) {
		lerr(L, n, "%s: either every level has a max (or below) "
		    "bound or none has", what);
		ok = false;
	}
	if (ok && need_bounds && nbounds == 0) {
		lerr(L, n, "%s need a max (or below) bound each", what);
		ok = false;
	}
	*count = n->n;
	*banded = nbounds != 0;
	*valid = ok;
	/* Even invalid, the names serve to check the appetite. */
	return b;
}

int method_band_find(const struct mband *b, size_t n, double v)
{
	for (size_t i = 0; i < n; i++)
		if (b[i].below ? v < b[i].bound : v <= b[i].bound)
			return (int)i;
	return -1;
}

/* Every value the formula can take must fall in a band. */
static bool check_cover(struct loader *L, const struct ynode *at,
    const struct mband *b, size_t n, const struct expr_range *r,
    const char *what)
{
	if (method_band_find(b, n, r->hi) >= 0)
		return true;
	lerr(L, at, "%s can reach %g, above the last level '%s' (%s %g): "
	    "such a score would have no level", what, r->hi, b[n - 1].name,
	    b[n - 1].below ? "below" : "max", b[n - 1].bound);
	return false;
}

/* ---- axes ---- */

static bool build_axes(struct loader *L, const struct ynode *n,
    struct expr_range *vars)
{
	static const char *const keys[] = { "formula", "bands" };
	struct method *m = L->m;
	if (!n || yn_is_null(n))
		return true;
	if (!need_map(L, n, "axes"))
		return false;
	if (YN_PAIRS(n) > METHOD_MAX_AXES) {
		lerr(L, n, "at most %d axes", METHOD_MAX_AXES);
		return false;
	}
	bool ok = true;
	m->nax = YN_PAIRS(n);
	m->ax = alloc0(m, m->nax, sizeof(*m->ax));
	for (size_t i = 0; i < m->nax; i++) {
		struct maxis *x = &m->ax[i];
		const struct ynode *k = YN_KEY(n, i), *v = YN_VAL(n, i);
		if (k->kind != YN_SCALAR || !is_ident(k->str) ||
		    method_factor_index(m, k->str) >= 0) {
			lerr(L, k, "an axis name must be an identifier that "
			    "names no factor");
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (m->ax[j].name && str_eq(m->ax[j].name, k->str)) {
				lerr(L, k, "axis '%s' is named twice", k->str);
				ok = false;
			}
		x->name = arena_strdup(&m->arena, k->str);
		if (!need_map(L, v, "an axis") ||
		    !check_keys(L, v, "an axis", keys, ARRAY_SIZE(keys))) {
			ok = false;
			continue;
		}
		const struct ynode *fn = yn_get(v, "formula");
		struct expr_range r;
		bool banded;
		x->e = build_formula(L, fn, m->nf, vars, &r);
		bool valid;
		x->band = build_bands(L, yn_get(v, "bands"), "an axis's bands",
		    true, &x->n, &banded, &valid);
		if (!x->e || !valid) {
			ok = false;
			continue;
		}
		x->formula = arena_strdup(&m->arena, fn->str);
		ok &= check_cover(L, fn, x->band, x->n, &r, "the axis formula");
		vars[m->nf + i].lo = r.lo;
		vars[m->nf + i].hi = r.hi;
		vars[m->nf + i].may_miss = false;
		x->labels = alloc0(m, x->n, sizeof(char *));
		for (size_t b = 0; b < x->n; b++)
			x->labels[b] = x->band[b].name;
	}
	if (!ok)
		m->nax = 0;
	return ok;
}

/* ---- matrix ---- */

size_t method_ref_count(const struct method *m, const struct mref *r)
{
	return r->axis ? m->ax[r->idx].n : m->f[r->idx].n;
}

static const char *ref_name(const struct method *m, const struct mref *r)
{
	return r->axis ? m->ax[r->idx].name : m->f[r->idx].name;
}

static const char *const *ref_labels(const struct method *m,
    const struct mref *r)
{
	return r->axis ? m->ax[r->idx].labels : m->flabels[r->idx];
}

static bool build_ref(struct loader *L, const struct ynode *n, size_t dflt,
    struct mref *r, const char *what)
{
	struct method *m = L->m;
	if (!n) {
		if (dflt >= m->nf) {
			lerr(L, L->top, "the matrix needs two factors for its "
			    "rows and columns");
			return false;
		}
		r->axis = false;
		r->idx = dflt;
		return true;
	}
	const char *s = scalar(L, n, what);
	if (!s)
		return false;
	int f = method_factor_index(m, s);
	if (f >= 0) {
		r->axis = false;
		r->idx = (size_t)f;
		return true;
	}
	for (size_t x = 0; x < m->nax; x++)
		if (str_eq(m->ax[x].name, s)) {
			r->axis = true;
			r->idx = x;
			return true;
		}
	lerr(L, n, "matrix %s '%s' is neither a factor nor an axis", what, s);
	return false;
}

/* labels is NULL for a factor on a bare numeric range: no name matches. */
static int label_find(const char *const *labels, size_t n, const char *s)
{
	for (size_t i = 0; labels && i < n; i++)
		if (labels[i] && method_name_eq(labels[i], s))
			return (int)i;
	return -1;
}

static bool build_cells(struct loader *L, const struct ynode *cells)
{
	struct method *m = L->m;
	size_t nr = method_ref_count(m, &m->mrow), nc = method_ref_count(m, &m->mcol);
	const char *const *rl = ref_labels(m, &m->mrow);
	if (!need_map(L, cells, "the matrix cells"))
		return false;
	if (YN_PAIRS(cells) != nr) {
		lerr(L, cells, "the matrix has %zu rows; %s has %zu levels",
		    YN_PAIRS(cells), ref_name(m, &m->mrow), nr);
		return false;
	}
	bool ok = true;
	bool seen[METHOD_MAX_SCALE] = { false };
	m->cell = alloc0(m, nr * nc, sizeof(*m->cell));
	for (size_t i = 0; i < nr; i++) {
		const struct ynode *k = YN_KEY(cells, i), *row = YN_VAL(cells, i);
		int r = k->kind == YN_SCALAR ? label_find(rl, nr, k->str) : -1;
		if (r < 0 || seen[r]) {
			lerr(L, k, r < 0 ? "matrix row '%s' is not a level of "
			    "%s" : "matrix row '%s' is given twice%.0s",
			    k->kind == YN_SCALAR ? k->str : "?",
			    ref_name(m, &m->mrow));
			ok = false;
			continue;
		}
		seen[r] = true;
		if (!row || row->kind != YN_SEQ || row->n != nc) {
			lerr(L, row, "matrix row '%s' must list %zu levels, "
			    "one per level of %s", k->str, nc,
			    ref_name(m, &m->mcol));
			ok = false;
			continue;
		}
		for (size_t c = 0; c < nc; c++) {
			const struct ynode *v = row->kids[c];
			int l = v->kind == YN_SCALAR ?
			    method_level_index(m, v->str) : -1;
			if (l < 0) {
				lerr(L, v, "matrix cell '%s' is not a level",
				    v->kind == YN_SCALAR ? v->str : "?");
				ok = false;
				continue;
			}
			m->cell[(size_t)r * nc + c] = (size_t)l;
		}
	}
	return ok;
}

static bool build_matrix(struct loader *L, const struct ynode *n)
{
	static const char *const keys[] = { "rows", "columns", "cells" };
	struct method *m = L->m;
	if (!need_map(L, n, "matrix") ||
	    !check_keys(L, n, "matrix", keys, ARRAY_SIZE(keys)))
		return false;
	if (!build_ref(L, yn_get(n, "rows"), 0, &m->mrow, "rows") ||
	    !build_ref(L, yn_get(n, "columns"), 1, &m->mcol, "columns"))
		return false;
	if (m->mrow.axis == m->mcol.axis && m->mrow.idx == m->mcol.idx) {
		lerr(L, n, "matrix rows and columns must differ");
		return false;
	}
	return build_cells(L, yn_get(n, "cells"));
}

/* ---- the grid ---- */

static void build_grid(struct method *m)
{
	size_t req[2], nreq = 0;
	if (m->has_matrix) {
		m->has_grid = true;
		m->grow = m->mrow;
		m->gcol = m->mcol;
		m->gcell = m->cell;
		return;
	}
	/* Bands over exactly two required factors (5x5): the cell of each
	 * pair of levels is the level of its score. */
	for (size_t f = 0; f < m->nf; f++)
		if (!m->f[f].optional && nreq++ < 2)
			req[nreq - 1] = f;
	if (nreq != 2 || m->nax || (expr_vars(m->score) &
	    ~((UINT64_C(1) << req[0]) | (UINT64_C(1) << req[1]))))
		return;
	size_t nr = m->f[req[0]].n, nc = m->f[req[1]].n;
	double vals[METHOD_MAX_FACTORS];
	for (size_t f = 0; f < m->nf; f++)
		vals[f] = METHOD_UNRATED;
	m->gcell = alloc0(m, nr * nc, sizeof(*m->gcell));
	for (size_t r = 0; r < nr; r++)
		for (size_t c = 0; c < nc; c++) {
			double s;
			vals[req[0]] = m->f[req[0]].lv[r].value;
			vals[req[1]] = m->f[req[1]].lv[c].value;
			expr_eval(m->score, vals, &s);
			m->gcell[r * nc + c] =
			    (size_t)method_band_find(m->lv, m->nl, s);
		}
	m->has_grid = true;
	m->grow = (struct mref){ false, req[0] };
	m->gcol = (struct mref){ false, req[1] };
}

/* ---- the whole ---- */

static const char *const top_keys[] = {
	"preset", "factors", "derive", "axes", "score", "levels", "matrix",
	"appetite", "asset_value",
};

struct fields {
	const struct ynode *user, *preset;
};

/* The node for key: the user's, else the preset's; null means absent. */
static const struct ynode *field(struct loader *L, const struct fields *fs,
    const char *key)
{
	const struct ynode *n = fs->user ? yn_get_key(fs->user, key) : NULL;
	L->field = key;
	L->inherited = !n;
	n = n ? yn_get(fs->user, key) : yn_get(fs->preset, key);
	return n && yn_is_null(n) ? NULL : n;
}

/* Levels and matrix together: which of them decides the level. */
static void build_levels_matrix(struct loader *L, const struct fields *fs,
    const struct ynode *sn, bool sn_inh, bool score_ok,
    const struct expr_range *sr)
{
	struct method *m = L->m;
	const struct ynode *ln = field(L, fs, "levels");
	bool levels_inh = L->inherited;
	bool valid;
	m->lv = build_bands(L, ln, "levels", false, &m->nl, &m->banded,
	    &valid);
	const struct ynode *mn = field(L, fs, "matrix");
	bool matrix_inh = L->inherited;
	if (!valid)
		return;
	/* When the user changes one of levels and matrix, an inherited
	 * other yields: bounds from a preset do not fight a user's matrix,
	 * nor a preset's matrix the user's bounds. */
	if (mn && m->banded && !matrix_inh && levels_inh)
		m->banded = false;
	if (mn && m->banded && matrix_inh && !levels_inh)
		mn = NULL;
	L->field = "levels";
	L->inherited = levels_inh;
	if (mn && m->banded) {
		lerr(L, mn, "levels have max bounds and a matrix also "
		    "decides the level; give one of them");
		return;
	}
	if (!mn && !m->banded) {
		lerr(L, ln, "levels need a max (or below) bound each, or a "
		    "matrix to decide them");
		return;
	}
	if (m->banded) {
		if (!m->score && score_ok)
			lerr(L, ln, "levels with bounds need a score formula");
		if (m->score) {
			L->field = "score";
			L->inherited = sn_inh;
			check_cover(L, sn, m->lv, m->nl, sr, "the score");
		}
		return;
	}
	L->field = "matrix";
	L->inherited = matrix_inh;
	m->has_matrix = build_matrix(L, mn);
}

static void build_appetite(struct loader *L, const struct fields *fs)
{
	struct method *m = L->m;
	const struct ynode *n = field(L, fs, "appetite");
	const char *s = scalar(L, n, "appetite");
	if (!s || !m->lv)
		return;
	int l = method_level_index(m, s);
	if (l < 0) {
		const char *names[METHOD_MAX_LEVELS];
		for (size_t i = 0; i < m->nl; i++)
			names[i] = m->lv[i].name;
		const char *hint = closest(s, names, m->nl);
		if (hint)
			lerr(L, n, "appetite '%s' is not a level; did you "
			    "mean '%s'?", s, hint);
		else
			lerr(L, n, "appetite '%s' is not a level", s);
		return;
	}
	m->appetite = (size_t)l;
}

static void build_asset_rule(struct loader *L, const struct fields *fs)
{
	const struct ynode *n = field(L, fs, "asset_value");
	const char *s = scalar(L, n, "asset_value");
	if (!s)
		return;
	if (str_eq(s, "max"))
		L->m->asset = ASSET_MAX;
	else if (str_eq(s, "sum"))
		L->m->asset = ASSET_SUM;
	else if (str_eq(s, "avg"))
		L->m->asset = ASSET_AVG;
	else
		lerr(L, n, "asset_value must be max, sum or avg, not '%s'", s);
}

static void build(struct loader *L, const struct fields *fs)
{
	struct method *m = L->m;
	struct expr_range vars[EXPR_MAX_VARS], sr = { 0, 0, false };
	const struct ynode *sn = NULL;
	bool score_ok = false, sn_inh = false;

	if (build_factors(L, field(L, fs, "factors"))) {
		var_ranges(m, vars, m->nf);
		build_derive(L, field(L, fs, "derive"));
		if (build_axes(L, field(L, fs, "axes"), vars)) {
			sn = field(L, fs, "score");
			sn_inh = L->inherited;
			score_ok = true;
			if (sn) {
				m->score = build_formula(L, sn, m->nf + m->nax,
				    vars, &sr);
				score_ok = m->score != NULL;
				if (m->score)
					m->score_src = arena_strdup(&m->arena,
					    sn->str);
			}
		}
	}
	build_levels_matrix(L, fs, sn, sn_inh, score_ok, &sr);
	build_appetite(L, fs);
	build_asset_rule(L, fs);
	if (L->ok)
		build_grid(m);
}

static const char *pick_preset(struct loader *L, const struct ynode *user)
{
	const struct ynode *n = user ? yn_get(user, "preset") : NULL;
	if (!n || yn_is_null(n))
		return METHOD_DEFAULT_PRESET;
	const char *s = scalar(L, n, "preset");
	if (!s)
		return METHOD_DEFAULT_PRESET;
	if (preset_find(s) >= 0)
		return presets[preset_find(s)].name;
	const char *names[ARRAY_SIZE(presets)];
	for (size_t i = 0; i < ARRAY_SIZE(presets); i++)
		names[i] = presets[i].name;
	const char *hint = closest(s, names, ARRAY_SIZE(presets));
	if (hint)
		lerr(L, n, "unknown preset '%s'; did you mean '%s'?", s, hint);
	else
		lerr(L, n, "unknown preset '%s'; the presets are 5x5, "
		    "iso27005, nist-800-30 and owasp", s);
	return METHOD_DEFAULT_PRESET;
}

struct method *method_load(const struct ynode *node, const char *file,
    struct diags *d)
{
	struct method *m = xcalloc(1, sizeof(*m));
	struct ydoc *pdoc = NULL;
	struct isms_error *err = NULL;
	struct loader L = { m, d, file, NULL, "methodology", false, true };
	struct fields fs = { NULL, NULL };

	m->derive = -1;
	if (node && !yn_is_null(node)) {
		if (!need_map(&L, node, "methodology"))
			goto out;
		L.top = fs.user = node;
		check_keys(&L, node, "methodology", top_keys,
		    ARRAY_SIZE(top_keys));
	}
	m->preset = pick_preset(&L, fs.user);
	const char *text = presets[preset_find(m->preset)].text;
	if ((err = ydoc_parse(m->preset, text, strlen(text), &pdoc))) {
		/* The presets are tested; this is a bug, not bad input. */
		diag_add_error(d, RULE, err);
		L.ok = false;
		goto out;
	}
	fs.preset = pdoc->root;
	build(&L, &fs);
out:
	err_free(err);
	ydoc_free(pdoc);
	if (!L.ok) {
		method_free(m);
		return NULL;
	}
	return m;
}

struct method *method_preset(const char *name)
{
	struct diags d = DIAGS_INIT;
	struct ynode key = { .kind = YN_SCALAR, .str = "preset", .len = 6 };
	struct ynode val = { .kind = YN_SCALAR, .str = name, .len = strlen(name) };
	struct ynode *kids[2] = { &key, &val };
	struct ynode map = { .kind = YN_MAP, .kids = kids, .n = 2 };
	if (preset_find(name) < 0)
		return NULL;
	struct method *m = method_load(&map, "<preset>", &d);
	diags_release(&d);
	return m;
}

void method_free(struct method *m)
{
	if (!m)
		return;
	arena_free(&m->arena);
	free(m);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */

const char *method_preset_of(const struct method *m)
{
	return m->preset;
}

size_t method_factor_count(const struct method *m)
{
	return m->nf;
}

const char *method_factor_name(const struct method *m, size_t f)
{
	return m->f[f].name;
}

int method_factor_index(const struct method *m, const char *name)
{
	for (size_t f = 0; f < m->nf; f++)
		if (m->f[f].name && str_eq(m->f[f].name, name))
			return (int)f;
	return -1;
}

bool method_factor_optional(const struct method *m, size_t f)
{
	return m->f[f].optional;
}

size_t method_scale_count(const struct method *m, size_t f)
{
	return m->f[f].n;
}

int method_scale_value(const struct method *m, size_t f, size_t k)
{
	return m->f[f].lv[k].value;
}

const char *method_scale_name(const struct method *m, size_t f, size_t k)
{
	return m->f[f].lv[k].name;
}

const char *method_scale_label(const struct method *m, size_t f, size_t k)
{
	return m->f[f].lv[k].label;
}

void method_scale_describe(const struct method *m, size_t f,
    struct sbuf *out)
{
	const struct mfactor *fa = &m->f[f];
	bool contiguous = fa->lv[fa->n - 1].value - fa->lv[0].value ==
	    (int)fa->n - 1;
	if (!fa->named) {
		sbuf_addf(out, "an integer %d-%d", fa->lv[0].value,
		    fa->lv[fa->n - 1].value);
		return;
	}
	if (contiguous)
		sbuf_addf(out, "%d-%d (", fa->lv[0].value,
		    fa->lv[fa->n - 1].value);
	for (size_t k = 0; k < fa->n; k++) {
		if (k)
			sbuf_adds(out, ", ");
		if (contiguous)
			sbuf_adds(out, fa->lv[k].name);
		else
			sbuf_addf(out, "%d %s", fa->lv[k].value,
			    fa->lv[k].name);
	}
	if (contiguous)
		sbuf_addch(out, ')');
}

int method_scale_find(const struct method *m, size_t f, double v)
{
	const struct mfactor *fa = &m->f[f];
	if (!fa->named) {
		double k = v - fa->lv[0].value;
		if (k >= 0 && k < (double)fa->n && k == (double)(size_t)k)
			return (int)k;
		return -1;
	}
	for (size_t k = 0; k < fa->n; k++)
		if (fa->lv[k].value == v)
			return (int)k;
	return -1;
}

size_t method_axis_count(const struct method *m)
{
	return m->nax;
}

const char *method_axis_name(const struct method *m, size_t x)
{
	return m->ax[x].name;
}

const char *method_axis_formula(const struct method *m, size_t x)
{
	return m->ax[x].formula;
}

size_t method_axis_band_count(const struct method *m, size_t x)
{
	return m->ax[x].n;
}

const char *method_axis_band_name(const struct method *m, size_t x,
    size_t b)
{
	return m->ax[x].band[b].name;
}

const char *method_score_formula(const struct method *m)
{
	return m->score_src;
}

size_t method_level_count(const struct method *m)
{
	return m->nl;
}

const char *method_level_name(const struct method *m, size_t level)
{
	return m->lv[level].name;
}

int method_level_index(const struct method *m, const char *name)
{
	for (size_t l = 0; l < m->nl; l++)
		if (m->lv[l].name && method_name_eq(m->lv[l].name, name))
			return (int)l;
	return -1;
}

size_t method_appetite(const struct method *m)
{
	return m->appetite;
}

bool method_above_appetite(const struct method *m, size_t level)
{
	return level > m->appetite;
}

int method_derived_factor(const struct method *m)
{
	return m->derive;
}

enum derive_from method_derive_from(const struct method *m)
{
	return m->dfrom;
}

enum asset_rule method_asset_rule(const struct method *m)
{
	return m->asset;
}

const char *asset_rule_name(enum asset_rule r)
{
	return r == ASSET_SUM ? "sum" : r == ASSET_AVG ? "avg" : "max";
}

bool method_grid(const struct method *m, struct method_grid *g)
{
	if (!m->has_grid)
		return false;
	g->row_name = ref_name(m, &m->grow);
	g->col_name = ref_name(m, &m->gcol);
	g->nrows = method_ref_count(m, &m->grow);
	g->ncols = method_ref_count(m, &m->gcol);
	g->row_labels = ref_labels(m, &m->grow);
	g->col_labels = ref_labels(m, &m->gcol);
	g->cell = m->gcell;
	return true;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

static bool yaml_word(const char *s)
{
	static const char *const special[] = {
		"true", "false", "null", "yes", "no", "on", "off", "y", "n",
	};
	for (size_t i = 0; i < ARRAY_SIZE(special); i++)
		if (method_name_eq(s, special[i]))
			return true;
	return false;
}

/* Writes s plain when YAML reads it back as the same string, else
 * double-quoted.  Formulas may hold ( ) + - * / , and spaces. */
static void put_str(struct sbuf *o, const char *s, bool formula)
{
	bool plain = *s && (isalpha((unsigned char)*s) || *s == '_' ||
	    (formula && *s == '(')) && !yaml_word(s) &&
	    s[strlen(s) - 1] != ' ';
	for (const char *p = s; plain && *p; p++)
		plain = isalnum((unsigned char)*p) || strchr("-_ ", *p) ||
		    (formula && strchr("()+*/,.", *p));
	/* In flow collections a comma would end the scalar. */
	if (plain) {
		sbuf_adds(o, s);
		return;
	}
	sbuf_addch(o, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addf(o, "\\%c", *p);
		else if (*p == '\n')
			sbuf_adds(o, "\\n");
		else if (*p == '\t')
			sbuf_adds(o, "\\t");
		else if (*p == '\r')
			sbuf_adds(o, "\\r");
		else
			sbuf_addch(o, *p);
	}
	sbuf_addch(o, '"');
}

/* The shortest text that reads back as exactly v. */
static void put_num(struct sbuf *o, double v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	sbuf_adds(o, buf);
}

static void put_bands(struct sbuf *o, const struct mband *b, size_t n,
    const char *indent)
{
	for (size_t i = 0; i < n; i++) {
		sbuf_addf(o, "%s- {name: ", indent);
		put_str(o, b[i].name, false);
		sbuf_adds(o, b[i].below ? ", below: " : ", max: ");
		put_num(o, b[i].bound);
		sbuf_adds(o, "}\n");
	}
}

static void write_factors(const struct method *m, struct sbuf *o)
{
	sbuf_adds(o,
	    "  # Factors rated on each risk, each on a scale of numbered "
	    "levels.\n"
	    "  # A rating gives the number or the name: likelihood: 4 or "
	    "likelihood: likely.\n"
	    "  factors:\n");
	for (size_t f = 0; f < m->nf; f++) {
		const struct mfactor *fa = &m->f[f];
		sbuf_addf(o, "    %s:", fa->name);
		if (!fa->named) {
			sbuf_addf(o, " {range: [%d, %d]%s}\n", fa->lv[0].value,
			    fa->lv[fa->n - 1].value,
			    fa->optional ? ", optional: true" : "");
			continue;
		}
		sbuf_adds(o, "\n      scale: {");
		for (size_t k = 0; k < fa->n; k++) {
			sbuf_addf(o, "%s%d: ", k ? ", " : "", fa->lv[k].value);
			put_str(o, fa->lv[k].name, false);
		}
		sbuf_adds(o, "}\n");
		if (fa->optional)
			sbuf_adds(o, "      optional: true\n");
	}
}

static void write_derive(const struct method *m, struct sbuf *o)
{
	sbuf_adds(o, "  # The factor a risk may leave out, taken from its "
	    "assets: from cia, the\n"
	    "  # highest harmed C/I/A (else the asset value); from value, "
	    "the highest\n"
	    "  # asset value.\n");
	if (m->derive < 0)
		sbuf_adds(o, "  derive: none\n");
	else
		sbuf_addf(o, "  derive: {factor: %s, from: %s}\n",
		    m->f[m->derive].name,
		    m->dfrom == DERIVE_VALUE ? "value" : "cia");
}

static void write_axes(const struct method *m, struct sbuf *o)
{
	if (!m->nax)
		return;
	sbuf_adds(o, "  # Intermediate axes: a formula banded into levels of "
	    "its own.\n  axes:\n");
	for (size_t x = 0; x < m->nax; x++) {
		sbuf_addf(o, "    %s:\n      formula: ", m->ax[x].name);
		put_str(o, m->ax[x].formula, true);
		sbuf_adds(o, "\n      bands:\n");
		put_bands(o, m->ax[x].band, m->ax[x].n, "        ");
	}
}

static void write_levels(const struct method *m, struct sbuf *o)
{
	if (m->banded) {
		sbuf_adds(o, "  # Risk levels, lowest first: a score falls in "
		    "the first level whose max\n"
		    "  # it does not exceed (or that it is below).\n"
		    "  levels:\n");
		put_bands(o, m->lv, m->nl, "    ");
		return;
	}
	sbuf_adds(o, "  # Risk levels, lowest first, decided by the matrix.\n"
	    "  levels: [");
	for (size_t l = 0; l < m->nl; l++) {
		if (l)
			sbuf_adds(o, ", ");
		put_str(o, m->lv[l].name, false);
	}
	sbuf_adds(o, "]\n");
}

static void write_matrix(const struct method *m, struct sbuf *o)
{
	size_t nr = method_ref_count(m, &m->mrow), nc = method_ref_count(m, &m->mcol);
	const char *const *rl = ref_labels(m, &m->mrow);
	if (!m->has_matrix)
		return;
	sbuf_addf(o, "  # One row per level of %s (lowest first), one column "
	    "per level of %s.\n", ref_name(m, &m->mrow),
	    ref_name(m, &m->mcol));
	sbuf_addf(o, "  matrix:\n    rows: %s\n    columns: %s\n    cells:\n",
	    ref_name(m, &m->mrow), ref_name(m, &m->mcol));
	for (size_t r = 0; r < nr; r++) {
		sbuf_adds(o, "      ");
		put_str(o, rl[r], false);
		sbuf_adds(o, ": [");
		for (size_t c = 0; c < nc; c++) {
			if (c)
				sbuf_adds(o, ", ");
			put_str(o, m->lv[m->cell[r * nc + c]].name, false);
		}
		sbuf_adds(o, "]\n");
	}
}

void method_write(const struct method *m, struct sbuf *o)
{
	sbuf_adds(o, "methodology:\n");
	sbuf_addf(o, "  # Every field below overrides the preset; see "
	    "isms-methodology(7).\n  preset: %s\n", m->preset);
	write_factors(m, o);
	write_derive(m, o);
	write_axes(m, o);
	if (m->score_src) {
		sbuf_adds(o, "  # Formula: + - * / ( ) min() max() avg() "
		    "coalesce(), numbers, factor names.\n  score: ");
		put_str(o, m->score_src, true);
		sbuf_addch(o, '\n');
	}
	write_levels(m, o);
	write_matrix(m, o);
	sbuf_adds(o, "  # The highest level that may be retained without "
	    "treatment.\n  appetite: ");
	put_str(o, m->lv[m->appetite].name, false);
	sbuf_addf(o, "\n  # An asset's value from its C, I and A: max, sum "
	    "or avg.\n  asset_value: %s\n", asset_rule_name(m->asset));
}

/* ------------------------------------------------------------------ */
/* Equality                                                             */

static bool bands_equal(const struct mband *a, const struct mband *b,
    size_t n, bool bounds)
{
	for (size_t i = 0; i < n; i++)
		if (!str_eq(a[i].name, b[i].name) || (bounds &&
		    (a[i].bound != b[i].bound || a[i].below != b[i].below)))
			return false;
	return true;
}

static bool factors_equal(const struct method *a, const struct method *b)
{
	if (a->nf != b->nf)
		return false;
	for (size_t f = 0; f < a->nf; f++) {
		const struct mfactor *x = &a->f[f], *y = &b->f[f];
		if (!str_eq(x->name, y->name) || x->n != y->n ||
		    x->named != y->named || x->optional != y->optional)
			return false;
		for (size_t k = 0; k < x->n; k++)
			if (x->lv[k].value != y->lv[k].value ||
			    str_cmp_null(x->lv[k].name, y->lv[k].name))
				return false;
	}
	return true;
}

static bool axes_equal(const struct method *a, const struct method *b)
{
	if (a->nax != b->nax)
		return false;
	for (size_t x = 0; x < a->nax; x++)
		if (!str_eq(a->ax[x].name, b->ax[x].name) ||
		    !str_eq(a->ax[x].formula, b->ax[x].formula) ||
		    !expr_equal(a->ax[x].e, b->ax[x].e) ||
		    a->ax[x].n != b->ax[x].n ||
		    !bands_equal(a->ax[x].band, b->ax[x].band, a->ax[x].n,
		    true))
			return false;
	return true;
}

static bool matrix_equal(const struct method *a, const struct method *b)
{
	if (a->has_matrix != b->has_matrix)
		return false;
	if (!a->has_matrix)
		return true;
	if (a->mrow.axis != b->mrow.axis || a->mrow.idx != b->mrow.idx ||
	    a->mcol.axis != b->mcol.axis || a->mcol.idx != b->mcol.idx)
		return false;
	size_t n = method_ref_count(a, &a->mrow) * method_ref_count(a, &a->mcol);
	return !memcmp(a->cell, b->cell, n * sizeof(*a->cell));
}

bool method_equal(const struct method *a, const struct method *b)
{
	if (!a || !b)
		return a == b;
	return str_eq(a->preset, b->preset) && factors_equal(a, b) &&
	    a->derive == b->derive && a->dfrom == b->dfrom &&
	    axes_equal(a, b) && !str_cmp_null(a->score_src, b->score_src) &&
	    (!a->score) == (!b->score) &&
	    (!a->score || expr_equal(a->score, b->score)) &&
	    a->nl == b->nl && a->banded == b->banded &&
	    bands_equal(a->lv, b->lv, a->nl, a->banded) &&
	    matrix_equal(a, b) && a->appetite == b->appetite &&
	    a->asset == b->asset;
}
