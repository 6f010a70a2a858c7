/*
 * Computing every risk and treatment figure of a project in one pass.
 *
 * Work is linear in the size of the registers: treatments are grouped by
 * risk through the id index, and each rating is read once.  Ratings that
 * the loader already reported as invalid simply stay unscored here; the
 * diagnostics are the loader's business.
 */
#include "isms/assess.h"

#include <stdlib.h>
#include <string.h>

#include "isms/method.h"
#include "isms/sim.h"

bool treatment_live(const struct treatment *t)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	return !rec_has(t, s, "status") || t->status != TS_CANCELLED;
}

bool treatment_in_effect(const struct treatment *t)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	return rec_has(t, s, "status") &&
	    (t->status == TS_IMPLEMENTED || t->status == TS_VERIFIED);
}

/* A rating's values as the loader read them (it reported any problem):
 * record i of a list whose values the project keeps in cache/ok. */
static bool cached_rating(const struct method *m, const double *cache,
    const unsigned char *ok, size_t i, double *vals)
{
	size_t nf = method_factor_count(m);
	if (!cache || !ok[i])
		return false;
	memcpy(vals, &cache[i * nf], nf * sizeof(*vals));
	return true;
}

static unsigned cia_mask(const struct risk *r)
{
	unsigned mask = 0;
	for (size_t i = 0; i < r->cia.n; i++) {
		const char *v = r->cia.v[i];
		if (!v[0] || v[1])
			continue;
		mask |= v[0] == 'c' ? CIA_C : v[0] == 'i' ? CIA_I :
		    v[0] == 'a' ? CIA_A : 0;
	}
	return mask;
}

/* The derivable factor from the risk's assets' effective C, I, A. */
static void derive_factor(const struct project *p, struct risk_eval *e,
    struct cia *scratch, const struct asset **which)
{
	const struct method *m = p->method;
	int df = method_derived_factor(m);
	const struct risk *r = e->risk;
	size_t n = 0;

	if (df < 0 || e->vals[df] != METHOD_UNRATED)
		return;
	for (size_t i = 0; i < r->assets.n; i++) {
		const struct asset *a = project_find(p, COL_ASSETS, r->assets.v[i]);
		if (!a)
			continue;
		long idx = project_index_of(p, COL_ASSETS, a);
		scratch[n] = p->effective[idx];
		which[n++] = a;
	}
	if (n && method_derive(m, scratch, n, cia_mask(r), &e->deriv)) {
		e->vals[df] = e->deriv.value;
		e->derived = true;
		e->deriv_asset = which[e->deriv.asset];
	}
}

static void score_view(const struct method *m, const double *vals,
    struct view_score *v)
{
	v->scored = method_score(m, vals, &v->score, &v->level);
	v->in_grid = v->scored && method_grid_cell(m, vals, &v->row, &v->col);
}

/* A residual rating's values: the treatment's factors over the inherent
 * ones.  False when the treatment has no readable residual rating. */
static bool residual_values(const struct project *p,
    const struct risk_eval *e, const struct treatment *t, double *vals)
{
	const struct method *m = p->method;
	size_t nf = method_factor_count(m);
	if (!t->residual || !e->inherent.scored)
		return false;
	if (!cached_rating(m, p->residual_vals, p->residual_ok,
	    t->r.index, vals))
		return false;
	for (size_t f = 0; f < nf; f++)
		if (vals[f] == METHOD_UNRATED)
			vals[f] = e->vals[f];
	return true;
}

static void score_residual(const struct project *p, const struct risk_eval *e,
    const struct treatment *t, double *tmp, struct view_score *v)
{
	memset(v, 0, sizeof(*v));
	if (!residual_values(p, e, t, tmp))
		return;
	score_view(p->method, tmp, v);
	v->from = t;
}

/* The evaluation assess_treatment() finds for t's id: t's own, unless an
 * id is given twice (a fatal problem, but the numbers are still made). */
static const struct treat_eval *treat_eval_of(const struct assessment *a,
    const struct treatment *t)
{
	if (!t->id)
		return NULL;
	if (a->unique_treat_ids)
		return &a->treats[t->r.index];
	return assess_treatment(a, t->id);
}

/* The lowest-scoring view among the treatments chosen by keep(). */
static void best_view(const struct assessment *a, const struct risk_eval *e,
    bool (*keep)(const struct treatment *), struct view_score *out)
{
	*out = e->inherent;
	out->from = NULL;
	for (size_t i = 0; i < e->ntreatments; i++) {
		const struct treatment *t = e->treatments[i];
		const struct treat_eval *te = treat_eval_of(a, t);
		if (!keep(t) || !te || !te->residual.scored)
			continue;
		if (!out->from || te->residual.score < out->score)
			*out = te->residual;
	}
}

