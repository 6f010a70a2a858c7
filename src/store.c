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

#include <stdlib.h>
#include <string.h>

static const char blank_register[] = "version: 1\n";

struct isms_error *session_begin(struct session *s, const char *root,
    long today)
{
	struct isms_error *err;

	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
	if ((err = lock_acquire(root, &s->lock)))
		return err;
	s->locked = true;
	if ((err = project_load(root, today, NULL, 0, &s->p)))
		return err;
	if ((err = project_usable(s->p)))
		return err;
	for (int f = 0; f < REG_COUNT; f++) {
		const struct ydoc *doc = s->p->files[f].doc;
		if (!doc) {
			err = ydoc_parse(reg_defs[f].file, blank_register,
			    sizeof(blank_register) - 1, &s->blank[f]);
			if (err)
				return err;
			doc = s->blank[f];
		}
		splice_init(&s->sp[f], doc);
	}
	return NULL;
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
	nests_release(s);
	for (int f = 0; f < REG_COUNT; f++) {
		splice_release(&s->sp[f]);
		ydoc_free(s->blank[f]);
	}
	project_free(s->p);
	if (s->locked)
		lock_release(&s->lock);
	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
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
	s->touched[cd->file] = true;
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
	s->touched[file] = true;
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
	s->touched[cd->file] = true;
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
	s->touched[cd->file] = true;
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
	s->touched[f] = true;
	return splice_set_key(&s->sp[f], top, reg_defs[f].schema, key,
	    value_text);
}

struct isms_error *session_replace_list(struct session *s, enum collection c,
    const struct record_text *recs, size_t n)
{
	const struct coll_def *cd = &coll_defs[c];
	s->touched[cd->file] = true;
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
	s->touched[cd->file] = true;
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
	err = atomic_write_all(writes, nw);
out:
	project_free(after);
	for (int f = 0; f < REG_COUNT; f++)
		free(texts[f]);
	return err;
}
