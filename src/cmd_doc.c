/*
 * isms doc: the documented information the ISMS controls (5.2, 7.5).
 *
 * The shared register verbs over documents.yaml, plus `approve`, which
 * records an approval (status, approver, date) in one change.  Computed:
 * whether a document is unapproved or past its review date (pdca.h), and,
 * in `show`, the SoA controls whose evidence cites it, so that withdrawing
 * a document shows what loses its evidence.
 */
#include "cmd_pdca.h"

#include <string.h>

static void state_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	bool late = pdca_document_review_overdue(p, rec);
	bool draft = pdca_document_unapproved(rec);
	sbuf_addf(out, "%s%s%s", late ? "review-overdue" : "",
	    late && draft ? ", " : "", draft ? "unapproved" : "");
}

static void doc_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	json_kv_bool(w, "unapproved", pdca_document_unapproved(rec));
	json_kv_bool(w, "review_overdue", pdca_document_review_overdue(p, rec));
}

/* SoA controls whose evidence cites the document. */
static void evidence_for(const struct project *p, const char *id,
    struct sbuf *out)
{
	const struct reclist *l = &p->soa->controls;
	char cited[64];
	for (size_t k = 0; k < l->n; k++) {
		const struct soa_control *c = l->v[k];
		for (size_t j = 0; j < c->evidence.n; j++) {
			if (pdca_evidence_document(c->evidence.v[j], cited,
			    sizeof(cited)) && strcmp(cited, id) == 0) {
				sbuf_addf(out, "%s%s", out->len ? ", " : "",
				    c->id);
				break;
			}
		}
	}
}

static void doc_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct document *doc = rec;
	struct sbuf sb = SBUF_INIT;
	if (pdca_document_unapproved(doc))
		detail_add(d, "unapproved", "yes");
	if (pdca_document_review_overdue(p, doc))
		detail_add(d, "review overdue", "yes");
	if (doc->id)
		evidence_for(p, doc->id, &sb);
	if (sb.len)
		detail_add(d, "SoA evidence for", sb.buf);
	sbuf_release(&sb);
}

static bool doc_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	if (arg_flag(ctx, "overdue") && !pdca_document_review_overdue(p, rec))
		return false;
	return !arg_flag(ctx, "unapproved") || pdca_document_unapproved(rec);
}

static const struct column doc_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "kind", "kind", NULL, false, false },
	{ "version", "version", NULL, false, false },
	{ "owner", "owner", NULL, false, true },
	{ "status", "status", NULL, false, false },
	{ "review", "review", NULL, false, false },
	{ "state", NULL, state_cell, false, false },
};

static const struct view doc_view = {
	.coll = COL_DOCUMENTS,
	.cols = doc_cols,
	.ncols = ARRAY_SIZE(doc_cols),
	.json_extra = doc_json,
	.show_extra = doc_show_extra,
	.filter = doc_filter,
};

/* approve ID --by NAME [--date D] [--version V] [--review D] */
static struct isms_error *doc_approve(struct ctx *ctx)
{
	struct session s;
	struct isms_error *err;
	const char *id = ctx->args.pos[0];
	const char *by = arg_get(ctx, "by");
	const char *version = arg_get(ctx, "version");
	const char *review = arg_get(ctx, "review");
	char day[11];

	memset(&s, 0, sizeof(s));
	s.lock.fd = -1;
	if (!by || !*by)
		return err_new(EXIT_USAGE, "doc approve: --by NAME is required");
	if ((err = pdca_date_opt(ctx, "date", day)))
		return err;
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_DOCUMENTS)))
		goto out;
	if ((err = session_set(&s, COL_DOCUMENTS, id, "status", "approved")) ||
	    (err = session_set(&s, COL_DOCUMENTS, id, "approved_by", by)) ||
	    (err = session_set(&s, COL_DOCUMENTS, id, "approved_on", day)))
		goto out;
	if ((version && (err = session_set(&s, COL_DOCUMENTS, id, "version",
	    version))) || (review && (err = session_set(&s, COL_DOCUMENTS, id,
	    "review", review))))
		goto out;
	err = session_commit(&s);
out:
	session_end(&s);
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "overdue", 0, "only documents past their review date" },
	{ "unapproved", 0, "only drafts and documents lacking approval" },
	{ NULL, 0, NULL },
};

static const struct optspec approve_opts[] = {
	{ "by", OPT_ARG, "who approved it (required)" },
	{ "date", OPT_ARG, "approval date (default today)" },
	{ "version", OPT_ARG, "the version approved" },
	{ "review", OPT_ARG, "next review date" },
	{ NULL, 0, NULL },
};

static const struct verb doc_verbs[] = {
	{ "add", "--title TEXT [--FIELD VALUE...]",
	    "add a document; prints its id", NULL, rec_add_verb, VERB_FIELDS, 0, 0,
	    COL_DOCUMENTS, &doc_view },
	{ "list", "[--kind K] [--status S] [--overdue] [--unapproved] "
	    "[--sort KEY]", "list documents", list_opts, rec_list_verb,
	    VERB_FIELDS, 0, 0, COL_DOCUMENTS, &doc_view },
	PDCA_VERB_ROWS(doc_view, COL_DOCUMENTS, "a document", "documents"),
	{ "approve", "ID --by NAME [--date D] [--version V] [--review D]",
	    "record the approval of a document", approve_opts, doc_approve, 0,
	    1, 1, COL_DOCUMENTS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_doc = {
	.name = "doc",
	.summary = "documented information: policies, procedures, records (7.5)",
	.flags = CMD_PROJECT,
	.verbs = doc_verbs,
};
