/*
 * Loading a project: read, parse, load records, index, cross-check.
 *
 * Each step adds what it finds to p->diags and carries on with what it
 * could read, so one pass reports everything.  Only a failure to read a
 * file that exists (permissions, I/O) stops the load, since no later step
 * could say anything true about a register it cannot see.
 */
#include "isms/project.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/assess.h"
#include "isms/catalog.h"
#include "isms/date.h"
#include "isms/method.h"
#include "isms/recout.h"
#include "isms/regcache.h"
#include "isms/soa.h"

#define ALL_FILES ((1u << REG_COUNT) - 1)

/* How load() reads a project; the public entry points below fill it. */
struct load_opts {
	const struct text_override *ov; /* registers given as text */
	size_t nov;
	const struct project *base;     /* project_reload(): its documents */
	unsigned only;                  /* registers read; others absent */
	const struct id_list *known;    /* project_load_only() */
	unsigned streamed;              /* registers read streamed */
	/* Hash a streamed register's text before freeing it, for the
	 * register cache a write session leaves (regcache_respan()). */
	bool hash;
};

double project_asset_value(const struct project *p, size_t i)
{
	const struct cia *e = &p->effective[i];
	return p->method ? method_asset_value(p->method, e->c, e->i, e->a) : 0;
}

const char *project_file_name(enum reg_file f)
{
	return reg_defs[f].file;
}

static bool has_config(const char *dir)
{
	struct sbuf path = SBUF_INIT;
	struct stat st;
	sbuf_addf(&path, "%s/isms.yaml", dir);
	bool ok = stat(path.buf, &st) == 0 && !S_ISDIR(st.st_mode);
	sbuf_release(&path);
	return ok;
}

struct isms_error *project_find_root(const char *start, char **root)
{
	char buf[PATH_MAX];
	const char *from = start ? start : getenv("ISMS_DIR");

	*root = NULL;
	if (from && *from) {
		if (!realpath(from, buf))
			return err_errno(from, "cannot use project directory");
	} else if (!getcwd(buf, sizeof(buf))) {
		return err_errno(".", "cannot get the current directory");
	}
	char *dir = xstrdup(buf);
	for (;;) {
		if (has_config(dir)) {
			*root = dir;
			return NULL;
		}
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			if (slash && dir[1] && has_config("/")) {
				free(dir);
				*root = xstrdup("/");
				return NULL;
			}
			break;
		}
		*slash = '\0';
	}
	free(dir);
	return err_new(EXIT_USAGE,
	    "not an isms project (no isms.yaml here or in any parent of %s); "
	    "run 'isms init' or use -C DIR", buf);
}

struct reclist *project_list(const struct project *p, enum collection c)
{
	const struct coll_def *cd = &coll_defs[c];
	void *top = NULL;
	switch (cd->file) {
	case REG_SCOPE:
		top = p->scope;
		break;
	case REG_ASSETS:
		top = p->assets;
		break;
	case REG_RISKS:
		top = p->risks;
		break;
	case REG_TREATMENTS:
		top = p->treatments;
		break;
	case REG_SOA:
		top = p->soa;
		break;
	case REG_AUDITS:
		top = p->audits;
		break;
	case REG_OBJECTIVES:
		top = p->objectives;
		break;
	case REG_DOCUMENTS:
		top = p->documents;
		break;
	case REG_INCIDENTS:
		top = p->incidents;
		break;
	case REG_METRICS:
		top = p->metrics;
		break;
	case REG_REVIEWS:
		top = p->reviews;
		break;
	default:
		return NULL;
	}
	return (struct reclist *)((char *)top + cd->list_off);
}

/* References to records that were not loaded (project_load_only()) map
 * to this record, which is never read: check_ref() asks only whether an id
 * is there, and project_find() says it is not. */
static struct rec elsewhere;

void *project_find(const struct project *p, enum collection c, const char *id)
{
	void *r = idmap_get(&p->index[c], id);
	return r == &elsewhere ? NULL : r;   /* an id without its record */
}

