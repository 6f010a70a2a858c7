/*
 * The three-way register merge.
 *
 * All edits are splices into our document (struct splice), so what is not
 * touched keeps its bytes.  Decisions about one record are made first and
 * applied to a scratch splice; only if the record merges cleanly are its
 * edits moved into the result, otherwise the record is replaced by its
 * conflict block.  Before the result is returned every edit is checked not
 * to overlap another and the merged text is parsed again: a merge that
 * would lose an edit or write broken YAML is refused rather than written.
 */
#include "isms/merge.h"

#include <stdlib.h>
#include <string.h>

#include "isms/emit.h"
#include "isms/idmap.h"
#include "isms/splice.h"

struct merger {
	enum reg_file f;
	const struct ydoc *b, *o, *t;
	const struct ynode *B, *O, *T;  /* top-level mappings (B, T may be NULL) */
	struct splice sp;
	size_t conflicts;
};

int merge_register_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	for (int f = 0; f < REG_COUNT; f++)
		if (strcmp(reg_defs[f].file, base) == 0)
			return f;
	return -1;
}

/* Canonical text of a value; a record list that is absent or null reads
 * as the empty list, so "assets:" and no key at all compare equal. */
static char *val_text(const struct ynode *n, bool list)
{
	struct sbuf sb = SBUF_INIT;
	if (!n || (list && yn_is_null(n))) {
		if (!list)
			return NULL;
		sbuf_adds(&sb, "[]");
	} else {
		emit_flow(&sb, n);
	}
	return sbuf_detach(&sb, NULL);
}

