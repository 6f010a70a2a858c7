/*
 * The semantic diff: matching records by id and judging what changed.
 *
 * Both projects are walked through the collection table, never through the
 * typed structs, so a register added to reg_defs[]/coll_defs[] is covered
 * as it is.  Only the consequences look at particular registers: risks
 * through the assessment module, SoA decisions and findings through their
 * schema fields by name.
 */
#include "isms/rdiff.h"

#include <stdlib.h>
#include <string.h>

#include "isms/assess.h"
#include "isms/emit.h"
#include "isms/gitio.h"
#include "isms/method.h"
#include "isms/recout.h"

const char *const rd_view_names[RDV_COUNT] = { "inherent", "residual",
	"current" };

static const char blank_register[] = "version: 1\n";

struct isms_error *rdiff_load_rev(const char *root, const char *prefix,
    const char *rev, long today, struct project **out)
{
	struct text_override ov[REG_COUNT];
	struct sbuf text[REG_COUNT];
	char *paths[REG_COUNT];
	bool exists[REG_COUNT];
	struct isms_error *err;

	*out = NULL;
	for (int f = 0; f < REG_COUNT; f++) {
		sbuf_init(&text[f]);
		paths[f] = xasprintf("%s%s", prefix, reg_defs[f].file);
	}
	if ((err = git_verify_commit(root, rev)))
		goto out;
	if ((err = git_paths_exist(root, rev, (const char *const *)paths,
	    REG_COUNT, exists)))
		goto out;
	for (int f = 0; f < REG_COUNT; f++) {
		/* A register the revision does not have is an empty one. */
		if (!exists[f])
			sbuf_adds(&text[f], blank_register);
		else if ((err = git_show(root, rev, paths[f], &text[f])))
			goto out;
		ov[f] = (struct text_override){ f, text[f].buf, text[f].len };
	}
	err = project_load(root, today, ov, REG_COUNT, out);
out:
	for (int f = 0; f < REG_COUNT; f++) {
		sbuf_release(&text[f]);
		free(paths[f]);
	}
	return err;
}

/* Canonical text of a node: a scalar's value, anything else in flow. */
static char *node_text(const struct ynode *n)
{
	struct sbuf sb = SBUF_INIT;
	if (n->kind == YN_SCALAR)
		sbuf_adds(&sb, n->str);
	else
		emit_flow(&sb, n);
	return sbuf_detach(&sb, NULL);
}

static char *field_text(const struct schema *s, const void *rec,
    const struct field *f)
{
	struct sbuf sb = SBUF_INIT;
	if (!rec || !rec_has_field(rec, s, f))
		return NULL;
	recout_field_text(&sb, s, rec, f);
	return sbuf_detach(&sb, NULL);
}

/* Records a difference when before and after differ; takes both. */
static void add_field(struct rd_field **v, size_t *n, size_t *cap,
    const char *name, char *before, char *after)
{
	if ((!before && !after) || (before && after &&
	    strcmp(before, after) == 0)) {
		free(before);
		free(after);
		return;
	}
	GROW(*v, *cap, *n + 1);
	(*v)[(*n)++] = (struct rd_field){ name, before, after };
}

static struct rd_record *new_rec(struct rdiff *d, size_t *cap)
{
	GROW(d->recs, *cap, d->nrecs + 1);
	struct rd_record *r = &d->recs[d->nrecs++];
	memset(r, 0, sizeof(*r));
	return r;
}

static bool is_collection_key(enum reg_file f, const char *name)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (coll_defs[c].file == f && strcmp(coll_defs[c].name, name) == 0)
			return true;
	return false;
}

static const struct ynode *top_node(const struct project *p, enum reg_file f)
{
	const struct ydoc *doc = p->files[f].doc;
	return doc && doc->root && doc->root->kind == YN_MAP ? doc->root : NULL;
}

