/*
 * Write sessions: lock, load, splice, revalidate, replace.
 *
 * Validation after an edit compares integrity problems by rule and message
 * rather than by position, because an inserted record shifts the lines of
 * every record after it; a problem is "new" when the same rule and message
 * did not occur before the edit.  The problems from before are hashed, so a
 * project carrying many known problems does not make every edit quadratic.
 *
 * The revalidation reparses only the registers the edit changed and reuses
 * the parsed trees of the others (project_reload()): a one-record change to
 * a large project costs one parse of that register, not of the project.
 */
#include "isms/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/regcache.h"

static const char blank_register[] = "version: 1\n";

/* What a quick session holds besides the partial project. */
struct quick {
	struct regcache *rc;
	struct id_list known;    /* ids of collections it refers to */
	unsigned stale;          /* registers whose bytes the cache lacks */
	char *text[REG_COUNT];   /* every register's bytes, NULL when absent */
	size_t len[REG_COUNT];
	enum collection coll;
	enum reg_file file;
	bool whole;              /* file loaded whole rather than as a slice */
	size_t start, end;       /* the slice of text[file] that was loaded */
	size_t head;             /* bytes of the lines put before it */
	char *new_id;            /* add: the id the new record gets */
};

static void quick_free(struct quick *k)
{
	if (!k)
		return;
	regcache_free(k->rc);
	for (int c = 0; c < COL_COUNT; c++)
		free((void *)k->known.ids[c]);
	for (int f = 0; f < REG_COUNT; f++)
		free(k->text[f]);
	free(k->new_id);
	free(k);
}

/* ISMS_CACHE=off: neither read nor written; =full: every write loads the
 * whole project and leaves the cache a full load gives (for comparing). */
static bool cache_enabled(void)
{
	const char *v = getenv("ISMS_CACHE");
	return !v || strcmp(v, "off") != 0;
}

static bool quick_enabled(void)
{
	const char *v = getenv("ISMS_CACHE");
	return cache_enabled() && !(v && strcmp(v, "full") == 0);
}

/* One splice per register, over a blank document where there is none. */
static struct isms_error *init_splices(struct session *s)
{
	for (int f = 0; f < REG_COUNT; f++) {
		const struct ydoc *doc = s->p->files[f].doc;
		if (!doc) {
			struct isms_error *err = ydoc_parse(reg_defs[f].file,
			    blank_register, sizeof(blank_register) - 1,
			    &s->blank[f]);
			if (err)
				return err;
			doc = s->blank[f];
		}
		splice_init(&s->sp[f], doc);
	}
	return NULL;
}

struct isms_error *session_begin(struct session *s, const char *root,
    long today)
{
	return session_begin_editing(s, root, today, ~0u);
}

struct isms_error *session_begin_editing(struct session *s, const char *root,
    long today, unsigned edits)
{
	struct isms_error *err;

	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
	if ((err = lock_acquire(root, &s->lock)))
		return err;
	s->locked = true;
	if ((err = project_load_editing(root, today, edits, &s->p)))
		return err;
	if ((err = project_usable(s->p)))
		return err;
	return init_splices(s);
}

struct nest_entry {
	char *path;   /* below the created key: "root_cause", "a.b" */
	char *text;   /* one-line YAML value */
};

struct session_nest {
	enum reg_file file;
	const struct ynode *map;      /* where the key is created */
	const struct schema *sch;     /* of map */
	char *key;
	size_t edit;                  /* its edit in sp[file] */
	struct nest_entry *v;
	size_t n, cap;
};

static void nests_release(struct session *s)
{
	for (size_t i = 0; i < s->nnest; i++) {
		struct session_nest *m = &s->nest[i];
		for (size_t k = 0; k < m->n; k++) {
			free(m->v[k].path);
			free(m->v[k].text);
		}
		free(m->v);
		free(m->key);
	}
	free(s->nest);
}

void session_end(struct session *s)
{
	free(s->new_id);
	nests_release(s);
	for (int f = 0; f < REG_COUNT; f++) {
		splice_release(&s->sp[f]);
		ydoc_free(s->blank[f]);
	}
	project_free(s->p);
	quick_free(s->quick);   /* after the project, which uses its ids */
	if (s->locked)
		lock_release(&s->lock);
	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
}

