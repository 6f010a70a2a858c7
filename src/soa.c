/*
 * The Statement of Applicability computed from the registers.
 *
 * Usage is indexed once per call (control id -> live treatments -> risks)
 * so a plan or a summary costs one pass over the treatments and one probe
 * per catalog control, whatever the sizes.  Plans are built from a loaded
 * project without touching it and applied as session edits that add only
 * what is absent: records, `applicable:` and `reason:` keys.  That is what
 * makes generate idempotent (a second plan is empty) and why it can never
 * overwrite a human decision.
 */
#include "isms/soa.h"

#include <stdlib.h>
#include <string.h>

#include "isms/assess.h"
#include "isms/emit.h"

static const struct schema *control_schema(void)
{
	return coll_defs[COL_CONTROLS].schema;
}

int soa_decision(const struct soa_control *c)
{
	if (!c || !rec_has(c, control_schema(), "applicable"))
		return -1;
	return c->applicable ? 1 : 0;
}

const struct catalog_control *soa_catalog_entry(const struct project *p,
    const struct soa_control *c)
{
	return p->catalog && c->id ? catalog_find(p->catalog, c->id) : NULL;
}

int soa_status(const struct soa_control *c)
{
	if (!c || !rec_has(c, control_schema(), "status"))
		return -1;
	return (int)c->status;
}

const char *soa_status_name(const struct soa_control *c)
{
	int st = soa_status(c);
	return st < 0 ? NULL : soa_statuses[st];
}

const char *soa_catalog_name(const struct project *p)
{
	if (p->soa->catalog && *p->soa->catalog)
		return p->soa->catalog;
	if (p->config->catalog && *p->config->catalog)
		return p->config->catalog;
	return "iso27001-2022";
}

/* Usage. */

static bool has_str(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static int id_ptr_cmp(const void *a, const void *b)
{
	return id_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Room for one more in an array of n grown by doubling: the capacity is
 * the next power of two, so it needs no field of its own. */
static void *grow_pow2(void *v, size_t n, size_t size)
{
	if (n && (n & (n - 1)))
		return v;
	return xrealloc(v, (n ? 2 * n : 1) * size);
}

/*
 * A control used by many treatments collects their risks once each; the
 * set `seen` (one per usage) keeps that linear where a scan of the list
 * so far made it quadratic in the treatments per control.
 */
static void usage_add(struct soa_usage *u, struct idmap *seen,
    const struct treatment *t)
{
	if (!u->ntreatments || u->treatments[u->ntreatments - 1] != t) {
		u->treatments = grow_pow2(u->treatments, u->ntreatments,
		    sizeof(*u->treatments));
		u->treatments[u->ntreatments++] = t;
	}
	if (t->risk && !idmap_put(seen, t->risk, (void *)t->risk)) {
		u->risks = grow_pow2(u->risks, u->nrisks, sizeof(*u->risks));
		u->risks[u->nrisks++] = t->risk;
	}
}

void soa_uses_build(const struct project *p, struct soa_uses *u)
{
	const struct reclist *l = &p->treatments->treatments;
	size_t refs = 0;

	memset(u, 0, sizeof(*u));
	for (size_t i = 0; i < l->n; i++)
		refs += ((const struct treatment *)l->v[i])->controls.n;
	/* Sized for every reference up front, so the index can point into
	 * the array. */
	u->v = xcalloc(refs ? refs : 1, sizeof(*u->v));
	struct idmap *seen = xcalloc(refs ? refs : 1, sizeof(*seen));
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		if (!treatment_live(t))
			continue;
		for (size_t k = 0; k < t->controls.n; k++) {
			const char *id = t->controls.v[k];
			struct soa_usage *use = idmap_get(&u->index, id);
			if (!use) {
				use = &u->v[u->n++];
				use->id = id;
				idmap_put(&u->index, id, use);
			}
			usage_add(use, &seen[use - u->v], t);
		}
	}
	for (size_t i = 0; i < u->n; i++) {
		idmap_release(&seen[i]);
		qsort(u->v[i].risks, u->v[i].nrisks, sizeof(*u->v[i].risks),
		    id_ptr_cmp);
	}
	free(seen);
}

void soa_uses_release(struct soa_uses *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].treatments);
		free(u->v[i].risks);
	}
	free(u->v);
	idmap_release(&u->index);
	memset(u, 0, sizeof(*u));
}

