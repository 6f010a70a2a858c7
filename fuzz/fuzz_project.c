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
 * the HTML or Markdown report.
 */
#include "fuzz.h"

#include "isms/assess.h"
#include "isms/check.h"
#include "isms/json.h"
#include "isms/recout.h"
#include "isms/report.h"
#include "isms/status.h"

static void json_must_parse(const struct sbuf *sb)
{
	struct json_value *v = NULL;
	struct isms_error *err = json_parse(sb->buf, sb->len, &v);
	fuzz_assert(err == NULL);
	json_value_free(v);
}

static void records_json(const struct project *p)
{
	struct sbuf sb = SBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
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
	json_must_parse(&sb);
	sbuf_release(&sb);
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
	if (!unusable) {
		records_json(p);
		const struct assessment *a = project_assessment(p);
		struct status st;
		struct sbuf sb = SBUF_INIT;
		status_compute(p, a, &problems, &st);
		status_json(&st, &sb);
		json_must_parse(&sb);
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