/*
 * Marks f edited, before any edit of it is made.  A session begun for
 * other registers (session_begin_editing()) read f streamed, without the
 * nodes an edit needs: editing it is a mistake in the command, stopped
 * here before anything is written.
 */
static void touch(struct session *s, enum reg_file f)
{
	if (s->p->streamed & 1u << f) {
		fprintf(stderr, "isms: internal error: %s was read for reading "
		    "only\n", reg_defs[f].file);
		abort();
	}
	s->touched[f] = true;
}

const struct ynode *session_top(const struct session *s, enum reg_file f)
{
	return s->sp[f].doc->root;
}

static struct isms_error *no_such(enum collection c, const char *id)
{
	return err_new(EXIT_USAGE, "no %s with id '%s'", coll_defs[c].noun, id);
}

struct isms_error *session_add(struct session *s, enum collection c,
    const struct field_text *fields, size_t n, const char *id)
{
	const struct coll_def *cd = &coll_defs[c];
	if (project_find(s->p, c, id))
		return err_new(EXIT_DATA, "%s %s already exists", cd->noun, id);
	touch(s, cd->file);
	return splice_add_record(&s->sp[cd->file], session_top(s, cd->file),
	    cd->name, cd->schema, fields, n, id);
}

/* The text to write for key within a mapping of schema sch (NULL when the
 * mapping is free-form, like a rating). */
static struct isms_error *value_text(const struct schema *sch,
    const char *key, const char *value, char **text)
{
	const struct field *f = sch ? schema_field(sch, key) : NULL;
	if (!f) {
		struct sbuf sb = SBUF_INIT;
		emit_scalar(&sb, value);
		*text = sbuf_detach(&sb, NULL);
		return NULL;
	}
	struct field_text ft;
	struct isms_error *err = field_text_from_arg(f, value, &ft);
	if (err)
		return err;
	*text = ft.text;
	ft.text = NULL;
	field_text_release(&ft);
	return NULL;
}

/* The schema of the mapping at key in a mapping of schema sch, or NULL. */
static const struct schema *sub_schema(const struct schema *sch,
    const char *key)
{
	const struct field *f = sch ? schema_field(sch, key) : NULL;
	return f && f->type == FT_MAP ? f->sub : NULL;
}

static size_t first_len(const char *path)
{
	const char *dot = strchr(path, '.');
	return dot ? (size_t)(dot - path) : strlen(path);
}

static size_t key_rank(const struct schema *sch, const char *key, size_t len)
{
	for (size_t i = 0; sch && i < sch->nfields; i++)
		if (strlen(sch->fields[i].name) == len &&
		    strncmp(sch->fields[i].name, key, len) == 0)
			return i;
	return (size_t)-1;
}

/* Writes entries (paths relative to this mapping) as one flow mapping,
 * keys in schema order, then in the order they were given. */
static void nest_emit(struct sbuf *out, const struct schema *sch,
    struct nest_entry *v, size_t n)
{
	bool *done = xcalloc(n ? n : 1, sizeof(*done));
	bool first = true;
	sbuf_addch(out, '{');
	for (;;) {
		/* The next key: lowest schema rank, then earliest. */
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			if (done[i])
				continue;
			if (best == n || key_rank(sch, v[i].path,
			    first_len(v[i].path)) < key_rank(sch, v[best].path,
			    first_len(v[best].path)))
				best = i;
		}
		if (best == n)
			break;
		size_t len = first_len(v[best].path);
		char *key = xstrndup(v[best].path, len);
		struct nest_entry *sub = xcalloc(n, sizeof(*sub));
		size_t nsub = 0;
		const char *leaf = NULL;
		for (size_t i = 0; i < n; i++) {
			if (done[i] || strncmp(v[i].path, key, len) != 0 ||
			    (v[i].path[len] != '\0' && v[i].path[len] != '.'))
				continue;
			done[i] = true;
			if (v[i].path[len] == '\0')
				leaf = v[i].text;   /* the last one wins */
			else
				sub[nsub++] = (struct nest_entry){
					v[i].path + len + 1, v[i].text };
		}
		sbuf_addf(out, "%s%s: ", first ? "" : ", ", key);
		if (nsub)
			nest_emit(out, sub_schema(sch, key), sub, nsub);
		else
			sbuf_adds(out, leaf);
		first = false;
		free(sub);
		free(key);
	}
	sbuf_addch(out, '}');
	free(done);
}