static bool same_v(const struct ynode *x, const struct ynode *y, bool list)
{
	char *a = val_text(x, list), *b = val_text(y, list);
	bool eq = (!a && !b) || (a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	return eq;
}

static bool same(const struct ynode *x, const struct ynode *y)
{
	return same_v(x, y, false);
}

/* Appends lines [start, end) of d, moving their indentation from `from`
 * columns to `to` and ending each with eol (ours, so a CRLF file stays
 * CRLF whatever theirs uses). */
static void copy_lines(struct sbuf *sb, const struct ydoc *d, size_t start,
    size_t end, size_t from, size_t to, const char *eol)
{
	size_t p = start;
	while (p < end) {
		size_t q = p;
		while (q < end && d->src[q] != '\n')
			q++;
		size_t le = q, ls = p;
		if (le > ls && d->src[le - 1] == '\r')
			le--;
		if (le > ls && to > from)
			sbuf_addrepeat(sb, ' ', to - from);
		for (size_t k = 0; le > ls && k + to < from && d->src[ls] == ' ';
		    k++)
			ls++;
		sbuf_add(sb, d->src + ls, le - ls);
		sbuf_adds(sb, eol);
		p = q < end ? q + 1 : end;
	}
}

/* Inserting whole lines at pos: a last line without its line break gets
 * one first. */
static void lead_break(const struct merger *m, size_t pos, struct sbuf *sb)
{
	if (pos == m->o->len && pos && m->o->src[pos - 1] != '\n')
		sbuf_adds(sb, m->o->eol);
}

/* Replaces ours [os, oe) (empty: an insertion) by a conflict block with
 * theirs [ts, te) re-indented from tfrom to tto columns. */
static void conflict(struct merger *m, struct splice *sp, size_t os,
    size_t oe, size_t ts, size_t te, size_t tfrom, size_t tto)
{
	const char *eol = m->o->eol;
	struct sbuf sb = SBUF_INIT;
	lead_break(m, os, &sb);
	sbuf_addf(&sb, "<<<<<<< ours%s", eol);
	copy_lines(&sb, m->o, os, oe, 0, 0, eol);
	sbuf_addf(&sb, "=======%s", eol);
	copy_lines(&sb, m->t, ts, te, tfrom, tto, eol);
	sbuf_addf(&sb, ">>>>>>> theirs%s", eol);
	splice_replace(sp, os, oe, sb.buf);
	sbuf_release(&sb);
	m->conflicts++;
}

static void insert_theirs(struct merger *m, struct splice *sp, size_t pos,
    size_t ts, size_t te, size_t tfrom, size_t tto)
{
	struct sbuf sb = SBUF_INIT;
	lead_break(m, pos, &sb);
	copy_lines(&sb, m->t, ts, te, tfrom, tto, m->o->eol);
	splice_replace(sp, pos, pos, sb.buf);
	sbuf_release(&sb);
}

/* Moves the edits of a scratch splice into the result, in order. */
static void move_edits(struct splice *to, struct splice *from)
{
	for (size_t i = 0; i < from->n; i++)
		splice_replace(to, from->v[i].start, from->v[i].end,
		    from->v[i].text);
	splice_release(from);
}

static int edit_cmp(const void *x, const void *y)
{
	const struct splice_edit *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return 0;
}

/* True when two edits touch the same bytes (splice_apply would drop one). */
static bool overlapping(const struct splice *sp)
{
	struct splice_edit *v = xmalloc((sp->n ? sp->n : 1) * sizeof(*v));
	bool bad = false;
	memcpy(v, sp->v, sp->n * sizeof(*v));
	qsort(v, sp->n, sizeof(*v), edit_cmp);
	for (size_t i = 1; i < sp->n && !bad; i++)
		bad = v[i].start < v[i - 1].end;
	free(v);
	return bad;
}

/* Record merging. */

struct decision {
	const struct ynode *map;
	const struct schema *s;
	const char *key;
	const struct ynode *val;   /* NULL: remove the key */
};

struct decisions {
	struct decision *v;
	size_t n, cap;
};

static void decide(struct decisions *ds, const struct ynode *map,
    const struct schema *s, const char *key, const struct ynode *val)
{
	GROW(ds->v, ds->cap, ds->n + 1);
	ds->v[ds->n++] = (struct decision){ map, s, key, val };
}

static bool merge_map(const struct ynode *om, const struct ynode *tm,
    const struct ynode *bm, const struct schema *s, struct decisions *ds);

/* One key of a mapping present in ours; false on a conflict. */
static bool merge_value(const struct ynode *om, const char *key,
    const struct ynode *ov, const struct ynode *tv, const struct ynode *bv,
    const struct schema *s, struct decisions *ds)
{
	if (same(ov, tv))
		return true;
	if (ov && tv && bv && ov->kind == YN_MAP && tv->kind == YN_MAP &&
	    bv->kind == YN_MAP) {
		const struct field *f = s ? schema_field(s, key) : NULL;
		return merge_map(ov, tv, bv, f && f->type == FT_MAP ? f->sub :
		    NULL, ds);
	}
	if (same(bv, ov)) {
		decide(ds, om, s, key, tv);
		return true;
	}
	return same(bv, tv);
}

static bool merge_map(const struct ynode *om, const struct ynode *tm,
    const struct ynode *bm, const struct schema *s, struct decisions *ds)
{
	for (size_t i = 0; i < YN_PAIRS(om); i++) {
		const struct ynode *k = YN_KEY(om, i);
		if (k->kind != YN_SCALAR)
			return false;
		if (!merge_value(om, k->str, YN_VAL(om, i), yn_get(tm, k->str),
		    yn_get(bm, k->str), s, ds))
			return false;
	}
	for (size_t i = 0; i < YN_PAIRS(tm); i++) {
		const struct ynode *k = YN_KEY(tm, i), *tv = YN_VAL(tm, i);
		if (k->kind != YN_SCALAR)
			return false;
		if (yn_get_key(om, k->str))
			continue;
		const struct ynode *bv = yn_get(bm, k->str);
		if (!bv)
			decide(ds, om, s, k->str, tv);   /* added by them */
		else if (!same(bv, tv))
			return false;                    /* we removed, they changed */
	}
	return true;
}

static struct isms_error *apply_decisions(struct splice *sp,
    const struct decisions *ds)
{
	struct isms_error *err = NULL;
	for (size_t i = 0; i < ds->n && !err; i++) {
		const struct decision *d = &ds->v[i];
		if (!d->val) {
			err = splice_remove_key(sp, d->map, d->key);
			continue;
		}
		struct sbuf sb = SBUF_INIT;
		emit_flow(&sb, d->val);
		err = splice_set_key(sp, d->map, d->s, d->key, sb.buf);
		sbuf_release(&sb);
	}
	return err;
}

/* Merges a record present on both sides into our splice; false when it
 * conflicts (nothing added then). */
static bool merge_record(struct merger *m, struct splice *out,
    const struct ynode *on, const struct ynode *tn, const struct ynode *bn,
    const struct schema *s)
{
	struct decisions ds = { 0 };
	struct splice scratch;
	bool ok = merge_map(on, tn, bn, s, &ds);

	splice_init(&scratch, m->o);
	if (ok) {
		struct isms_error *err = apply_decisions(&scratch, &ds);
		ok = !err && !overlapping(&scratch);
		err_free(err);
	}
	if (ok)
		move_edits(out, &scratch);
	splice_release(&scratch);
	free(ds.v);
	return ok;
}

/* Lists of records. */

static const char *item_id(const struct ynode *item, const struct schema *s)
{
	const struct field *idf = schema_id_field(s);
	const struct ynode *v = idf && item->kind == YN_MAP ?
	    yn_get(item, idf->name) : NULL;
	return v && v->kind == YN_SCALAR && v->len ? v->str : NULL;
}

/* Indexes a list by id; false when an item has no id, or (unless
 * dups_ok) when an id repeats. */
static bool index_list(const struct ynode *seq, const struct schema *s,
    bool dups_ok, struct idmap *map)
{
	if (!seq || yn_is_null(seq))
		return true;
	if (seq->kind != YN_SEQ)
		return false;
	for (size_t i = 0; i < seq->n; i++) {
		const char *id = item_id(seq->kids[i], s);
		if (!id)
			return false;
		if (idmap_put(map, id, seq->kids[i]) && !dups_ok)
			return false;
	}
	return true;
}

static int cmp_ids(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	int c = id_cmp(a, b);
	return c ? c : strcmp(a, b);
}

static void collect_ids(const struct ynode *seq, const struct schema *s,
    const char ***ids, size_t *n, size_t *cap)
{
	for (size_t i = 0; seq && seq->kind == YN_SEQ && i < seq->n; i++) {
		GROW(*ids, *cap, *n + 1);
		(*ids)[(*n)++] = item_id(seq->kids[i], s);
	}
}

/* One id of a list; ov is our (block, non-empty) list. */
static void merge_item(struct merger *m, struct splice *sp,
    const struct ynode *oseq, const struct schema *s, const char *id,
    const struct ynode *on, const struct ynode *tn, const struct ynode *bn)
{
	const struct ydoc *o = m->o, *t = m->t;
	size_t os, oe, ts = 0, te = 0, tind = 0;

	if (tn) {
		splice_item_lines(t, tn, &ts, &te);
		tind = splice_item_indent(t, tn);
	}
	if (on && tn) {
		if (same(on, tn) || (bn && same(bn, tn)))
			return;
		if (!bn) {
			/* Both added this id, differently: keep both; `isms
			 * check` reports the duplicate with both places. */
			insert_theirs(m, sp, splice_record_pos(o, oseq, s, id),
			    ts, te, tind, splice_item_indent(o, on));
			return;
		}
		if (merge_record(m, sp, on, tn, bn, s))
			return;
		splice_item_lines(o, on, &os, &oe);
		conflict(m, sp, os, oe, ts, te, tind, splice_item_indent(o, on));
		return;
	}
	if (on) {
		if (!bn)
			return;                 /* added by us */
		splice_item_lines(o, on, &os, &oe);
		if (same(bn, on))
			splice_replace(sp, os, oe, "");   /* deleted by them */
		else
			conflict(m, sp, os, oe, 0, 0, 0, 0);
		return;
	}
	if (!tn || (bn && same(bn, tn)))
		return;                         /* deleted by us, or by both */
	size_t pos = splice_record_pos(o, oseq, s, id);
	size_t oind = splice_item_indent(o, oseq->kids[0]);
	if (bn)
		conflict(m, sp, pos, pos, ts, te, tind, oind);
	else
		insert_theirs(m, sp, pos, ts, te, tind, oind);
}

/* Merges a record list by id; false when it cannot be done record by
 * record (then the caller merges the list as one value). */
static bool merge_list(struct merger *m, const struct ynode *ov,
    const struct ynode *tv, const struct ynode *bv, const struct schema *s)
{
	struct idmap oi = { 0 }, ti = { 0 }, bi = { 0 };
	const char **ids = NULL;
	size_t n = 0, cap = 0;
	bool ok = ov->kind == YN_SEQ && !ov->flow && ov->n > 0 &&
	    (!tv || yn_is_null(tv) || (tv->kind == YN_SEQ &&
	    (!tv->flow || tv->n == 0))) &&
	    index_list(ov, s, true, &oi) && index_list(tv, s, false, &ti) &&
	    index_list(bv, s, false, &bi);

	if (ok) {
		collect_ids(ov, s, &ids, &n, &cap);
		collect_ids(tv, s, &ids, &n, &cap);
		collect_ids(bv, s, &ids, &n, &cap);
		qsort(ids, n, sizeof(*ids), cmp_ids);
		for (size_t i = 0; i < n; i++) {
			if (i && strcmp(ids[i], ids[i - 1]) == 0)
				continue;
			merge_item(m, &m->sp, ov, s, ids[i],
			    idmap_get(&oi, ids[i]), idmap_get(&ti, ids[i]),
			    idmap_get(&bi, ids[i]));
		}
	}
	free(ids);
	idmap_release(&oi);
	idmap_release(&ti);
	idmap_release(&bi);
	return ok;
}

/* Top-level keys. */

static const struct schema *list_schema(enum reg_file f, const char *key)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (coll_defs[c].file == f && strcmp(coll_defs[c].name, key) == 0)
			return coll_defs[c].schema;
	return NULL;
}

