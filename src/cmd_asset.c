/*
 * isms asset: the asset register (A.5.9).
 *
 * Everything but the view is the shared register verbs; what is particular
 * to assets is the computed value (the methodology's asset_value rule over
 * the effective C, I, A) and the effective figures themselves, which show
 * what an asset inherits from the assets that depend on it.
 */
#include "cmd_common.h"

#include "isms/json.h"
#include "isms/output.h"

#include <stdlib.h>

static size_t asset_index(const struct project *p, const void *rec)
{
	return (size_t)project_index_of(p, COL_ASSETS, rec);
}

static void value_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	char buf[32];
	sbuf_adds(out, fmt_num(project_asset_value(p, asset_index(p, rec)), buf));
}

static void effective_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct cia *e = &p->effective[asset_index(p, rec)];
	sbuf_addf(out, "%d/%d/%d", e->c, e->i, e->a);
}

static void asset_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct cia *e = &p->effective[asset_index(p, rec)];
	json_key(w, "effective");
	json_begin_object(w);
	json_kv_int(w, "c", e->c);
	json_kv_int(w, "i", e->i);
	json_kv_int(w, "a", e->a);
	json_end_object(w);
	json_kv_number(w, "value", project_asset_value(p, asset_index(p, rec)));
}

static void asset_show(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct asset *a = rec;
	const struct cia *e = &p->effective[asset_index(p, rec)];
	struct sbuf dep = SBUF_INIT;
	struct referrer *refs = NULL;
	size_t n = project_referrers(p, COL_ASSETS, a->id, &refs);

	for (size_t i = 0; i < n; i++)
		if (refs[i].coll == COL_ASSETS)
			sbuf_addf(&dep, "%s%s", dep.len ? ", " : "",
			    ((const struct asset *)refs[i].rec)->id);
	detail_addf(d, "effective", "c %d, i %d, a %d", e->c, e->i, e->a);
	detail_add_num(d, "value", project_asset_value(p, asset_index(p, rec)));
	if (dep.len)
		detail_add(d, "depended on by", dep.buf);
	sbuf_reset(&dep);
	for (size_t i = 0; i < n; i++)
		if (refs[i].coll == COL_RISKS)
			sbuf_addf(&dep, "%s%s", dep.len ? ", " : "",
			    ((const struct risk *)refs[i].rec)->id);
	if (dep.len)
		detail_add(d, "risks", dep.buf);
	sbuf_release(&dep);
	free(refs);
}

static const struct column asset_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "name", "name", NULL, false, true },
	{ "type", "type", NULL, false, false },
	{ "owner", "owner", NULL, false, true },
	{ "classification", "classification", NULL, false, false },
	{ "c", "c", NULL, true, false },
	{ "i", "i", NULL, true, false },
	{ "a", "a", NULL, true, false },
	{ "effective", NULL, effective_cell, false, false },
	{ "value", NULL, value_cell, true, false },
};

static const struct view asset_view = {
	.coll = COL_ASSETS,
	.cols = asset_cols,
	.ncols = ARRAY_SIZE(asset_cols),
	.json_extra = asset_json,
	.show_extra = asset_show,
};

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ NULL, 0, NULL },
};

static const struct verb asset_verbs[] = {
	{ "add", "--name NAME [--FIELD VALUE...]", "add an asset; prints its id",
	    NULL, rec_add_verb, VERB_FIELDS, 0, 0, COL_ASSETS, &asset_view },
	{ "list", "[--type T] [--owner O] [--classification C] [--sort KEY]",
	    "list assets with their computed value", list_opts, rec_list_verb,
	    VERB_FIELDS, 0, 0, COL_ASSETS, &asset_view },
	{ "show", "ID", "show one asset, its effective C/I/A, value and risks",
	    NULL, rec_show_verb, 0, 1, 1, COL_ASSETS, &asset_view },
	{ "set", "ID KEY=VALUE...", "change fields (KEY= removes one)", NULL,
	    rec_set_verb, 0, 2, -1, COL_ASSETS, &asset_view },
	{ "rm", "ID", "remove an asset nothing references", NULL, rec_rm_verb, 0,
	    1, 1, COL_ASSETS, &asset_view },
	{ "import", "FILE.csv", "add assets from CSV (all or nothing)", NULL,
	    rec_import_verb, 0, 1, 1, COL_ASSETS, &asset_view },
	{ "export", "[--format csv|json|yaml|md]", "every asset, every field",
	    NULL, rec_export_verb, 0, 0, 0, COL_ASSETS, &asset_view },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_asset = {
	.name = "asset",
	.summary = "the asset register (A.5.9)",
	.flags = CMD_PROJECT,
	.verbs = asset_verbs,
};