/* Top-level keys of a register that are not record lists. */
static void diff_top(const struct project *a, const struct project *b,
    enum reg_file f, struct rdiff *d, size_t *cap)
{
	const struct schema *s = reg_defs[f].schema;
	const struct ynode *ta = top_node(a, f), *tb = top_node(b, f);
	struct rd_field *fields = NULL;
	size_t n = 0, fcap = 0;

	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *fd = &s->fields[i];
		if (is_collection_key(f, fd->name))
			continue;
		const struct ynode *va = ta ? yn_get(ta, fd->name) : NULL;
		const struct ynode *vb = tb ? yn_get(tb, fd->name) : NULL;
		/* "statement:" with nothing after it says nothing. */
		add_field(&fields, &n, &fcap, fd->name,
		    va && !yn_is_null(va) ? node_text(va) : NULL,
		    vb && !yn_is_null(vb) ? node_text(vb) : NULL);
	}
	if (!n)
		return;
	struct rd_record *r = new_rec(d, cap);
	r->file = f;
	r->coll = -1;
	r->kind = RD_CHANGED;
	r->fields = fields;
	r->nfields = n;
	d->changed++;
}

static int cmp_ids(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	int c = id_cmp(a, b);
	return c ? c : strcmp(a, b);
}

/* The ids of collection c on either side, sorted, each once. */
static size_t union_ids(const struct project *a, const struct project *b,
    enum collection c, const char ***out)
{
	const struct reclist *la = project_list(a, c), *lb = project_list(b, c);
	const struct schema *s = coll_defs[c].schema;
	const char **ids = xcalloc(la->n + lb->n + 1, sizeof(*ids));
	size_t n = 0, k = 0;

	for (size_t i = 0; i < la->n; i++)
		if (rec_id(la->v[i], s))
			ids[n++] = rec_id(la->v[i], s);
	for (size_t i = 0; i < lb->n; i++)
		if (rec_id(lb->v[i], s))
			ids[n++] = rec_id(lb->v[i], s);
	qsort(ids, n, sizeof(*ids), cmp_ids);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(ids[k - 1], ids[i]) != 0)
			ids[k++] = ids[i];
	*out = ids;
	return k;
}

/* What a person calls the record: its name, title or text. */
static char *record_label(const struct schema *s, const void *rec)
{
	static const char *const names[] = { "name", "title", "text",
		"statement" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		const struct field *f = schema_field(s, names[i]);
		if (f)
			return field_text(s, rec, f);
	}
	return NULL;
}

static void diff_collection(const struct project *a, const struct project *b,
    enum collection c, struct rdiff *d, size_t *cap)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct schema *s = cd->schema;
	const struct field *idf = schema_id_field(s);
	const char **ids;
	size_t n = union_ids(a, b, c, &ids);

	for (size_t i = 0; i < n; i++) {
		const void *ra = project_find(a, c, ids[i]);
		const void *rb = project_find(b, c, ids[i]);
		struct rd_field *fields = NULL;
		size_t nf = 0, fcap = 0;

		if (ra && rb) {
			for (size_t k = 0; k < s->nfields; k++) {
				const struct field *f = &s->fields[k];
				if (f == idf)
					continue;
				add_field(&fields, &nf, &fcap, f->name,
				    field_text(s, ra, f), field_text(s, rb, f));
			}
			if (!nf)
				continue;
		}
		struct rd_record *r = new_rec(d, cap);
		r->file = cd->file;
		r->coll = c;
		r->id = xstrdup(ids[i]);
		r->label = record_label(s, rb ? rb : ra);
		r->kind = !ra ? RD_ADDED : !rb ? RD_REMOVED : RD_CHANGED;
		r->fields = fields;
		r->nfields = nf;
		if (r->kind == RD_ADDED)
			d->added++;
		else if (r->kind == RD_REMOVED)
			d->removed++;
		else
			d->changed++;
	}
	free(ids);
}