/* Creates key in map as a mapping holding rest = value, or adds rest to
 * the mapping an earlier set of this session created there. */
static struct isms_error *set_nested(struct session *s, enum reg_file file,
    const struct ynode *map, const struct schema *sch, char **parts,
    size_t n, const char *value)
{
	struct session_nest *m = NULL;
	struct isms_error *err;
	const struct schema *leaf = sub_schema(sch, parts[0]);
	char *text = NULL;
	struct sbuf path = SBUF_INIT, wrapped = SBUF_INIT;

	for (size_t i = 1; i + 1 < n; i++)
		leaf = sub_schema(leaf, parts[i]);
	if ((err = value_text(leaf, parts[n - 1], value, &text)))
		return err;
	for (size_t i = 1; i < n; i++)
		sbuf_addf(&path, "%s%s", i > 1 ? "." : "", parts[i]);
	for (size_t i = 0; i < s->nnest && !m; i++)
		if (s->nest[i].file == file && s->nest[i].map == map &&
		    strcmp(s->nest[i].key, parts[0]) == 0)
			m = &s->nest[i];
	if (!m) {
		GROW(s->nest, s->capnest, s->nnest + 1);
		m = &s->nest[s->nnest++];
		*m = (struct session_nest){ file, map, sch, xstrdup(parts[0]),
			(size_t)-1, NULL, 0, 0 };
	}
	GROW(m->v, m->cap, m->n + 1);
	m->v[m->n++] = (struct nest_entry){ sbuf_detach(&path, NULL), text };
	nest_emit(&wrapped, sub_schema(sch, parts[0]), m->v, m->n);
	if (m->edit == (size_t)-1) {
		err = splice_set_key(&s->sp[file], map, sch, parts[0],
		    wrapped.buf);
		if (!err)
			m->edit = s->sp[file].n - 1;
	} else {
		/* Same place, same order: only the edit's text changes. */
		struct splice tmp;
		splice_init(&tmp, s->sp[file].doc);
		err = splice_set_key(&tmp, map, sch, parts[0], wrapped.buf);
		if (!err && tmp.n == 1) {
			struct splice_edit *e = &s->sp[file].v[m->edit];
			free(e->text);
			e->text = tmp.v[0].text;
			tmp.v[0].text = xstrdup("");
		}
		splice_release(&tmp);
	}
	sbuf_release(&wrapped);
	return err;
}

static size_t split_path(char *key, char **parts, size_t max)
{
	size_t n = 0;
	for (char *p = key; p && n < max;) {
		parts[n++] = p;
		p = strchr(p, '.');
		if (p)
			*p++ = '\0';
	}
	return n;
}

/* Sets or removes a dotted key under mapping map (of schema sch) of
 * register file. */
static struct isms_error *set_in(struct session *s, enum reg_file file,
    const struct ynode *map, const struct schema *sch, const char *key,
    const char *value, bool unset)
{
	struct isms_error *err = NULL;
	char *path = xstrdup(key), *parts[8], *wrapped = NULL;
	size_t n, i;

	n = split_path(path, parts, ARRAY_SIZE(parts));
	if (!n || !*parts[0]) {
		err = err_new(EXIT_USAGE, "empty key");
		goto out;
	}
	/* Walk down the existing mappings as far as the path goes. */
	for (i = 0; i + 1 < n; i++) {
		const struct ynode *next = yn_get(map, parts[i]);
		if (!next || next->kind != YN_MAP)
			break;
		const struct field *f = sch ? schema_field(sch, parts[i]) : NULL;
		sch = f && f->type == FT_MAP ? f->sub : NULL;
		map = next;
	}
	touch(s, file);
	if (unset) {
		if (i + 1 < n)
			goto out; /* nothing there to remove */
		err = splice_remove_key(&s->sp[file], map, parts[i]);
		goto out;
	}
	if (i + 1 < n) {
		/* The rest of the path is created as nested flow mappings. */
		err = set_nested(s, file, map, sch, parts + i, n - i, value);
		goto out;
	}
	if ((err = value_text(sch, parts[i], value, &wrapped)))
		goto out;
	err = splice_set_key(&s->sp[file], map, sch, parts[i], wrapped);
out:
	free(path);
	free(wrapped);
	return err;
}