const struct soa_usage *soa_uses_find(const struct soa_uses *u,
    const char *id)
{
	return idmap_get(&u->index, id);
}

void soa_usage_risks(const struct soa_usage *u, struct sbuf *out)
{
	if (u)
		sbuf_join(out, u->risks, u->nrisks, ", ");
}

void soa_usage_treatments(const struct soa_usage *u, struct sbuf *out)
{
	for (size_t i = 0; u && i < u->ntreatments; i++)
		sbuf_addf(out, "%s%s", i ? ", " : "",
		    u->treatments[i]->id ? u->treatments[i]->id : "?");
}

char *soa_usage_reason(const struct soa_usage *u)
{
	struct sbuf sb = SBUF_INIT;
	sbuf_adds(&sb, "Treats ");
	soa_usage_risks(u, &sb);
	return sbuf_detach(&sb, NULL);
}

/* Generate. */

static struct isms_error *need_catalog(const struct project *p)
{
	if (p->catalog)
		return NULL;
	return err_new(EXIT_DATA, "the control catalog could not be opened; "
	    "run 'isms check'");
}

static void plan_push(struct soa_plan *plan, size_t *cap,
    struct soa_step step)
{
	GROW(plan->v, *cap, plan->n + 1);
	plan->v[plan->n++] = step;
}

struct isms_error *soa_plan_generate(const struct project *p,
    struct soa_plan *plan)
{
	struct soa_uses u;
	struct isms_error *err;
	size_t cap = 0;

	memset(plan, 0, sizeof(*plan));
	if ((err = need_catalog(p)))
		return err;
	soa_uses_build(p, &u);
	for (size_t i = 0; i < catalog_count(p->catalog); i++) {
		const char *id = catalog_control(p->catalog, i)->id;
		const struct soa_control *rec = project_find(p, COL_CONTROLS, id);
		const struct soa_usage *use = soa_uses_find(&u, id);
		if (!rec) {
			plan_push(plan, &cap, (struct soa_step){ SOA_STEP_ADD, id,
			    use != NULL, use ? soa_usage_reason(use) : NULL });
			plan->added++;
			plan->marked += use != NULL;
		} else if (use && soa_decision(rec) < 0) {
			bool has_reason = rec_has(rec, control_schema(), "reason");
			plan_push(plan, &cap, (struct soa_step){ SOA_STEP_DECIDE,
			    id, true, has_reason ? NULL : soa_usage_reason(use) });
			plan->marked++;
		}
	}
	soa_uses_release(&u);
	return NULL;
}

/* Field text for a named field of an SoA entry. */
static struct isms_error *entry_field(struct field_text *ft, const char *name,
    const char *value)
{
	return field_text_from_arg(schema_field(control_schema(), name), value,
	    ft);
}

static void release_texts(struct field_text *ft, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field_text_release(&ft[i]);
}

struct isms_error *soa_plan_apply(struct session *s,
    const struct soa_plan *plan)
{
	struct isms_error *err = NULL;

	for (size_t i = 0; i < plan->n && !err; i++) {
		const struct soa_step *st = &plan->v[i];
		if (st->kind == SOA_STEP_DECIDE) {
			err = session_set(s, COL_CONTROLS, st->id, "applicable",
			    "true");
			if (!err && st->reason)
				err = session_set(s, COL_CONTROLS, st->id, "reason",
				    st->reason);
			continue;
		}
		struct field_text ft[3];
		size_t n = 0;
		if (!(err = entry_field(&ft[n], "id", st->id)))
			n++;
		if (!err && st->applicable && !(err = entry_field(&ft[n],
		    "applicable", "true")))
			n++;
		if (!err && st->reason && !(err = entry_field(&ft[n], "reason",
		    st->reason)))
			n++;
		if (!err)
			err = session_add(s, COL_CONTROLS, ft, n, st->id);
		release_texts(ft, n);
	}
	return err;
}

void soa_plan_release(struct soa_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++)
		free(plan->v[i].reason);
	free(plan->v);
	memset(plan, 0, sizeof(*plan));
}