static void score_of(const struct assessment *as, const struct risk_eval *e,
    enum rd_view v, struct rd_score *out)
{
	const struct view_score *vs = !e ? NULL : v == RDV_INHERENT ?
	    &e->inherent : v == RDV_RESIDUAL ? &e->residual : &e->current;
	memset(out, 0, sizeof(*out));
	out->present = e != NULL;
	out->scored = vs && vs->scored;
	out->score = out->scored ? vs->score : 0;
	out->level = xstrdup(vs ? assess_level_name(as, vs) : "");
	out->above = out->scored && as->p->method &&
	    method_above_appetite(as->p->method, vs->level);
}

static bool score_differs(const struct rd_score *x, const struct rd_score *y)
{
	return x->present != y->present || x->scored != y->scored ||
	    x->score != y->score || strcmp(x->level, y->level) != 0;
}

static void diff_risks(const struct project *a, const struct project *b,
    struct rdiff *d)
{
	struct assessment asa, asb;
	const char **ids;
	size_t n = union_ids(a, b, COL_RISKS, &ids), cap = 0;

	assess_project(a, &asa);
	assess_project(b, &asb);
	for (size_t i = 0; i < n; i++) {
		const struct risk_eval *ea = assess_risk(&asa, ids[i]);
		const struct risk_eval *eb = assess_risk(&asb, ids[i]);
		struct rd_risk r = { 0 };
		bool any = false, crossed = false;

		for (int v = 0; v < RDV_COUNT; v++) {
			score_of(&asa, ea, v, &r.before[v]);
			score_of(&asb, eb, v, &r.after[v]);
			r.changed[v] = score_differs(&r.before[v], &r.after[v]);
			any |= r.changed[v];
			if (ea && eb && r.before[v].scored && r.after[v].scored &&
			    r.before[v].above != r.after[v].above) {
				r.crossed[v] = r.after[v].above ? 1 : -1;
				crossed = true;
			}
		}
		/* A risk that came or went: its residual and current views
		 * only say something when they differ from its inherent one. */
		for (int v = RDV_RESIDUAL; (!ea || !eb) && v < RDV_COUNT; v++) {
			const struct rd_score *side = ea ? r.before : r.after;
			r.changed[v] = score_differs(&side[v], &side[RDV_INHERENT]);
		}
		if (!any) {
			for (int v = 0; v < RDV_COUNT; v++) {
				free(r.before[v].level);
				free(r.after[v].level);
			}
			continue;
		}
		const struct risk *rk = eb ? eb->risk : ea->risk;
		r.id = xstrdup(ids[i]);
		r.title = xstrdup(rk->title ? rk->title : "");
		r.kind = !ea ? RD_ADDED : !eb ? RD_REMOVED : RD_CHANGED;
		d->crossed += crossed;
		GROW(d->risks, cap, d->nrisks + 1);
		d->risks[d->nrisks++] = r;
	}
	free(ids);
	assess_release(&asa);
	assess_release(&asb);
}

static char *named_field(enum collection c, const void *rec, const char *name)
{
	const struct schema *s = coll_defs[c].schema;
	const struct field *f = schema_field(s, name);
	return f ? field_text(s, rec, f) : NULL;
}

static void diff_soa(const struct project *a, const struct project *b,
    struct rdiff *d)
{
	const char **ids;
	size_t n = union_ids(a, b, COL_CONTROLS, &ids), cap = 0;

	for (size_t i = 0; i < n; i++) {
		const void *ra = project_find(a, COL_CONTROLS, ids[i]);
		const void *rb = project_find(b, COL_CONTROLS, ids[i]);
		struct rd_soa s = {
			.applicable_before = ra ? named_field(COL_CONTROLS, ra,
			    "applicable") : NULL,
			.applicable_after = rb ? named_field(COL_CONTROLS, rb,
			    "applicable") : NULL,
			.status_before = ra ? named_field(COL_CONTROLS, ra,
			    "status") : NULL,
			.status_after = rb ? named_field(COL_CONTROLS, rb,
			    "status") : NULL,
		};
		if (str_cmp_null(s.applicable_before, s.applicable_after) == 0 &&
		    str_cmp_null(s.status_before, s.status_after) == 0) {
			free(s.applicable_before);
			free(s.applicable_after);
			free(s.status_before);
			free(s.status_after);
			continue;
		}
		s.id = xstrdup(ids[i]);
		s.kind = !ra ? RD_ADDED : !rb ? RD_REMOVED : RD_CHANGED;
		GROW(d->soa, cap, d->nsoa + 1);
		d->soa[d->nsoa++] = s;
	}
	free(ids);
}