static struct isms_error *set_path(struct session *s, enum collection c,
    const char *id, const char *key, const char *value, bool unset)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct rec *r = project_find(s->p, c, id);
	const struct field *idf = schema_id_field(cd->schema);

	if (!r)
		return no_such(c, id);
	if (idf && strcmp(key, idf->name) == 0)
		return err_new(EXIT_USAGE, "ids cannot be changed with set");
	return set_in(s, cd->file, r->node, cd->schema, key, value, unset);
}

struct isms_error *session_set(struct session *s, enum collection c,
    const char *id, const char *key, const char *value)
{
	return set_path(s, c, id, key, value, false);
}

struct isms_error *session_set_text(struct session *s, enum collection c,
    const char *id, const char *key, const char *text)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct rec *r = project_find(s->p, c, id);
	if (!r)
		return no_such(c, id);
	touch(s, cd->file);
	return splice_set_key(&s->sp[cd->file], r->node, cd->schema, key, text);
}

struct isms_error *session_unset(struct session *s, enum collection c,
    const char *id, const char *key)
{
	return set_path(s, c, id, key, NULL, true);
}

struct isms_error *session_append(struct session *s, enum collection c,
    const char *id, const char *key, const struct record_text *items,
    size_t count)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct rec *r = project_find(s->p, c, id);
	const struct field *f = schema_field(cd->schema, key);
	if (!r)
		return no_such(c, id);
	if (!f || f->type != FT_RECLIST)
		return err_new(EXIT_USAGE, "%s has no list of records '%s'",
		    cd->noun, key);
	touch(s, cd->file);
	return splice_append_items(&s->sp[cd->file], r->node, cd->schema, f,
	    items, count);
}

struct isms_error *session_set_file(struct session *s, enum reg_file f,
    const char *key, const char *value)
{
	return set_in(s, f, session_top(s, f), reg_defs[f].schema, key, value,
	    value == NULL);
}

struct isms_error *session_set_top(struct session *s, enum reg_file f,
    const char *key, const char *value_text)
{
	const struct ynode *top = session_top(s, f);
	touch(s, f);
	return splice_set_key(&s->sp[f], top, reg_defs[f].schema, key,
	    value_text);
}

struct isms_error *session_replace_list(struct session *s, enum collection c,
    const struct record_text *recs, size_t n)
{
	const struct coll_def *cd = &coll_defs[c];
	touch(s, cd->file);
	return splice_replace_list(&s->sp[cd->file], session_top(s, cd->file),
	    cd->name, cd->schema, recs, n);
}

struct isms_error *session_rm(struct session *s, enum collection c,
    const char *id)
{
	const struct coll_def *cd = &coll_defs[c];
	const void *r = project_find(s->p, c, id);
	if (!r)
		return no_such(c, id);
	long idx = project_index_of(s->p, c, r);
	touch(s, cd->file);
	return splice_remove_item(&s->sp[cd->file], session_top(s, cd->file),
	    cd->name, (size_t)idx);
}

/* Problems that make the tool refuse an edit. */
static bool integrity(const struct diag *d)
{
	return d->fatal || strcmp(d->rule, "missing-ref") == 0 ||
	    strcmp(d->rule, "dependency-cycle") == 0;
}

/* "rule<US>message": the identity of a problem across an edit. */
static char *problem_key(const struct diag *d)
{
	return xasprintf("%s\x1f%s", d->rule, d->msg);
}

static struct isms_error *first_new_problem(const struct project *before,
    const struct project *after)
{
	const struct diag *first = NULL;
	size_t count = 0, nkeys = 0;
	struct idmap known = { 0 };
	char **keys = xcalloc(before->diags.n + 1, sizeof(*keys));

	for (size_t i = 0; i < before->diags.n; i++) {
		const struct diag *d = &before->diags.v[i];
		if (!integrity(d))
			continue;
		keys[nkeys] = problem_key(d);
		if (idmap_put(&known, keys[nkeys], keys[nkeys]))
			free(keys[nkeys]);
		else
			nkeys++;
	}
	for (size_t i = 0; i < after->diags.n; i++) {
		const struct diag *d = &after->diags.v[i];
		if (!integrity(d))
			continue;
		char *k = problem_key(d);
		bool seen = idmap_get(&known, k) != NULL;
		free(k);
		if (seen)
			continue;
		if (!first)
			first = d;
		count++;
	}
	idmap_release(&known);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	if (!first)
		return NULL;
	struct isms_error *e = err_at(EXIT_DATA, first->file, first->line,
	    first->col, "%s", first->msg);
	if (count > 1)
		err_appendf(e, " (and %zu more problems)", count - 1);
	err_appendf(e, "; nothing was written");
	return e;
}