long project_index_of(const struct project *p, enum collection c,
    const void *rec)
{
	const struct reclist *l = project_list(p, c);
	size_t i = ((const struct rec *)rec)->index;
	return i < l->n && l->v[i] == rec ? (long)i : -1;
}

/* A record of a streamed list, loaded as load_reclist() would have. */
struct stream_load {
	struct project *p;
	enum reg_file f;
	struct load_ctx ctx;
	struct diags diags;
};

static void load_item(void *arg, struct ynode *item, struct ystub *st)
{
	struct stream_load *sl = arg;
	const struct field *f = schema_field(reg_defs[sl->f].schema, st->key);
	/* Only the collections' lists stream, and each is a list field. */
	if (!f || f->type != FT_RECLIST)
		abort();
	struct rec *r = schema_load(f->sub, item, &sl->ctx);
	st->verbatim = !recout_written_usually(f->sub, r, item);
	struct persist to = { &sl->p->arena, &sl->p->shared };
	schema_persist(f->sub, r, &to, st);
	st->rec = r;
}

/*
 * A register read by a project that is never written from streams the
 * lists of its collections: records are loaded as the file is parsed and
 * only their values stay (yaml.h, struct ystream).  Their problems are
 * kept aside until the whole file has parsed: a file with a syntax error
 * reports only that, as when it is loaded whole.
 */
static struct isms_error *load_file(struct project *p, enum reg_file f,
    struct regfile *rf, const struct text_override *ov)
{
	const char *name = reg_defs[f].file;
	const char *keys[COL_COUNT + 1];
	size_t nkeys = 0;

	for (int c = 0; (p->streamed & 1u << f) && c < COL_COUNT; c++)
		if (coll_defs[c].file == f)
			keys[nkeys++] = coll_defs[c].name;
	keys[nkeys] = NULL;
	if (!nkeys)
		return ov ? ydoc_parse(name, ov->text, ov->len, &rf->doc) :
		    ydoc_load(rf->path, name, &rf->doc);
	struct stream_load sl = { p, f, { name, &p->arena, NULL }, DIAGS_INIT };
	struct ystream st = { keys, load_item, &sl };
	sl.ctx.diags = &sl.diags;
	struct isms_error *err = ov ?
	    ydoc_parse_stream(name, ov->text, ov->len, &st, &rf->doc) :
	    ydoc_load_stream(rf->path, name, &st, &rf->doc);
	if (err)
		diags_release(&sl.diags);
	else
		diags_move(&p->diags, &sl.diags);
	if (rf->doc && p->hash_streamed) {
		rf->hash = regcache_hash(rf->doc->src, rf->doc->len);
		rf->hashed = true;
	}
	ydoc_drop_text(rf->doc);
	return err;
}

static struct isms_error *read_register(struct project *p, enum reg_file f,
    const struct load_opts *o)
{
	const struct project *base = o->base;
	struct regfile *rf = &p->files[f];
	const char *name = reg_defs[f].file;
	struct isms_error *err;

	rf->path = xasprintf("%s/%s", p->root, name);
	if (!(o->only & 1u << f))
		return NULL; /* left out: loaded as if absent */
	for (size_t i = 0; i < o->nov; i++) {
		if (o->ov[i].file != f)
			continue;
		rf->exists = true;
		err = load_file(p, f, rf, &o->ov[i]);
		goto parsed;
	}
	/* Unchanged and parsed before: the tree is the same, share it.  A
	 * register that did not parse is read again for its diagnostic. */
	if (base && (base->files[f].doc || !base->files[f].exists)) {
		rf->doc = base->files[f].doc;
		rf->exists = base->files[f].exists;
		rf->borrowed = true;
		rf->hashed = base->files[f].hashed;
		rf->hash = base->files[f].hash;
		return NULL;
	}
	err = load_file(p, f, rf, NULL);
	if (err && err->code == EXIT_IO && access(rf->path, F_OK) != 0 &&
	    errno == ENOENT) {
		err_free(err);
		return NULL;
	}
	if (err && err->code == EXIT_IO)
		return err;
	rf->exists = true;
parsed:
	if (err) {
		diag_add_error(&p->diags, "yaml-syntax", err);
		err_free(err);
	}
	return NULL;
}

