/*
 * Fuzz target: the splice writer under random edit sequences.
 *
 * The input is an assets.yaml text, a 0xFF byte (never part of UTF-8
 * text), and edit operations; without a 0xFF the whole input is
 * operations on a small default register.  A text that loads without a
 * problem becomes the model: its records' ids, names, owners and c
 * values.  Each operation (add a record, set name, owner or c, remove
 * owner or c, remove a record) is made through the splice API on the
 * current text and on the model; the edited text must then parse and load,
 * with no problem, to exactly the records the model holds.  It is the
 * property test of tests/unit/test_splice.c with the fuzzer choosing the
 * starting text, the values and the sequence.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/schema.h"
#include "isms/splice.h"

#define MAX_RECS 256
#define MAX_STEPS 32

struct mrec {
	char *id, *name, *owner; /* owner NULL when absent */
	long c;                  /* -1 when absent */
};

struct model {
	struct mrec v[MAX_RECS];
	size_t n;
};

struct cursor {
	const uint8_t *p, *end;
};

static unsigned next_byte(struct cursor *cu)
{
	return cu->p < cu->end ? *cu->p++ : 0;
}

/* A value of up to 31 bytes; NULL when it could not be a one-line name. */
static char *next_string(struct cursor *cu)
{
	size_t len = next_byte(cu) % 32;
	if ((size_t)(cu->end - cu->p) < len)
		len = (size_t)(cu->end - cu->p);
	const char *s = (const char *)cu->p;
	cu->p += len;
	if (memchr(s, '\0', len) || memchr(s, '\n', len) ||
	    memchr(s, '\r', len) || !utf8_valid(s, len))
		return NULL;
	return xstrndup(s, len);
}

static void mrec_free(struct mrec *r)
{
	free(r->id);
	free(r->name);
	free(r->owner);
}

static const struct schema *file_schema(void)
{
	return reg_defs[REG_ASSETS].schema;
}

static const struct schema *asset_schema(void)
{
	return coll_defs[COL_ASSETS].schema;
}

/* Loads text; false when it does not parse or has any problem. */
static bool load(const char *text, size_t len, struct ydoc **doc,
    struct arena *a, struct assets_file **out)
{
	struct diags d = DIAGS_INIT;
	struct isms_error *err = ydoc_parse("assets.yaml", text, len, doc);
	*out = NULL;
	if (err) {
		err_free(err);
		return false;
	}
	if (!(*doc)->root || (*doc)->root->kind != YN_MAP)
		return false;
	struct load_ctx ctx = { "assets.yaml", a, &d };
	*out = schema_load(file_schema(), (*doc)->root, &ctx);
	bool ok = d.n == 0;
	diags_release(&d);
	return ok;
}

static const struct asset *find(const struct assets_file *f, const char *id)
{
	for (size_t i = 0; i < f->assets.n; i++) {
		const struct asset *r = f->assets.v[i];
		if (strcmp(r->id, id) == 0)
			return r;
	}
	return NULL;
}

static void compare(const struct assets_file *f, const struct model *m)
{
	const struct schema *s = asset_schema();
	fuzz_assert(f->assets.n == m->n);
	for (size_t i = 0; i < m->n; i++) {
		const struct asset *r = find(f, m->v[i].id);
		fuzz_assert(r != NULL);
		fuzz_assert(strcmp(r->name, m->v[i].name) == 0);
		fuzz_assert(rec_has(r, s, "owner") == (m->v[i].owner != NULL));
		if (m->v[i].owner)
			fuzz_assert(strcmp(r->owner, m->v[i].owner) == 0);
		fuzz_assert(rec_has(r, s, "c") == (m->v[i].c >= 0));
		if (m->v[i].c >= 0)
			fuzz_assert(r->c == m->v[i].c);
	}
}

/* The model from a loaded register; false when ids repeat. */
static bool model_from(const struct assets_file *f, struct model *m)
{
	const struct schema *s = asset_schema();
	m->n = 0;
	if (f->assets.n > MAX_RECS)
		return false;
	for (size_t i = 0; i < f->assets.n; i++) {
		const struct asset *r = f->assets.v[i];
		for (size_t k = 0; k < m->n; k++)
			if (id_cmp(m->v[k].id, r->id) == 0)
				return false;
		m->v[m->n++] = (struct mrec){ xstrdup(r->id),
			xstrdup(r->name),
			rec_has(r, s, "owner") ? xstrdup(r->owner) : NULL,
			rec_has(r, s, "c") ? r->c : -1 };
	}
	return true;
}

static char *field_value(const char *key, const char *arg)
{
	struct field_text ft;
	const struct field *f = schema_field(asset_schema(), key);
	struct isms_error *err = field_text_from_arg(f, arg, &ft);
	if (err) {
		err_free(err);
		return NULL;
	}
	char *t = ft.text;
	ft.text = NULL;
	field_text_release(&ft);
	return t;
}

static bool set(struct splice *sp, const struct ynode *map, const char *key,
    const char *arg)
{
	char *v = field_value(key, arg);
	if (!v)
		return false;
	struct isms_error *err = splice_set_key(sp, map, asset_schema(), key, v);
	free(v);
	if (err) {
		err_free(err);
		return false;
	}
	return true;
}