/* The register's new bytes: the edited slice put back between the bytes
 * around it, or the whole edited text. */
static char *quick_file_text(const struct quick *k, const char *edited,
    size_t elen, size_t *len)
{
	if (k->whole) {
		*len = elen;
		return xstrndup(edited, elen);
	}
	const char *old = k->text[k->file];
	struct sbuf sb = SBUF_INIT;
	sbuf_grow(&sb, k->len[k->file] + elen);
	sbuf_add(&sb, old, k->start);
	sbuf_add(&sb, edited + k->head, elen - k->head);
	sbuf_add(&sb, old + k->end, k->len[k->file] - k->end);
	return sbuf_detach(&sb, len);
}

/* The cache after the write: the stale registers as now loaded, the
 * edited one's new bytes, and its spans from the edited text (moving every
 * later span when only a slice was loaded). */
static void quick_update_cache(struct session *s, const struct project *after,
    const char *text, size_t len)
{
	struct quick *k = s->quick;
	const struct ydoc *d = after->files[k->file].doc;
	struct arena ids = { 0 };
	struct rc_rec *v;
	size_t n;

	for (int f = 0; f < REG_COUNT; f++)
		if ((f == (int)k->file && k->whole) ||
		    (f != (int)k->file && k->stale & 1u << f))
			regcache_respan(k->rc, after, f);
	if (!k->whole) {
		regcache_set_file(k->rc, k->file, text, len);
		struct rc_coll *cl = &k->rc->coll[k->coll];
		if (regcache_spans(d, k->coll, &ids, &v, &n)) {
			for (size_t i = 0; i < n; i++) {
				v[i].start = v[i].start - k->head + k->start;
				v[i].end = v[i].end - k->head + k->start;
			}
			regcache_splice(k->rc, k->file, k->start, k->end,
			    d->len - k->head, k->coll, v, n);
			free(v);
		} else {
			/* Cannot happen to a block list gaining or changing a
			 * record; if it does, the list just loses its spans. */
			free(cl->v);
			cl->v = NULL;
			cl->n = 0;
			cl->block = false;
		}
	}
	regcache_write(s->p->root, k->rc);
	arena_free(&ids);
}

/*
 * A quick session commits the way a full one does, on the part of the
 * project it loaded: the edited text is loaded again and must add no
 * integrity problem.  When it would, nothing is written and the session
 * declines, so the full session reports the problem with the lines and
 * columns of the whole file.
 */
static struct isms_error *commit_quick(struct session *s)
{
	struct quick *k = s->quick;
	struct project *after = NULL;
	struct isms_error *err = NULL;
	char *edited = NULL, *text = NULL;
	size_t elen, len;

	for (int f = 0; f < REG_COUNT; f++)
		if (s->touched[f] && f != (int)k->file)
			goto decline;
	if (!s->touched[k->file])
		return NULL;
	edited = splice_apply(&s->sp[k->file], &elen);
	/* As in a full session: one tree of the register at a time. */
	if (s->drop_edited && k->whole)
		ydoc_drop_tree(s->p->files[k->file].doc);
	struct text_override ov = { k->file, edited, elen };
	if ((err = project_reload(s->p, &ov, 1, &after)))
		goto out;
	if ((err = first_new_problem(s->p, after))) {
		err_free(err);
		err = NULL;
		goto decline;
	}
	text = quick_file_text(k, edited, elen, &len);
	/* An edit that changes nothing leaves the file (and its mtime). */
	const struct regfile *rf = &s->p->files[k->file];
	struct atomic_file w = { rf->path, reg_defs[k->file].file, text, len,
		k->text[k->file], k->len[k->file] };
	bool same = len == k->len[k->file] &&
	    memcmp(text, k->text[k->file], len) == 0;
	if (same || !(err = atomic_write_all(&w, 1)))
		quick_update_cache(s, after, text, len);
	goto out;
decline:
	s->declined = true;
out:
	project_free(after);
	free(edited);
	free(text);
	return err;
}