static void *load_top(struct project *p, enum reg_file f)
{
	const struct reg_def *rd = &reg_defs[f];
	struct regfile *rf = &p->files[f];
	struct load_ctx ctx = { rd->file, &p->arena, &p->diags };
	static const struct ynode empty_map = { .kind = YN_MAP, .line = 1,
		.col = 1 };

	if (!rf->exists || !rf->doc) {
		struct rec *r = arena_alloc(&p->arena, rd->schema->size);
		r->node = &empty_map;
		if (!rf->exists && rd->required)
			diag_fatal(&p->diags, "missing-file", rd->file, NULL,
			    "%s is missing", rd->file);
		return r;
	}
	const struct ynode *root = rf->doc->root;
	if (!root || root->kind != YN_MAP) {
		struct rec *r = arena_alloc(&p->arena, rd->schema->size);
		r->node = &empty_map;
		diag_fatal(&p->diags, "wrong-type", rd->file, root,
		    "%s must be a mapping starting with 'version: 1', found %s",
		    rd->file, root ? yn_kind_name(root) : "an empty file");
		return r;
	}
	struct rec *r = schema_load(rd->schema, root, &ctx);
	const struct field *vf = schema_field(rd->schema, "version");
	long v = *FIELD_PTR(r, vf, long);
	if (rec_has_field(r, rd->schema, vf) && v != 1)
		diag_fatal(&p->diags, "bad-version", rd->file,
		    yn_get(root, "version"),
		    "version %ld is not supported by this isms (expected 1)", v);
	return r;
}

static void index_collection(struct project *p, enum collection c)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct reclist *l = project_list(p, c);
	const char *file = reg_defs[cd->file].file;

	idmap_reserve(&p->index[c], l->n);
	for (size_t i = 0; i < l->n; i++) {
		const char *id = rec_id(l->v[i], cd->schema);
		if (!id)
			continue;
		const struct rec *prev = idmap_put(&p->index[c], id, l->v[i]);
		if (prev) {
			const struct ynode *at = rec_node(l->v[i], "id");
			const struct ynode *first = rec_node(prev, "id");
			diag_fatal(&p->diags, "duplicate-id", file, at,
			    "duplicate %s id '%s' (first at %s:%u:%u)", cd->noun,
			    id, file, first->line, first->col);
		}
	}
}

static void missing_ref(struct project *p, enum collection c, const void *rec,
    const struct field *f, const char *value, const struct ynode *at)
{
	const struct coll_def *cd = &coll_defs[c];
	diag_add(&p->diags, SEV_ERROR, "missing-ref", reg_defs[cd->file].file,
	    at, "%s %s: %s '%s' does not exist", cd->noun,
	    rec_id(rec, cd->schema) ? rec_id(rec, cd->schema) : "?", f->name,
	    value);
}

/* Every reference is looked up in its collection's index; the value's
 * node, for the message, only when one is missing, so the common case
 * reads nothing of the tree. */
static void check_references(struct project *p, enum collection c)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct reclist *l = project_list(p, c);

	for (size_t fi = 0; fi < cd->schema->nfields; fi++) {
		const struct field *f = &cd->schema->fields[fi];
		int target = f->ref ? coll_lookup(f->ref) : -1;
		if (target < 0)
			continue;
		const struct idmap *ix = &p->index[target];
		for (size_t i = 0; i < l->n; i++) {
			const void *rec = l->v[i];
			if (!rec_has_field(rec, cd->schema, f))
				continue;
			if (f->type == FT_LIST) {
				const struct strlist *sl = FIELD_PTR(rec, f,
				    const struct strlist);
				for (size_t k = 0; k < sl->n; k++)
					if (!idmap_get(ix, sl->v[k]))
						missing_ref(p, c, rec, f, sl->v[k],
						    rec_item_node(rec, f->name, k));
			} else {
				const char *v = *FIELD_PTR(rec, f, const char *);
				if (!idmap_get(ix, v))
					missing_ref(p, c, rec, f, v,
					    rec_node(rec, f->name));
			}
		}
	}
}