/* Summary. */

void soa_summarize(const struct project *p, struct soa_summary *out)
{
	const struct catalog *cat = p->catalog;

	memset(out, 0, sizeof(*out));
	if (!cat)
		return;
	out->catalog = catalog_count(cat);
	out->nthemes = catalog_theme_count(cat);
	out->themes = xcalloc(out->nthemes + 1, sizeof(*out->themes));
	for (size_t t = 0; t < out->nthemes; t++)
		out->themes[t].theme = catalog_theme(cat, t)->name;
	for (size_t i = 0; i < out->catalog; i++) {
		const struct catalog_control *cc = catalog_control(cat, i);
		const struct soa_control *c = project_find(p, COL_CONTROLS, cc->id);
		struct soa_theme_figures *th = NULL;
		for (size_t t = 0; cc->theme && t < out->nthemes; t++)
			if (strcmp(out->themes[t].theme, cc->theme) == 0)
				th = &out->themes[t];
		if (th)
			th->controls++;
		int d = soa_decision(c);
		if (!c)
			out->missing++;
		if (d < 0) {
			out->undecided++;
			continue;
		}
		out->decided++;
		if (d == 0) {
			out->excluded++;
			continue;
		}
		out->applicable++;
		if (th)
			th->applicable++;
		int st = soa_status(c);
		if (st < 0) {
			out->no_status++;
			if (th)
				th->no_status++;
			continue;
		}
		out->by_status[st]++;
		if (th)
			th->by_status[st]++;
		if (st == SOA_IMPLEMENTED) {
			out->implemented++;
			if (th)
				th->implemented++;
		}
	}
	out->implemented_pct = out->applicable ?
	    100.0 * (double)out->implemented / (double)out->applicable : 0;
}

void soa_summary_release(struct soa_summary *s)
{
	free(s->themes);
	memset(s, 0, sizeof(*s));
}

/* Migration. */

static void strv_push(const char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = s;
}

static void strv_push_unique(const char ***v, size_t *n, const char *s)
{
	if (!has_str(*v, *n, s))
		strv_push(v, n, s);
}

static char *join(const char *const *v, size_t n, const char *sep)
{
	struct sbuf sb = SBUF_INIT;
	if (!n)
		return NULL;
	sbuf_join(&sb, v, n, sep);
	return sbuf_detach(&sb, NULL);
}

/* Merges the old entries srcs[] into m (see soa.h). */
static void merge_entries(const struct soa_migration *mig,
    struct soa_merged *m, const struct soa_control *const *srcs, size_t n)
{
	const char **reasons = NULL, **owners = NULL, **ev = NULL;
	size_t nreasons = 0, nowners = 0, nev = 0, yes = 0, no = 0, open = 0;

	m->status = -1;
	for (size_t i = 0; i < n; i++) {
		const struct soa_control *c = srcs[i];
		int d = soa_decision(c);
		yes += d == 1;
		no += d == 0;
		open += d < 0;
		if (c->reason && *c->reason)
			strv_push_unique(&reasons, &nreasons, c->reason);
		if (c->owner && *c->owner)
			strv_push_unique(&owners, &nowners, c->owner);
		for (size_t k = 0; k < c->evidence.n; k++)
			strv_push_unique(&ev, &nev, c->evidence.v[k]);
		int st = soa_status(c);
		if (st >= 0 && (m->status < 0 || st < m->status))
			m->status = st;
	}
	m->conflict = yes && no;
	m->applicable = m->conflict ? -1 : yes ? 1 : no && !open ? 0 : -1;
	char *joined = join(reasons, nreasons, "; ");
	if (m->conflict) {
		struct sbuf sb = SBUF_INIT;
		sbuf_addf(&sb, "Conflict in the %s SoA:", catalog_name(mig->from));
		for (size_t i = 0; i < n; i++) {
			int d = soa_decision(srcs[i]);
			sbuf_addf(&sb, "%s %s %s", i ? "," : "", srcs[i]->id,
			    d == 1 ? "applicable" : d == 0 ? "excluded" :
			    "undecided");
		}
		if (joined)
			sbuf_addf(&sb, "; %s", joined);
		free(joined);
		joined = sbuf_detach(&sb, NULL);
	}
	m->reason = joined;
	m->owner = join(owners, nowners, ", ");
	m->evidence = xcalloc(nev + 1, sizeof(*m->evidence));
	for (size_t i = 0; i < nev; i++)
		m->evidence[m->nevidence++] = xstrdup(ev[i]);
	free(reasons);
	free(owners);
	free(ev);
}

