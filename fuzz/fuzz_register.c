/*
 * Fuzz target: the register parser and the schema loader.
 *
 * The input is one register's bytes.  It goes through ydoc_parse() (the
 * located YAML tree, with its limits on anchors, depth, size, NUL bytes
 * and encodings) and, when it parses, through the schema of every
 * register type the way project_load() reads a top-level register, so
 * every type, enum, date and nested-record check meets hostile input.
 * Properties: every diagnostic has a message and a position inside the
 * text, and every node position lies inside the text.
 */
#include "fuzz.h"

#include <string.h>

#include "isms/schema.h"

static void check_node(const struct ydoc *doc, const struct ynode *n,
    int depth)
{
	fuzz_assert(depth <= YAML_MAX_DEPTH + 1);
	fuzz_assert(n->line >= 1 && n->line <= doc->nlines + 1);
	fuzz_assert(ydoc_offset(doc, n->line, n->col) <= doc->len);
	if (n->kind == YN_SCALAR) {
		fuzz_assert(n->str != NULL && strlen(n->str) == n->len);
		return;
	}
	fuzz_assert(n->kind != YN_MAP || n->n % 2 == 0);
	for (size_t i = 0; i < n->n; i++)
		check_node(doc, n->kids[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc *doc = NULL;
	struct isms_error *err = ydoc_parse("fuzz.yaml", (const char *)data,
	    size, &doc);
	if (err) {
		fuzz_assert(err->msg != NULL && err->code == EXIT_DATA);
		err_free(err);
		return 0;
	}
	if (doc->root)
		check_node(doc, doc->root, 0);
	for (int f = 0; f < REG_COUNT && doc->root &&
	    doc->root->kind == YN_MAP; f++) {
		struct arena a = { 0 };
		struct diags d = DIAGS_INIT;
		struct load_ctx ctx = { reg_defs[f].file, &a, &d };
		schema_load(reg_defs[f].schema, doc->root, &ctx);
		for (size_t i = 0; i < d.n; i++)
			fuzz_assert(d.v[i].msg && d.v[i].rule &&
			    d.v[i].line <= doc->nlines + 1);
		diags_release(&d);
		arena_free(&a);
	}
	ydoc_free(doc);
	return 0;
}