/*
 * Effective C, I, A: an asset is worth at least as much as every asset that
 * depends on it, directly or through a chain.  The strongly connected
 * components of the "is depended on by" graph are found with Tarjan's
 * algorithm, run iteratively so that a long chain cannot exhaust the stack.
 * Tarjan emits a component only after every component it reaches, so its
 * value is the highest of its members' own values and of the (final) values
 * of the dependents outside it; every member of a cycle gets the same value,
 * and each cycle is reported once.
 */
struct dep_graph {
	size_t *start;  /* dependents of asset i: adj[start[i] .. start[i+1]) */
	size_t *adj;
};

static void build_dependents(struct project *p, struct dep_graph *g)
{
	const struct reclist *l = &p->assets->assets;
	size_t n = l->n, edges = 0;
	g->start = xcalloc(n + 1, sizeof(*g->start));
	/* Map asset pointer to index once, then count and fill edges. */
	struct idmap pos = { 0 };
	size_t *idx = xcalloc(n ? n : 1, sizeof(*idx));
	for (size_t i = 0; i < n; i++) {
		idx[i] = i;
		const char *id = ((const struct asset *)l->v[i])->id;
		if (id)
			idmap_put(&pos, id, &idx[i]);
	}
	for (size_t pass = 0; pass < 2; pass++) {
		size_t *fill = pass ? xcalloc(n + 1, sizeof(*fill)) : NULL;
		for (size_t i = 0; i < n; i++) {
			const struct asset *a = l->v[i];
			for (size_t k = 0; k < a->depends_on.n; k++) {
				size_t *t = idmap_get(&pos, a->depends_on.v[k]);
				if (!t)
					continue;
				if (pass == 0)
					g->start[*t + 1]++;
				else
					g->adj[g->start[*t] + fill[*t]++] = i;
			}
		}
		if (pass == 0) {
			for (size_t i = 0; i < n; i++)
				g->start[i + 1] += g->start[i];
			edges = g->start[n];
			g->adj = xcalloc(edges ? edges : 1, sizeof(*g->adj));
		}
		free(fill);
	}
	free(idx);
	idmap_release(&pos);
}

/* Out-of-scale values are reported by the scale check; here they are only
 * kept from overflowing an int. */
static int clamp_cia(long v)
{
	return v < 0 ? 0 : v > 1000 ? 1000 : (int)v;
}

static struct cia own_cia(const struct asset *a, const struct schema *s)
{
	struct cia v = { 0, 0, 0 };
	if (rec_has(a, s, "c"))
		v.c = clamp_cia(a->c);
	if (rec_has(a, s, "i"))
		v.i = clamp_cia(a->i);
	if (rec_has(a, s, "a"))
		v.a = clamp_cia(a->a);
	return v;
}

static void merge_cia(struct cia *into, const struct cia *from)
{
	if (from->c > into->c)
		into->c = from->c;
	if (from->i > into->i)
		into->i = from->i;
	if (from->a > into->a)
		into->a = from->a;
}

static void report_cycle(struct project *p, const struct asset *a)
{
	diag_add(&p->diags, SEV_ERROR, "dependency-cycle", "assets.yaml",
	    rec_node(a, "depends_on"),
	    "asset %s: depends_on forms a cycle back to itself", a->id);
}

struct tarjan {
	struct project *p;
	const struct dep_graph *g;
	size_t *index, *low, *stack, sp;
	bool *on_stack;
	size_t counter;
};