static void pair_lines(const struct ydoc *d, const struct ynode *map,
    const char *key, size_t *s, size_t *e)
{
	const struct ynode *k = yn_get_key(map, key);
	splice_pair_lines(d, k, yn_get(map, key), s, e);
}

/* Where a key of theirs that we lack goes: after the nearest key before it
 * in their file that we have, else before our first key. */
static size_t new_key_pos(const struct merger *m, size_t ti)
{
	size_t s, e;
	for (size_t j = ti; j-- > 0;) {
		const struct ynode *k = YN_KEY(m->T, j);
		if (k->kind == YN_SCALAR && yn_get_key(m->O, k->str)) {
			pair_lines(m->o, m->O, k->str, &s, &e);
			return e;
		}
	}
	return ydoc_line_start(m->o, YN_KEY(m->O, 0)->line);
}

static size_t key_indent(const struct ynode *map, const char *key)
{
	return yn_get_key(map, key)->col - 1;
}

static void merge_key(struct merger *m, const char *key)
{
	const struct schema *ls = list_schema(m->f, key);
	const struct ynode *ov = yn_get(m->O, key), *tv = yn_get(m->T, key);
	const struct ynode *bv = yn_get(m->B, key);
	bool theirs_has = yn_get_key(m->T, key) != NULL, list = ls != NULL;
	size_t os, oe, ts = 0, te = 0, ti = 0;

	if (ls && merge_list(m, ov, tv, bv, ls))
		return;
	if (same_v(ov, tv, list) || (!same_v(bv, ov, list) &&
	    same_v(bv, tv, list)))
		return;
	pair_lines(m->o, m->O, key, &os, &oe);
	if (theirs_has) {
		pair_lines(m->t, m->T, key, &ts, &te);
		ti = key_indent(m->T, key);
	}
	if (!same_v(bv, ov, list)) {
		conflict(m, &m->sp, os, oe, ts, te, ti, key_indent(m->O, key));
		return;
	}
	/* Only they changed it: their lines replace ours. */
	struct sbuf sb = SBUF_INIT;
	if (theirs_has)
		copy_lines(&sb, m->t, ts, te, ti, key_indent(m->O, key),
		    m->o->eol);
	splice_replace(&m->sp, os, oe, sb.buf);
	sbuf_release(&sb);
}