struct isms_error *session_commit(struct session *s)
{
	struct text_override ov[REG_COUNT];
	struct atomic_file writes[REG_COUNT];
	char *texts[REG_COUNT] = { 0 };
	size_t nov = 0, nw = 0;
	struct project *after = NULL;
	struct isms_error *err = NULL;

	for (int f = 0; f < REG_COUNT; f++) {
		if (!s->touched[f])
			continue;
		size_t len;
		texts[f] = splice_apply(&s->sp[f], &len);
		ov[nov++] = (struct text_override){ f, texts[f], len };
	}
	if (s->quick) {
		err = commit_quick(s);
		goto out;
	}
	if (!nov)
		goto out;
	/* The original text stays for the comparison and the write below;
	 * only the trees go, and only when the caller is done with them. */
	for (int f = 0; f < REG_COUNT && s->drop_edited; f++)
		if (s->touched[f] && !s->p->files[f].borrowed)
			ydoc_drop_tree(s->p->files[f].doc);
	if ((err = project_reload(s->p, ov, nov, &after)))
		goto out;
	if ((err = first_new_problem(s->p, after)))
		goto out;
	/* Every changed file in one atomic_write_all(), so a change that spans
	 * registers (a renumber) is written all or nothing. */
	for (size_t i = 0; i < nov; i++) {
		const struct regfile *rf = &s->p->files[ov[i].file];
		if (rf->doc && rf->doc->len == ov[i].len &&
		    memcmp(rf->doc->src, ov[i].text, ov[i].len) == 0)
			continue; /* unchanged: leave the file (and its mtime) */
		writes[nw++] = (struct atomic_file){ rf->path,
			reg_defs[ov[i].file].file, ov[i].text, ov[i].len,
			rf->doc ? rf->doc->src : NULL, rf->doc ? rf->doc->len : 0 };
	}
	if (!(err = atomic_write_all(writes, nw)) && cache_enabled()) {
		struct regcache *rc = regcache_from_project(after);
		regcache_write(s->p->root, rc);
		regcache_free(rc);
	}
out:
	project_free(after);
	for (int f = 0; f < REG_COUNT; f++)
		free(texts[f]);
	return err;
}

/* The cache's ids of collection c, as one array (NULL entries: none). */
static const char *const *ids_of(const struct regcache *rc, enum collection c)
{
	const char **ids = xcalloc(rc->coll[c].n + 1, sizeof(*ids));
	for (size_t i = 0; i < rc->coll[c].n; i++)
		ids[i] = rc->coll[c].v[i].id;
	return ids;
}

/* True when a field of collection u refers to collection c. */
static bool refers_to(enum collection u, enum collection c)
{
	const struct schema *sch = coll_defs[u].schema;
	for (size_t i = 0; i < sch->nfields; i++)
		if (sch->fields[i].ref && coll_lookup(sch->fields[i].ref) == (int)c)
			return true;
	return false;
}

/*
 * Registers an edit of collection c must load: isms.yaml, its own, and the
 * stale ones (changed since the cache was written), whole, since what they
 * hold now has not been judged.  A reference from any of them is judged
 * against the cache's ids where the cache has them and is current, which
 * it is for every collection of c's own register when that is not stale
 * (the edited record itself is loaded); elsewhere the register referred to
 * is loaded too and its references judged in turn.  A removal (rm) also
 * loads whole every register whose records can refer to c, to find those
 * that still refer to the record.  *whole says c's own
 * register must be loaded whole: it is stale, or c refers to its own kind
 * (assets that depend on assets), whose cycles only the whole list shows.
 */