/* Pops the component rooted at v and gives all its members one value. */
static void emit_component(struct tarjan *t, size_t v)
{
	const struct reclist *l = &t->p->assets->assets;
	const struct schema *s = coll_defs[COL_ASSETS].schema;
	size_t first = t->sp;
	bool cycle = false;
	struct cia val = { 0, 0, 0 };

	do
		first--;
	while (t->stack[first] != v);
	for (size_t k = first; k < t->sp; k++) {
		size_t m = t->stack[k];
		struct cia own = own_cia(l->v[m], s);
		merge_cia(&val, &own);
		for (size_t e = t->g->start[m]; e < t->g->start[m + 1]; e++) {
			size_t w = t->g->adj[e];
			if (!t->on_stack[w])
				merge_cia(&val, &t->p->effective[w]);
			else if (w == m || t->sp - first > 1)
				cycle = true;
		}
	}
	for (size_t k = first; k < t->sp; k++) {
		t->p->effective[t->stack[k]] = val;
		t->on_stack[t->stack[k]] = false;
	}
	t->sp = first;
	if (cycle)
		report_cycle(t->p, l->v[v]);
}

static void compute_effective(struct project *p)
{
	size_t n = p->assets->assets.n, cp = 0;
	struct dep_graph g = { 0 };
	struct frame {
		size_t node, next;
	} *call;
	struct tarjan t = { p, &g, NULL, NULL, NULL, 0, NULL, 1 };

	p->effective = arena_alloc(&p->arena, (n ? n : 1) * sizeof(struct cia));
	build_dependents(p, &g);
	t.index = xcalloc(n ? n : 1, sizeof(*t.index));
	t.low = xcalloc(n ? n : 1, sizeof(*t.low));
	t.stack = xcalloc(n ? n : 1, sizeof(*t.stack));
	t.on_stack = xcalloc(n ? n : 1, sizeof(*t.on_stack));
	call = xcalloc(n ? n : 1, sizeof(*call));
	for (size_t root = 0; root < n; root++) {
		if (t.index[root])
			continue;
		size_t v = root;
		for (;;) {
			/* Enter v. */
			t.index[v] = t.low[v] = t.counter++;
			t.stack[t.sp++] = v;
			t.on_stack[v] = true;
			call[cp++] = (struct frame){ v, g.start[v] };
			/* Walk until a new node is entered or the root is done. */
			bool entered = false;
			while (cp && !entered) {
				struct frame *f = &call[cp - 1];
				size_t u = f->node;
				if (f->next < g.start[u + 1]) {
					size_t w = g.adj[f->next++];
					if (!t.index[w]) {
						v = w;
						entered = true;
					} else if (t.on_stack[w] && t.index[w] < t.low[u]) {
						t.low[u] = t.index[w];
					}
					continue;
				}
				cp--;
				if (cp && t.low[u] < t.low[call[cp - 1].node])
					t.low[call[cp - 1].node] = t.low[u];
				if (t.low[u] == t.index[u])
					emit_component(&t, u);
			}
			if (!entered)
				break;
		}
	}
	free(t.index);
	free(t.low);
	free(t.stack);
	free(t.on_stack);
	free(call);
	free(g.start);
	free(g.adj);
}

/* The methodology from isms.yaml, and the catalog the SoA follows. */
static struct isms_error *load_method_and_catalog(struct project *p)
{
	const char *name = p->config->catalog ? p->config->catalog :
	    "iso27001-2022";
	p->method = method_load(p->config->methodology, "isms.yaml", &p->diags);
	struct isms_error *err = catalog_check(name, p->root, &p->diags,
	    &p->catalog);
	if (err && err->code == EXIT_DATA) {
		/* An unknown catalog name is a problem of isms.yaml; one
		 * about the catalog's own file (too large) names that file. */
		diag_fatal(&p->diags, "catalog", "isms.yaml",
		    rec_node(p->config, "catalog"), "%s%s%s",
		    err->file ? err->file : "", err->file ? ": " : "",
		    err->msg);
		err_free(err);
		return NULL;
	}
	return err;
}