static void merge_new_key(struct merger *m, size_t ti)
{
	const struct ynode *k = YN_KEY(m->T, ti), *tv = YN_VAL(m->T, ti);
	bool list = list_schema(m->f, k->str) != NULL;
	const struct ynode *bv = yn_get(m->B, k->str);
	size_t ts, te, pos = new_key_pos(m, ti);
	size_t to = YN_KEY(m->O, 0)->col - 1;

	if (same_v(bv, tv, list))
		return;          /* we deleted it, they left it alone */
	splice_pair_lines(m->t, k, tv, &ts, &te);
	if (bv)
		conflict(m, &m->sp, pos, pos, ts, te, k->col - 1, to);
	else
		insert_theirs(m, &m->sp, pos, ts, te, k->col - 1, to);
}

static struct isms_error *parse(const char *name, const char *which,
    const char *text, size_t len, struct ydoc **doc)
{
	char *path = xasprintf("%s (%s)", name, which);
	struct isms_error *err = ydoc_parse(path, text, len, doc);
	free(path);
	return err;
}

static struct isms_error *not_mergeable(const struct ydoc *d)
{
	return err_at(EXIT_DATA, d->path, 1, 1,
	    "not a block mapping of register keys; merge it by hand");
}

static void copy_result(const char *text, size_t len, struct merge_result *out)
{
	out->text = xstrndup(text, len);
	out->len = len;
}

