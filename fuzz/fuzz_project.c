/*
 * Fuzz target: a whole project through project_load() and every check.
 *
 * The first byte picks a register of the bundled example project, the
 * second a few options; the rest replaces that register's text (a text override,
 * as a write session uses).  The project is loaded, validated (ids,
 * references, dependency cycles, methodology, catalog, ratings) and run
 * through every rule of `isms check`.  When it is usable, the outputs a
 * read command would make are built too: the records as JSON (which must
 * parse back), the status dashboard JSON (likewise), and on some inputs
 * the HTML or Markdown report.  The same project loaded streamed, as a
 * read command loads it, must give the same problems at the same places
 * and the same records.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "isms/assess.h"
#include "isms/check.h"
#include "isms/json.h"
#include "isms/recout.h"
#include "isms/report.h"
#include "isms/status.h"

static void json_must_parse(const struct sbuf *sb, size_t from)
{
	struct json_value *v = NULL;
	struct isms_error *err = json_parse(sb->buf + from, sb->len - from, &v);
	fuzz_assert(err == NULL);
	json_value_free(v);
}

/* Appends the records as JSON to sb. */
static void records_json(const struct project *p, struct sbuf *sb)
{
	size_t from = sb->len;
	struct json_writer w;
	json_init(&w, sb, false);
	json_begin_array(&w);
	for (int c = 0; c < COL_COUNT; c++) {
		const struct reclist *l = project_list(p, c);
		for (size_t i = 0; i < l->n; i++) {
			json_begin_object(&w);
			recout_json_fields(&w, coll_defs[c].schema, l->v[i]);
			json_end_object(&w);
		}
	}
	json_end_array(&w);
	json_release(&w);
	json_must_parse(sb, from);
}

static void diags_text(const struct diags *d, struct sbuf *out)
{
	for (size_t i = 0; i < d->n; i++)
		sbuf_addf(out, "%s:%u:%u %d %s %s\n", d->v[i].file, d->v[i].line,
		    d->v[i].col, d->v[i].fatal, d->v[i].rule, d->v[i].msg);
}

/* What a read command sees of the streamed project is the whole one's. */
static void same_streamed(const struct project *p, const struct diags *problems,
    bool usable, const char *text, size_t len, enum reg_file f)
{
	struct sbuf want = SBUF_INIT, got = SBUF_INIT;
	struct diags d = DIAGS_INIT;
	char *copy = xstrndup(text, len);
	struct project *q = fuzz_example_load(f, copy, len, true);
	fuzz_assert(q != NULL);
	check_project(q, &d);
	diags_text(problems, &want);
	diags_text(&d, &got);
	if (usable) {
		records_json(p, &want);
		records_json(q, &got);
	}
	fuzz_assert(want.len == got.len && memcmp(want.buf, got.buf,
	    want.len) == 0);
	diags_release(&d);
	project_free(q);
	free(copy);
	sbuf_release(&want);
	sbuf_release(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	enum reg_file f = (enum reg_file)(data[0] % REG_COUNT);
	unsigned report = data[1] >> 4;
	struct project *p = fuzz_example(f, (const char *)data + 2, size - 2);
	fuzz_assert(p != NULL);

	struct diags problems = DIAGS_INIT;
	check_project(p, &problems);
	struct isms_error *unusable = project_usable(p);
	same_streamed(p, &problems, !unusable, (const char *)data + 2,
	    size - 2, f);
	if (!unusable) {
		const struct assessment *a = project_assessment(p);
		struct status st;
		struct sbuf sb = SBUF_INIT;
		status_compute(p, a, &problems, &st);
		status_json(&st, &sb);
		json_must_parse(&sb, 0);
		sbuf_reset(&sb);
		status_text(&st, report & 1, &sb);
		status_release(&st);
		if (report >= 14) {
			struct report_opts o = { report == 14 ? FMT_HTML : FMT_MD,
				REPORT_ALL, false };
			sbuf_reset(&sb);
			report_build(p, &o, &sb);
		}
		sbuf_release(&sb);
	}
	err_free(unusable);
	diags_release(&problems);
	project_free(p);
	return 0;
}