/* Asset C, I and A are rated on the scale of the factor they feed. */
static void check_asset_scales(struct project *p)
{
	int f = p->method ? method_derived_factor(p->method) : -1;
	if (f < 0)
		return;
	size_t n = method_scale_count(p->method, (size_t)f);
	if (!n)
		return;
	int lo = method_scale_value(p->method, (size_t)f, 0);
	int hi = method_scale_value(p->method, (size_t)f, n - 1);
	const struct reclist *l = &p->assets->assets;
	const struct schema *s = coll_defs[COL_ASSETS].schema;
	static const char *const props[] = { "c", "i", "a" };
	for (size_t i = 0; i < l->n; i++) {
		const struct asset *a = l->v[i];
		const long vals[] = { a->c, a->i, a->a };
		for (size_t k = 0; k < 3; k++) {
			if (!rec_has(a, s, props[k]) ||
			    (vals[k] >= lo && vals[k] <= hi))
				continue;
			diag_fatal(&p->diags, "bad-value", "assets.yaml",
			    rec_node(a, props[k]),
			    "asset %s: %s %ld is not on the %s scale (%d-%d)",
			    a->id ? a->id : "?", props[k], vals[k],
			    method_factor_name(p->method, (size_t)f), lo, hi);
		}
	}
}

/*
 * One rating against the methodology's scales.  A streamed record keeps
 * its rating's values but not their places (struct persist), so a rating
 * with a problem is judged again on the record's own nodes, parsed again,
 * for the problem's place.
 */
static bool rate(struct project *p, const char *file, const void *rec,
    const struct field *f, unsigned flags, double *vals)
{
	const struct ynode *kept = *FIELD_PTR(rec, f, const struct ynode *const);
	struct diags found = DIAGS_INIT;
	bool ok = method_rating(p->method, kept, file, flags, vals, &found);
	if (found.n && yn_is_stub(((const struct rec *)rec)->node)) {
		diags_release(&found);
		return method_rating(p->method, rec_node(rec, f->name), file,
		    flags, vals, &p->diags);
	}
	diags_move(&p->diags, &found);
	return ok;
}

/* Ratings and residual ratings against the methodology's scales. */
static void check_ratings(struct project *p)
{
	if (!p->method)
		return;
	size_t nf = method_factor_count(p->method);
	const struct reclist *risks = &p->risks->risks;
	const struct reclist *ts = &p->treatments->treatments;
	const struct field *rating = schema_field(coll_defs[COL_RISKS].schema,
	    "rating");
	const struct field *residual = schema_field(
	    coll_defs[COL_TREATMENTS].schema, "residual");

	p->rating_vals = xcalloc(risks->n * nf + 1, sizeof(double));
	p->rating_ok = xcalloc(risks->n + 1, 1);
	p->residual_vals = xcalloc(ts->n * nf + 1, sizeof(double));
	p->residual_ok = xcalloc(ts->n + 1, 1);
	for (size_t i = 0; i < risks->n * nf; i++)
		p->rating_vals[i] = METHOD_UNRATED;
	for (size_t i = 0; i < ts->n * nf; i++)
		p->residual_vals[i] = METHOD_UNRATED;
	for (size_t i = 0; i < risks->n; i++) {
		const struct risk *r = risks->v[i];
		if (i + 2 < risks->n)
			yn_prefetch(((const struct risk *)risks->v[i + 2])->rating);
		if (r->rating)
			p->rating_ok[i] = rate(p, "risks.yaml", r, rating,
			    RATING_DERIVABLE, &p->rating_vals[i * nf]);
	}
	for (size_t i = 0; i < ts->n; i++) {
		const struct treatment *t = ts->v[i];
		if (i + 2 < ts->n)
			yn_prefetch(((const struct treatment *)ts->v[i + 2])->residual);
		if (t->residual)
			p->residual_ok[i] = rate(p, "treatments.yaml", t,
			    residual, RATING_PARTIAL | RATING_QUANT,
			    &p->residual_vals[i * nf]);
	}
}