static double num_key(const struct ynode *map, const char *key, double dflt)
{
	double v;
	const struct ynode *n = yn_get(map, key);
	return n && scalar_num(n, &v) ? v : dflt;
}

static void treatment_money(const struct risk_eval *e, struct treat_eval *te)
{
	const struct treatment *t = te->t;
	const struct schema *ts = coll_defs[COL_TREATMENTS].schema;
	const struct schema *rs = coll_defs[COL_RISKS].schema;
	const struct risk *r = e ? e->risk : NULL;

	if (r && rec_has(r, rs, "sle") && rec_has(r, rs, "aro")) {
		te->has_ale = true;
		te->ale_before = sim_ale(r->sle, r->aro);
		double sle = num_key(t->residual, "sle", r->sle);
		double aro = num_key(t->residual, "aro", r->aro);
		te->ale_after = sim_ale(sle, aro);
	}
	bool has_cost = rec_has(t, ts, "cost"), has_run = rec_has(t, ts,
	    "annual_cost");
	if (has_cost || has_run) {
		double years = rec_has(t, ts, "cost_years") && t->cost_years > 0 ?
		    t->cost_years : 3;
		te->has_cost = true;
		te->annualised_cost = (has_run ? t->annual_cost : 0) +
		    (has_cost ? t->cost / years : 0);
	}
	if (te->has_ale && te->has_cost && te->annualised_cost > 0) {
		te->has_rosi = true;
		te->rosi = (te->ale_before - te->ale_after - te->annualised_cost) /
		    te->annualised_cost;
	}
}

/*
 * Each risk's treatments in file order, all in one block: owner[i] is the
 * risk treatment i names (NULL when none), looked up once here and kept
 * for the residual pass.
 */
static void group_treatments(struct assessment *a, struct risk_eval **owner)
{
	const struct reclist *ts = &a->p->treatments->treatments;
	size_t at = 0, with_id = 0;
	for (size_t i = 0; i < ts->n; i++) {
		const struct treatment *t = ts->v[i];
		owner[i] = (struct risk_eval *)assess_risk(a, t->risk);
		a->treats[i].risk = owner[i];
		if (owner[i])
			owner[i]->ntreatments++;
		with_id += t->id != NULL;
	}
	a->unique_treat_ids = a->p->index[COL_TREATMENTS].n == with_id;
	a->grouped = xcalloc(ts->n + 1, sizeof(*a->grouped));
	for (size_t i = 0; i < a->nrisks; i++) {
		struct risk_eval *e = &a->risks[i];
		e->treatments = a->grouped + at;
		at += e->ntreatments;
		e->ntreatments = 0;
	}
	for (size_t i = 0; i < ts->n; i++)
		if (owner[i])
			owner[i]->treatments[owner[i]->ntreatments++] = ts->v[i];
}

void assess_project(const struct project *p, struct assessment *a)
{
	const struct method *m = p->method;
	const struct reclist *rl = &p->risks->risks;
	const struct reclist *tl = &p->treatments->treatments;
	const struct schema *rs = coll_defs[COL_RISKS].schema;
	const struct field *f_sle = schema_field(rs, "sle");
	const struct field *f_aro = schema_field(rs, "aro");

	memset(a, 0, sizeof(*a));
	a->p = p;
	a->nrisks = rl->n;
	a->ntreats = tl->n;
	a->risks = xcalloc(rl->n + 1, sizeof(*a->risks));
	a->treats = xcalloc(tl->n + 1, sizeof(*a->treats));
	for (size_t i = 0; i < rl->n; i++)
		a->risks[i].risk = rl->v[i];
	for (size_t i = 0; i < tl->n; i++)
		a->treats[i].t = tl->v[i];
	struct risk_eval **owner = xcalloc(tl->n + 1, sizeof(*owner));
	group_treatments(a, owner);
	size_t nf = m ? method_factor_count(m) : 0;
	size_t maxassets = 1;
	for (size_t i = 0; i < rl->n; i++) {
		const struct risk *r = rl->v[i];
		if (r->assets.n > maxassets)
			maxassets = r->assets.n;
	}
	struct cia *scratch = xcalloc(maxassets, sizeof(*scratch));
	const struct asset **which = xcalloc(maxassets, sizeof(*which));
	double *tmp = xcalloc(nf + 1, sizeof(*tmp));

	a->vals = xcalloc(rl->n * nf + 1, sizeof(*a->vals));
	for (size_t i = 0; i < rl->n * nf; i++)
		a->vals[i] = METHOD_UNRATED;
	for (size_t i = 0; i < rl->n; i++) {
		struct risk_eval *e = &a->risks[i];
		const struct risk *r = e->risk;
		e->vals = a->vals + i * nf;
		if (f_sle && f_aro && rec_has_field(r, rs, f_sle) &&
		    rec_has_field(r, rs, f_aro)) {
			e->has_ale = true;
			e->ale = sim_ale(r->sle, r->aro);
		}
		if (!m || !r->rating || !cached_rating(m, p->rating_vals,
		    p->rating_ok, r->r.index, e->vals))
			continue;
		derive_factor(p, e, scratch, which);
		score_view(m, e->vals, &e->inherent);
		if (e->inherent.scored)
			e->above_appetite = method_above_appetite(m,
			    e->inherent.level);
	}
	for (size_t i = 0; i < tl->n; i++) {
		struct treat_eval *te = &a->treats[i];
		const struct risk_eval *e = owner[i];
		if (m && e)
			score_residual(p, e, te->t, tmp, &te->residual);
		treatment_money(e, te);
	}
	for (size_t i = 0; i < rl->n; i++) {
		struct risk_eval *e = &a->risks[i];
		best_view(a, e, treatment_live, &e->residual);
		best_view(a, e, treatment_in_effect, &e->current);
	}
	free(owner);
	free(scratch);
	free(which);
	free(tmp);
}