static struct isms_error *check_old_ids(const struct project *p,
    const struct catalog *from)
{
	const struct reclist *l = &p->soa->controls;
	for (size_t i = 0; i < l->n; i++) {
		const struct soa_control *c = l->v[i];
		if (catalog_find(from, c->id))
			continue;
		const struct ynode *at = rec_node(c, "id");
		return err_at(EXIT_DATA, "soa.yaml", at->line, at->col,
		    "control '%s' is not in %s; correct or remove it before "
		    "migrating", c->id, catalog_name(from));
	}
	return NULL;
}

static void plan_controls(const struct project *p, struct soa_migration *m)
{
	size_t n = catalog_count(m->to);
	const struct soa_control **srcs = NULL;

	m->v = xcalloc(n + 1, sizeof(*m->v));
	for (size_t i = 0; i < n; i++) {
		struct soa_merged *mg = &m->v[m->n++];
		const char *const *olds;
		size_t nolds = catalog_map_to_old(m->to,
		    catalog_control(m->to, i)->id, &olds);
		size_t nsrcs = 0;
		mg->id = catalog_control(m->to, i)->id;
		mg->is_new = catalog_is_new(m->to, mg->id);
		srcs = xrealloc(srcs, (nolds + 1) * sizeof(*srcs));
		for (size_t k = 0; k < nolds; k++) {
			const struct soa_control *c = project_find(p,
			    COL_CONTROLS, olds[k]);
			if (!c)
				continue;
			srcs[nsrcs++] = c;
			strv_push(&mg->from, &mg->nfrom, c->id);
		}
		merge_entries(m, mg, srcs, nsrcs);
		m->added_new += mg->is_new;
		m->conflicts += mg->conflict;
		m->undecided += mg->applicable < 0;
	}
	free(srcs);
}

static bool same_list(const char *const *a, size_t na, const char *const *b,
    size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static void plan_treatments(const struct project *p, struct soa_migration *m)
{
	const struct reclist *l = &p->treatments->treatments;

	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		struct soa_retarget r = { t->id, t->controls.v, t->controls.n,
			NULL, 0, NULL, 0 };
		for (size_t k = 0; k < t->controls.n; k++) {
			const char *id = t->controls.v[k];
			const char *const *to;
			size_t nto = catalog_find(m->from, id) ?
			    catalog_map_to_new(m->to, id, &to) : 0;
			for (size_t j = 0; j < nto; j++)
				strv_push_unique(&r.controls, &r.n, to[j]);
			if (nto)
				continue;
			strv_push_unique(&r.controls, &r.n, id);
			if (!catalog_find(m->to, id))
				strv_push_unique(&r.unknown, &r.nunknown, id);
		}
		if (same_list(r.old, r.nold, r.controls, r.n) && !r.nunknown) {
			free(r.controls);
			continue;
		}
		m->t = xrealloc(m->t, (m->nt + 1) * sizeof(*m->t));
		m->t[m->nt++] = r;
	}
}

struct isms_error *soa_migrate_plan(const struct project *p, const char *to,
    struct soa_migration *m)
{
	struct isms_error *err;
	const char *from = soa_catalog_name(p);

	memset(m, 0, sizeof(*m));
	if ((err = catalog_open(to, p->root, &m->to)))
		goto fail;
	const char *sup = catalog_supersedes(m->to);
	if (!sup || strcmp(sup, from) != 0) {
		err = err_new(EXIT_USAGE, "%s has no mapping from %s, the "
		    "catalog soa.yaml follows", to, from);
		goto fail;
	}
	if ((err = catalog_open(from, p->root, &m->from)))
		goto fail;
	if ((err = check_old_ids(p, m->from)))
		goto fail;
	m->old_entries = p->soa->controls.n;
	plan_controls(p, m);
	plan_treatments(p, m);
	return NULL;
fail:
	soa_migration_release(m);
	return err;
}