/* The ids known to exist of records not loaded go into the indexes as
 * `elsewhere`; a loaded record with the same id keeps its place. */
static void index_known(struct project *p)
{
	for (int c = 0; p->known && c < COL_COUNT; c++) {
		if (!p->known->ids[c])
			continue;
		idmap_reserve(&p->index[c], p->index[c].n + p->known->n[c]);
		for (size_t i = 0; i < p->known->n[c]; i++)
			if (p->known->ids[c][i])
				idmap_put(&p->index[c], p->known->ids[c][i],
				    &elsewhere);
	}
}

/*
 * Every problem a record can have at load time depends only on the record,
 * on isms.yaml (methodology, catalog) and on the ids it names (references,
 * duplicates), or on other records of its own collection (dependency
 * cycles of assets).  Quick writes (store.c, reach()) rely on this: a new
 * check here that reads other registers must be reflected there.
 */
static struct isms_error *load(const char *root, long today,
    const struct load_opts *o, struct project **out)
{
	struct project *p = xcalloc(1, sizeof(*p));
	struct isms_error *err = NULL;

	*out = NULL;
	p->streamed = o->streamed;
	p->hash_streamed = o->hash;
	p->root = xstrdup(root);
	p->today = today;
	p->only = o->only;
	p->known = o->known;
	for (int f = 0; f < REG_COUNT; f++)
		if ((err = read_register(p, f, o)))
			goto fail;
	p->config = load_top(p, REG_CONFIG);
	p->scope = load_top(p, REG_SCOPE);
	p->assets = load_top(p, REG_ASSETS);
	p->risks = load_top(p, REG_RISKS);
	p->treatments = load_top(p, REG_TREATMENTS);
	p->soa = load_top(p, REG_SOA);
	p->audits = load_top(p, REG_AUDITS);
	p->objectives = load_top(p, REG_OBJECTIVES);
	p->documents = load_top(p, REG_DOCUMENTS);
	p->incidents = load_top(p, REG_INCIDENTS);
	p->metrics = load_top(p, REG_METRICS);
	p->reviews = load_top(p, REG_REVIEWS);
	for (int c = 0; c < COL_COUNT; c++)
		index_collection(p, c);
	index_known(p);
	for (int c = 0; c < COL_COUNT; c++)
		check_references(p, c);
	compute_effective(p);
	if ((err = load_method_and_catalog(p)))
		goto fail;
	check_asset_scales(p);
	check_ratings(p);
	*out = p;
	return NULL;
fail:
	project_free(p);
	return err;
}

struct isms_error *project_load(const char *root, long today,
    const struct text_override *ov, size_t nov, struct project **out)
{
	struct load_opts o = { .ov = ov, .nov = nov, .only = ~0u };
	return load(root, today, &o, out);
}

struct isms_error *project_load_readonly(const char *root, long today,
    struct project **out)
{
	struct load_opts o = { .only = ~0u, .streamed = ALL_FILES };
	return load(root, today, &o, out);
}

struct isms_error *project_load_editing(const char *root, long today,
    unsigned edits, struct project **out)
{
	struct load_opts o = { .only = ~0u, .streamed = ALL_FILES & ~edits,
		.hash = true };
	return load(root, today, &o, out);
}

struct isms_error *project_load_streamed(const char *root, long today,
    const struct text_override *ov, size_t nov, struct project **out)
{
	/* The text stays (the caller's): the cache hashes it from there. */
	struct load_opts o = { .ov = ov, .nov = nov, .only = 1u << REG_CONFIG,
		.streamed = ALL_FILES };
	for (size_t i = 0; i < nov; i++)
		o.only |= 1u << ov[i].file;
	return load(root, today, &o, out);
}