/* A finding without a status is open: nothing has closed it. */
static bool finding_open(const void *rec)
{
	char *st = named_field(COL_FINDINGS, rec, "status");
	bool open = !st || strcmp(st, "closed") != 0;
	free(st);
	return open;
}

static void diff_findings(const struct project *a, const struct project *b,
    struct rdiff *d)
{
	const char **ids;
	size_t n = union_ids(a, b, COL_FINDINGS, &ids), cap = 0;

	for (size_t i = 0; i < n; i++) {
		const void *ra = project_find(a, COL_FINDINGS, ids[i]);
		const void *rb = project_find(b, COL_FINDINGS, ids[i]);
		bool was = ra && finding_open(ra), is = rb && finding_open(rb);
		/* Opened: open now and not before.  Closed: open before and
		 * still there, now closed (a finding deleted is a removed
		 * record, not a closed finding). */
		if (was == is || (!is && !rb))
			continue;
		const void *rec = is ? rb : ra;
		GROW(d->findings, cap, d->nfindings + 1);
		d->findings[d->nfindings++] = (struct rd_finding){
			xstrdup(ids[i]), is,
			named_field(COL_FINDINGS, rec, "type"),
			named_field(COL_FINDINGS, rec, "ref"),
			named_field(COL_FINDINGS, rec, "statement"),
		};
		if (is)
			d->opened++;
		else
			d->closed++;
	}
	free(ids);
}

static char *first_problem(const struct project *p)
{
	struct isms_error *e = project_usable(p);
	char *msg = e ? err_format(e) : NULL;
	err_free(e);
	return msg;
}

void rdiff_compute(const struct project *a, const struct project *b,
    struct rdiff *d)
{
	size_t cap = 0;
	memset(d, 0, sizeof(*d));
	d->problem_from = first_problem(a);
	d->problem_to = first_problem(b);
	for (int f = 0; f < REG_COUNT; f++) {
		diff_top(a, b, f, d, &cap);
		for (int c = 0; c < COL_COUNT; c++)
			if (coll_defs[c].file == (enum reg_file)f)
				diff_collection(a, b, c, d, &cap);
	}
	diff_risks(a, b, d);
	diff_soa(a, b, d);
	diff_findings(a, b, d);
}

bool rdiff_empty(const struct rdiff *d)
{
	return !d->nrecs && !d->nrisks && !d->nsoa && !d->nfindings;
}

void rdiff_release(struct rdiff *d)
{
	for (size_t i = 0; i < d->nrecs; i++) {
		struct rd_record *r = &d->recs[i];
		for (size_t k = 0; k < r->nfields; k++) {
			free(r->fields[k].before);
			free(r->fields[k].after);
		}
		free(r->fields);
		free(r->id);
		free(r->label);
	}
	free(d->recs);
	for (size_t i = 0; i < d->nrisks; i++) {
		for (int v = 0; v < RDV_COUNT; v++) {
			free(d->risks[i].before[v].level);
			free(d->risks[i].after[v].level);
		}
		free(d->risks[i].id);
		free(d->risks[i].title);
	}
	free(d->risks);
	for (size_t i = 0; i < d->nsoa; i++) {
		free(d->soa[i].id);
		free(d->soa[i].applicable_before);
		free(d->soa[i].applicable_after);
		free(d->soa[i].status_before);
		free(d->soa[i].status_after);
	}
	free(d->soa);
	for (size_t i = 0; i < d->nfindings; i++) {
		free(d->findings[i].id);
		free(d->findings[i].type);
		free(d->findings[i].ref);
		free(d->findings[i].statement);
	}
	free(d->findings);
	free(d->problem_from);
	free(d->problem_to);
	memset(d, 0, sizeof(*d));
}