struct isms_error *merge_register(enum reg_file f, const char *base,
    size_t blen, const char *ours, size_t olen, const char *theirs,
    size_t tlen, struct merge_result *out)
{
	struct merger m = { .f = f };
	struct ydoc *b = NULL, *o = NULL, *t = NULL, *check = NULL;
	struct isms_error *err = NULL;
	const char *name = reg_defs[f].file;

	memset(out, 0, sizeof(*out));
	/* The cases git itself would settle, settled byte for byte. */
	if ((olen == tlen && memcmp(ours, theirs, olen) == 0) ||
	    (blen == tlen && memcmp(base, theirs, blen) == 0)) {
		copy_result(ours, olen, out);
		return NULL;
	}
	if (blen == olen && memcmp(base, ours, blen) == 0) {
		copy_result(theirs, tlen, out);
		return NULL;
	}
	if ((err = parse(name, "base", base, blen, &b)) ||
	    (err = parse(name, "ours", ours, olen, &o)) ||
	    (err = parse(name, "theirs", theirs, tlen, &t)))
		goto out;
	m.b = b;
	m.o = o;
	m.t = t;
	m.B = b->root && b->root->kind == YN_MAP ? b->root : NULL;
	m.O = o->root;
	m.T = t->root;
	if (!m.O || m.O->kind != YN_MAP || m.O->flow || !m.O->n) {
		err = not_mergeable(o);
		goto out;
	}
	if (m.T && m.T->kind != YN_MAP) {
		err = not_mergeable(t);
		goto out;
	}
	splice_init(&m.sp, o);
	for (size_t i = 0; i < YN_PAIRS(m.O); i++) {
		const struct ynode *k = YN_KEY(m.O, i);
		if (k->kind != YN_SCALAR) {
			err = not_mergeable(o);
			goto out;
		}
		merge_key(&m, k->str);
	}
	for (size_t i = 0; m.T && i < YN_PAIRS(m.T); i++) {
		const struct ynode *k = YN_KEY(m.T, i);
		if (k->kind == YN_SCALAR && !yn_get_key(m.O, k->str))
			merge_new_key(&m, i);
	}
	if (overlapping(&m.sp)) {
		err = err_new(EXIT_DATA, "%s: the changes overlap in a way "
		    "isms cannot merge; merge it by hand", name);
		goto out;
	}
	out->text = splice_apply(&m.sp, &out->len);
	out->conflicts = m.conflicts;
	/* A clean merge must read back as YAML; conflict markers do not. */
	if (!m.conflicts && (err = parse(name, "merged", out->text, out->len,
	    &check))) {
		free(out->text);
		memset(out, 0, sizeof(*out));
	}
out:
	if (m.sp.doc)
		splice_release(&m.sp);
	ydoc_free(b);
	ydoc_free(o);
	ydoc_free(t);
	ydoc_free(check);
	return err;
}