struct isms_error *project_load_only(const char *root, long today,
    const struct text_override *ov, size_t nov, unsigned only,
    const struct id_list *known, struct project **out)
{
	struct load_opts o = { .ov = ov, .nov = nov,
		.only = only | 1u << REG_CONFIG, .known = known };
	return load(root, today, &o, out);
}

struct isms_error *project_reload(const struct project *base,
    const struct text_override *ov, size_t nov, struct project **out)
{
	struct load_opts o = { ov, nov, base, base->only, base->known,
		base->streamed, base->hash_streamed };
	return load(base->root, base->today, &o, out);
}

void project_free(struct project *p)
{
	if (!p)
		return;
	for (int f = 0; f < REG_COUNT; f++) {
		free(p->files[f].path);
		if (!p->files[f].borrowed)
			ydoc_free(p->files[f].doc);
	}
	for (int c = 0; c < COL_COUNT; c++)
		idmap_release(&p->index[c]);
	idmap_release(&p->shared);
	diags_release(&p->diags);
	assess_free(p->assessment);
	soa_uses_free(p->soa_uses);
	method_free(p->method);
	free(p->rating_vals);
	free(p->residual_vals);
	free(p->rating_ok);
	free(p->residual_ok);
	catalog_free(p->catalog);
	arena_free(&p->arena);
	free(p->root);
	free(p);
}

struct isms_error *project_usable(const struct project *p)
{
	const struct diag *d = diags_first_fatal(&p->diags);
	if (!d)
		return NULL;
	size_t more = 0;
	for (size_t i = 0; i < p->diags.n; i++)
		more += p->diags.v[i].fatal;
	struct isms_error *e = err_at(EXIT_DATA, d->file, d->line, d->col,
	    "%s", d->msg);
	if (more > 1)
		err_appendf(e, " (and %zu more; run 'isms check')", more - 1);
	return e;
}

char *next_id_among(const char *prefix, const char *const *ids, size_t n)
{
	size_t plen = strlen(prefix);
	long max = 0;

	if (!plen)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		long v;
		if (ids[i] && strncmp(ids[i], prefix, plen) == 0 &&
		    parse_int(ids[i] + plen, &v) && v > max && v < 100000000)
			max = v;
	}
	return xasprintf("%s%03ld", prefix, max + 1);
}

char *project_next_id(const struct project *p, enum collection c)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct reclist *l = project_list(p, c);
	const char **ids = xcalloc(l->n + 1, sizeof(*ids));

	for (size_t i = 0; i < l->n; i++)
		ids[i] = rec_id(l->v[i], cd->schema);
	char *id = next_id_among(cd->prefix, ids, l->n);
	free(ids);
	return id;
}

size_t project_referrers(const struct project *p, enum collection target,
    const char *id, struct referrer **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (int c = 0; c < COL_COUNT; c++) {
		const struct coll_def *cd = &coll_defs[c];
		const struct reclist *l = project_list(p, c);
		for (size_t fi = 0; fi < cd->schema->nfields; fi++) {
			const struct field *f = &cd->schema->fields[fi];
			if (!f->ref || coll_lookup(f->ref) != (int)target)
				continue;
			for (size_t i = 0; i < l->n; i++) {
				const void *rec = l->v[i];
				bool hit = false;
				if (!rec_has_field(rec, cd->schema, f))
					continue;
				if (f->type == FT_LIST) {
					const struct strlist *sl = FIELD_PTR(rec,
					    f, const struct strlist);
					for (size_t k = 0; k < sl->n && !hit; k++)
						hit = strcmp(sl->v[k], id) == 0;
				} else {
					hit = strcmp(*FIELD_PTR(rec, f,
					    const char *), id) == 0;
				}
				if (!hit)
					continue;
				GROW(*out, cap, n + 1);
				(*out)[n++] = (struct referrer){ c, rec, f->name };
			}
		}
	}
	return n;
}
