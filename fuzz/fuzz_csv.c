/*
 * Fuzz target: the CSV importer.
 *
 * The first byte picks the collection to import into; the rest is the
 * CSV file.  It is read by csvread_mem() (encoding, quoting, row numbers)
 * and validated by import_validate() (cmd_common.c: header mapping, field
 * texts, ids, per-row schema and methodology checks, references) against
 * the bundled example project, exactly as `isms COLLECTION import` does.
 * A batch that validates is then added to the register text with the
 * splice writer and the project is loaded again from that text, which is
 * the check a commit makes before writing; the text must parse.
 */
#include "fuzz.h"

#include <stdlib.h>

#include "isms/csvread.h"
#include "isms/splice.h"
#include "../src/cmd_common.h"

static struct project *example;

static void add_batch(enum collection c, const struct import_batch *b)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct ydoc *doc = example->files[cd->file].doc;
	struct splice sp;
	struct isms_error *err = NULL;
	if (!doc)
		return;
	splice_init(&sp, doc);
	for (size_t i = 0; i < b->n && !err; i++)
		err = splice_add_record(&sp, doc->root, cd->name, cd->schema,
		    b->rows[i].fields, b->rows[i].n, b->rows[i].id);
	if (!err) {
		size_t len;
		char *text = splice_apply(&sp, &len);
		struct ydoc *d = NULL;
		struct isms_error *perr = ydoc_parse("edited", text, len, &d);
		fuzz_assert(perr == NULL);
		ydoc_free(d);
		struct project *p = fuzz_example(cd->file, text, len);
		fuzz_assert(p != NULL);
		project_free(p);
		free(text);
	}
	err_free(err);
	splice_release(&sp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!example)
		example = fuzz_example(REG_COUNT, NULL, 0);
	fuzz_assert(example != NULL);
	enum collection c = (enum collection)(data[0] % COL_COUNT);
	struct csvread *csv = NULL;
	struct isms_error *err = csvread_mem((const char *)data + 1, size - 1,
	    "fuzz.csv", &csv);
	if (err) {
		fuzz_assert(err->code == EXIT_DATA && err->msg);
		err_free(err);
		return 0;
	}
	struct import_batch b;
	err = import_validate(example, c, csv, &b);
	if (!err)
		add_batch(c, &b);
	err_free(err);
	import_batch_release(&b);
	csvread_free(csv);
	return 0;
}