static unsigned reach(const struct regcache *rc, enum collection c,
    unsigned stale, bool rm, struct id_list *known, bool *whole)
{
	bool seen[COL_COUNT] = { false };
	enum collection todo[COL_COUNT];
	size_t ntodo = 0;
	enum reg_file own = coll_defs[c].file;
	unsigned only = 1u << REG_CONFIG | 1u << own | stale;

	*whole = stale & 1u << own;
	memset(known, 0, sizeof(*known));
	for (int t = 0; t < COL_COUNT; t++) {
		bool referrer = rm && refers_to((enum collection)t, c);
		if (referrer) {
			only |= 1u << coll_defs[t].file;
			*whole |= coll_defs[t].file == own;
		}
		if (t == (int)c || referrer || stale & 1u << coll_defs[t].file) {
			todo[ntodo++] = (enum collection)t;
			seen[t] = true;
		}
	}
	while (ntodo) {
		enum collection u = todo[--ntodo];
		const struct schema *sch = coll_defs[u].schema;
		for (size_t i = 0; i < sch->nfields; i++) {
			int t = sch->fields[i].ref ?
			    coll_lookup(sch->fields[i].ref) : -1;
			if (t < 0)
				continue;
			enum reg_file tf = coll_defs[t].file;
			if (u == c && t == (int)c)
				*whole = true;
			if (stale & 1u << tf || known->ids[t])
				continue;
			if (rc->coll[t].block) {
				known->ids[t] = ids_of(rc, t);
				known->n[t] = rc->coll[t].n;
			} else if (!seen[t]) {
				seen[t] = true;
				only |= 1u << tf;
				todo[ntodo++] = (enum collection)t;
			}
		}
	}
	return only;
}

static const char *cached_id_at(const void *ctx, size_t i)
{
	return ((const struct rc_coll *)ctx)->v[i].id;
}

/* Reads every register and notes those that differ from the cache. */
static bool quick_read(struct quick *k, const char *root)
{
	for (int f = 0; f < REG_COUNT; f++) {
		char *path = xasprintf("%s/%s", root, reg_defs[f].file);
		struct isms_error *err = read_file(path, reg_defs[f].file,
		    YAML_MAX_FILE, &k->text[f], &k->len[f]);
		bool absent = err && access(path, F_OK) != 0 && errno == ENOENT;
		free(path);
		if (err) {
			err_free(err);
			if (!absent)
				return false;
		}
		if (!k->rc || !regcache_matches(k->rc, f, k->text[f], k->len[f]))
			k->stale |= 1u << f;
	}
	return true;
}

/*
 * A cache made from the registers' bytes just read, loaded streamed (yaml.h),
 * which takes a fraction of the memory of a full load: the first write on a
 * fresh clone, or after isms.yaml changed.  A cache vouches for registers
 * a write was allowed on, so a project with a fatal problem gets none: the
 * full session then says what the problem is.
 */
static bool fresh_cache(struct quick *k, const char *root, long today)
{
	struct text_override ov[REG_COUNT];
	struct project *p = NULL;
	size_t nov = 0;

	for (int f = 0; f < REG_COUNT; f++)
		if (k->text[f])
			ov[nov++] = (struct text_override){ f, k->text[f],
				k->len[f] };
	struct isms_error *err = project_load_streamed(root, today, ov, nov, &p);
	if (!err)
		err = project_usable(p);
	if (!err) {
		regcache_free(k->rc);
		k->rc = regcache_from_project(p);
		k->stale = 0;
	}
	bool made = !err;
	err_free(err);
	project_free(p);
	return made;
}

/* The records to load: the one set, or the two an added one goes
 * between (the last one when it goes at the end).  Adding before the
 * first record is left to the full session, which places it above the
 * comments that lead into that record. */
static bool quick_slice(struct quick *k, const struct quick_edit *q)
{
	const struct coll_def *cd = &coll_defs[q->coll];
	const struct rc_coll *cl = &k->rc->coll[q->coll];
	size_t first, last;

	if (!cl->block)
		return false;
	if (q->add) {
		if (q->id) {
			k->new_id = xstrdup(q->id);
		} else {
			const char *const *ids = ids_of(k->rc, q->coll);
			k->new_id = next_id_among(cd->prefix, ids, cl->n);
			free((void *)ids);
		}
		if (!k->new_id || regcache_find(k->rc, q->coll, k->new_id) >= 0)
			return false;
		size_t at = id_insert_index(cl->n, cached_id_at, cl, k->new_id);
		if (at == 0)
			return false;
		first = at - 1;
		last = at < cl->n ? at : at - 1;
	} else {
		long i = regcache_find(k->rc, q->coll, q->id);
		if (i < 0)
			return false;
		first = last = (size_t)i;
		/* Removing the only item of a slice would empty the list
		 * ("[]"); with a neighbour it removes just the record's lines,
		 * as from the whole list. */
		if (q->rm && cl->n < 2)
			return false;
		if (q->rm)
			first > 0 ? first-- : last++;
	}
	k->start = cl->v[first].start;
	k->end = cl->v[last].end;
	return k->end <= k->len[k->file];
}