static bool add(struct splice *sp, const struct ynode *top, const char *id,
    const char *name, long c)
{
	struct field_text ft[3];
	size_t n = 0;
	char cbuf[24];
	const char *keys[3] = { "id", "name", "c" };
	const char *vals[3] = { id, name, cbuf };
	snprintf(cbuf, sizeof(cbuf), "%ld", c);
	bool ok = true;
	for (size_t i = 0; i < (c >= 0 ? 3u : 2u) && ok; i++) {
		const struct field *f = schema_field(asset_schema(), keys[i]);
		struct isms_error *err = field_text_from_arg(f, vals[i], &ft[n]);
		if (err) {
			err_free(err);
			ok = false;
		} else {
			n++;
		}
	}
	if (ok) {
		struct isms_error *err = splice_add_record(sp, top, "assets",
		    asset_schema(), ft, n, id);
		if (err) {
			err_free(err);
			ok = false;
		}
	}
	for (size_t i = 0; i < n; i++)
		field_text_release(&ft[i]);
	return ok;
}

static bool id_taken(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (id_cmp(m->v[i].id, id) == 0)
			return true;
	return false;
}

/* One operation on doc and on the model; false when it was not made. */
static bool step(struct cursor *cu, const struct ydoc *doc,
    const struct assets_file *f, struct splice *sp, struct model *m)
{
	unsigned op = next_byte(cu) % 6;
	if (op == 0 || m->n == 0) {
		if (m->n >= MAX_RECS)
			return false;
		char id[16];
		snprintf(id, sizeof(id), "A-%03u", next_byte(cu) * 4 +
		    next_byte(cu) % 4);
		char *name = next_string(cu);
		long c = (long)(next_byte(cu) % 7) - 1;
		if (!name || id_taken(m, id) || !add(sp, doc->root, id, name, c)) {
			free(name);
			return false;
		}
		m->v[m->n++] = (struct mrec){ xstrdup(id), name, NULL, c };
		return true;
	}
	size_t i = next_byte(cu) % m->n;
	const struct asset *r = find(f, m->v[i].id);
	const struct ynode *node = r->r.node;
	char *s = NULL;
	switch (op) {
	case 1:
	case 2:
		if (!(s = next_string(cu)) ||
		    !set(sp, node, op == 1 ? "name" : "owner", s)) {
			free(s);
			return false;
		}
		free(op == 1 ? m->v[i].name : m->v[i].owner);
		*(op == 1 ? &m->v[i].name : &m->v[i].owner) = s;
		return true;
	case 3: {
		char cbuf[8];
		long c = next_byte(cu) % 6;
		snprintf(cbuf, sizeof(cbuf), "%ld", c);
		if (!set(sp, node, "c", cbuf))
			return false;
		m->v[i].c = c;
		return true;
	}
	case 4: {
		bool owner = next_byte(cu) & 1;
		struct isms_error *err = splice_remove_key(sp, node,
		    owner ? "owner" : "c");
		if (err) {
			err_free(err);
			return false;
		}
		if (owner) {
			free(m->v[i].owner);
			m->v[i].owner = NULL;
		} else {
			m->v[i].c = -1;
		}
		return true;
	}
	default: {
		struct isms_error *err = splice_remove_item(sp, doc->root,
		    "assets", r->r.index);
		if (err) {
			err_free(err);
			return false;
		}
		mrec_free(&m->v[i]);
		memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof(m->v[0]));
		m->n--;
		return true;
	}
	}
}

static const char default_text[] =
    "# Assets\nversion: 1\nassets:\n"
    "  - id: A-010\n    name: Laptop   # a comment\n    owner: IT\n"
    "  - {id: A-020, name: 'Patient records', c: 5}\n"
    "  # trailing comment\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = memchr(data, 0xFF, size);
	const char *text = sep ? (const char *)data : default_text;
	size_t len = sep ? (size_t)(sep - data) : sizeof(default_text) - 1;
	struct cursor cu = { sep ? sep + 1 : data, data + size };
	struct model m = { .n = 0 };
	struct ydoc *doc = NULL;
	struct arena a = { 0 };
	struct assets_file *f;
	struct sbuf cur = SBUF_INIT;

	if (!load(text, len, &doc, &a, &f) || !model_from(f, &m))
		goto out;
	sbuf_add(&cur, text, len);
	for (int n = 0; n < MAX_STEPS && cu.p < cu.end; n++) {
		struct splice sp;
		splice_init(&sp, doc);
		bool made = step(&cu, doc, f, &sp, &m);
		size_t outlen;
		char *out = splice_apply(&sp, &outlen);
		splice_release(&sp);
		if (!made)
			fuzz_assert(outlen == doc->len &&
			    memcmp(out, doc->src, outlen) == 0);
		ydoc_free(doc);
		arena_free(&a);
		doc = NULL;
		bool ok = load(out, outlen, &doc, &a, &f);
		if (!ok)
			fprintf(stderr, "edited text does not load:\n%s\n", out);
		fuzz_assert(ok);
		compare(f, &m);
		free(out);
	}
out:
	for (size_t i = 0; i < m.n; i++)
		mrec_free(&m.v[i]);
	sbuf_release(&cur);
	ydoc_free(doc);
	arena_free(&a);
	return 0;
}