/* A list of strings as YAML flow text, each item quoted as needed. */
static char *flow_list(const char *const *v, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	sbuf_addch(&sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(&sb, ", ");
		emit_string(&sb, v[i]);
	}
	sbuf_addch(&sb, ']');
	return sbuf_detach(&sb, NULL);
}

static struct isms_error *merged_fields(const struct soa_merged *m,
    struct field_text *ft, size_t *n)
{
	struct isms_error *err;
	char *ev = NULL;

	*n = 0;
	if ((err = entry_field(&ft[*n], "id", m->id)))
		return err;
	(*n)++;
	if (m->applicable >= 0) {
		if ((err = entry_field(&ft[*n], "applicable",
		    m->applicable ? "true" : "false")))
			return err;
		(*n)++;
	}
	if (m->reason) {
		if ((err = entry_field(&ft[*n], "reason", m->reason)))
			return err;
		(*n)++;
	}
	if (m->status >= 0) {
		if ((err = entry_field(&ft[*n], "status",
		    soa_statuses[m->status])))
			return err;
		(*n)++;
	}
	if (m->owner) {
		if ((err = entry_field(&ft[*n], "owner", m->owner)))
			return err;
		(*n)++;
	}
	if (m->nevidence) {
		ev = flow_list((const char *const *)m->evidence, m->nevidence);
		err = entry_field(&ft[*n], "evidence", ev);
		free(ev);
		if (err)
			return err;
		(*n)++;
	}
	return NULL;
}

static char *scalar_text(const char *s)
{
	struct sbuf sb = SBUF_INIT;
	emit_string(&sb, s);
	return sbuf_detach(&sb, NULL);
}

struct isms_error *soa_migrate_apply(struct session *s,
    const struct soa_migration *m)
{
	struct isms_error *err = NULL;
	struct field_text *ft = xcalloc(m->n * 6 + 1, sizeof(*ft));
	size_t *nft = xcalloc(m->n + 1, sizeof(*nft));
	struct record_text *recs = xcalloc(m->n + 1, sizeof(*recs));
	char *name = scalar_text(catalog_name(m->to));

	for (size_t i = 0; i < m->n && !err; i++) {
		err = merged_fields(&m->v[i], &ft[i * 6], &nft[i]);
		recs[i] = (struct record_text){ &ft[i * 6], nft[i] };
	}
	if (!err)
		err = session_replace_list(s, COL_CONTROLS, recs, m->n);
	if (!err)
		err = session_set_top(s, REG_SOA, "catalog", name);
	if (!err)
		err = session_set_top(s, REG_CONFIG, "catalog", name);
	for (size_t i = 0; i < m->nt && !err; i++) {
		char *list = flow_list(m->t[i].controls, m->t[i].n);
		err = session_set(s, COL_TREATMENTS, m->t[i].id, "controls", list);
		free(list);
	}
	for (size_t i = 0; i < m->n; i++)
		release_texts(&ft[i * 6], nft[i]);
	free(ft);
	free(nft);
	free(recs);
	free(name);
	return err;
}

void soa_migration_release(struct soa_migration *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct soa_merged *mg = &m->v[i];
		free(mg->from);
		free(mg->reason);
		free(mg->owner);
		for (size_t k = 0; k < mg->nevidence; k++)
			free(mg->evidence[k]);
		free(mg->evidence);
	}
	free(m->v);
	for (size_t i = 0; i < m->nt; i++) {
		free(m->t[i].controls);
		free(m->t[i].unknown);
	}
	free(m->t);
	catalog_free(m->from);
	catalog_free(m->to);
	memset(m, 0, sizeof(*m));
}

const struct soa_uses *project_soa_uses(const struct project *p)
{
	if (!p->soa_uses) {
		struct soa_uses *u = xcalloc(1, sizeof(*u));
		soa_uses_build(p, u);
		/* A cache: the project is otherwise unchanged. */
		((struct project *)p)->soa_uses = u;
	}
	return p->soa_uses;
}

void soa_uses_free(struct soa_uses *u)
{
	if (!u)
		return;
	soa_uses_release(u);
	free(u);
}