/* Loads the registers the edit can reach, the edited one as a slice when
 * nothing else in it can be affected. */
static struct isms_error *quick_load(struct session *s, const char *root,
    long today, unsigned only, char **mini)
{
	struct quick *k = s->quick;
	struct text_override ov[REG_COUNT];
	size_t nov = 0;

	for (int f = 0; f < REG_COUNT; f++) {
		if (!(only & 1u << f) || !k->text[f])
			continue;
		ov[nov++] = (struct text_override){ f, k->text[f], k->len[f] };
		if (f != (int)k->file || k->whole)
			continue;
		const char *t = k->text[f], *eol = yaml_eol(t, k->len[f]);
		struct sbuf sb = SBUF_INIT;
		sbuf_addf(&sb, "version: 1%s%s:%s", eol, coll_defs[k->coll].name,
		    eol);
		k->head = sb.len;
		sbuf_add(&sb, t + k->start, k->end - k->start);
		*mini = sbuf_detach(&sb, &ov[nov - 1].len);
		ov[nov - 1].text = *mini;
	}
	return project_load_only(root, today, ov, nov, only, &k->known, &s->p);
}

static bool has_integrity_problem(const struct project *p)
{
	for (size_t i = 0; i < p->diags.n; i++)
		if (integrity(&p->diags.v[i]))
			return true;
	return false;
}

struct isms_error *session_begin_quick(struct session *s, const char *root,
    long today, const struct quick_edit *q)
{
	struct isms_error *err;
	struct quick *k;
	char *mini = NULL;
	unsigned only;

	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
	if ((err = lock_acquire(root, &s->lock)))
		return err;
	s->locked = true;
	s->quick = k = xcalloc(1, sizeof(*k));
	k->coll = q->coll;
	k->file = coll_defs[q->coll].file;
	if (!quick_enabled())
		goto decline;
	k->rc = regcache_read(root);
	if (!quick_read(k, root) || !k->text[k->file])
		goto decline;
	/* A changed isms.yaml can change the judgement of every register:
	 * then, as when there is no cache, the cache is made afresh. */
	if ((!k->rc || k->stale & 1u << REG_CONFIG) &&
	    !fresh_cache(k, root, today))
		goto decline;
	only = reach(k->rc, q->coll, k->stale, q->rm, &k->known, &k->whole);
	if (!k->whole && !quick_slice(k, q))
		goto decline;
	err = quick_load(s, root, today, only, &mini);
	free(mini);
	if (err)
		return err;
	if (has_integrity_problem(s->p))
		goto decline;
	/* Loaded whole, the register itself gives the next id. */
	if (k->whole && q->add && !k->new_id)
		k->new_id = q->id ? xstrdup(q->id) :
		    project_next_id(s->p, q->coll);
	return init_splices(s);
decline:
	s->declined = true;
	return NULL;
}

const char *session_new_id(struct session *s, enum collection c,
    const char *given)
{
	if (s->quick)
		return s->quick->new_id;
	if (!s->new_id)
		s->new_id = given ? xstrdup(given) : project_next_id(s->p, c);
	return s->new_id;
}

struct isms_error *session_run(const char *root, long today,
    const struct quick_edit *q, session_fn fn, void *arg)
{
	struct session s;
	struct isms_error *err = NULL;

	/* The session ends at the commit: nothing reads the edited
	 * registers' trees after it (drop_edited). */
	if (q) {
		err = session_begin_quick(&s, root, today, q);
		s.drop_edited = true;
		if (!err && !s.declined && !(err = fn(&s, arg)))
			err = session_commit(&s);
		bool retry = !err && s.declined;
		session_end(&s);
		if (!retry)
			return err;
	}
	/* fn edits only q's register (store.h): the others are read
	 * streamed. */
	err = session_begin_editing(&s, root, today,
	    q ? 1u << coll_defs[q->coll].file : ~0u);
	s.drop_edited = true;
	if (!err && !(err = fn(&s, arg)))
		err = session_commit(&s);
	session_end(&s);
	return err;
}