void assess_release(struct assessment *a)
{
	free(a->risks);
	free(a->treats);
	free(a->vals);
	free(a->grouped);
	memset(a, 0, sizeof(*a));
}

const struct assessment *project_assessment(const struct project *p)
{
	if (!p->assessment) {
		struct assessment *a = xcalloc(1, sizeof(*a));
		assess_project(p, a);
		/* A cache: the project is otherwise unchanged. */
		((struct project *)p)->assessment = a;
	}
	return p->assessment;
}

void assess_free(struct assessment *a)
{
	if (!a)
		return;
	assess_release(a);
	free(a);
}

/* The project's index finds the first record with the id, and the
 * evaluations are parallel to the lists. */
const struct risk_eval *assess_risk(const struct assessment *a,
    const char *risk_id)
{
	const void *r = risk_id ? project_find(a->p, COL_RISKS, risk_id) : NULL;
	long i = r ? project_index_of(a->p, COL_RISKS, r) : -1;
	return i >= 0 ? &a->risks[i] : NULL;
}

const struct treat_eval *assess_treatment(const struct assessment *a,
    const char *treatment_id)
{
	const void *t = treatment_id ?
	    project_find(a->p, COL_TREATMENTS, treatment_id) : NULL;
	long i = t ? project_index_of(a->p, COL_TREATMENTS, t) : -1;
	return i >= 0 ? &a->treats[i] : NULL;
}

bool assess_view_values(const struct assessment *a,
    const struct risk_eval *e, const struct view_score *v, double *vals)
{
	const struct method *m = a->p->method;
	if (!m || !v->scored)
		return false;
	if (v->from)
		return residual_values(a->p, e, v->from, vals);
	memcpy(vals, e->vals, method_factor_count(m) * sizeof(*vals));
	return true;
}

const char *assess_level_name(const struct assessment *a,
    const struct view_score *v)
{
	if (!v->scored || !a->p->method)
		return "";
	return method_level_name(a->p->method, v->level);
}

/* Residual sle or aro over the risk's: the factor to scale by. */
static double quant_scale(const struct treatment *t, const char *key,
    bool has, double base)
{
	if (!t || !has || base <= 0)
		return 1;
	return num_key(t->residual, key, base) / base;
}

static struct pert pert_scaled(const struct range3 *r, double k)
{
	return (struct pert){ r->min * k, r->mode * k, r->max * k };
}

bool assess_loss_model(const struct assessment *a, const struct risk_eval *e,
    bool treated, struct sim_loss *out, bool *point)
{
	const struct risk *r = e->risk;
	const struct schema *rs = coll_defs[COL_RISKS].schema;
	bool has_sle = rec_has(r, rs, "sle"), has_aro = rec_has(r, rs, "aro");
	const struct treatment *t = treated ? e->residual.from : NULL;
	double kf = quant_scale(t, "aro", has_aro, r->aro);
	double km = quant_scale(t, "sle", has_sle, r->sle);

	(void)a;
	*point = false;
	if (r->loss && r->loss->frequency && r->loss->magnitude) {
		out->freq = pert_scaled(r->loss->frequency, kf);
		out->mag = pert_scaled(r->loss->magnitude, km);
		return true;
	}
	if (!has_sle || !has_aro)
		return false;
	*point = true;
	double f = r->aro * kf, m = r->sle * km;
	out->freq = (struct pert){ f, f, f };
	out->mag = (struct pert){ m, m, m };
	return true;
}
