/*
 * Rules over a loaded project.  Each rule reads the typed records and adds
 * diagnostics at the node that is wrong, so the message points at the line
 * a person has to change.
 */
#include "isms/check.h"

#include <string.h>

#define R_ASSET_OWNER "asset-owner"

static void rule_asset_owner(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->assets->assets;
	const struct schema *s = coll_defs[COL_ASSETS].schema;
	for (size_t i = 0; i < l->n; i++) {
		const struct asset *a = l->v[i];
		bool in_scope = !rec_has(a, s, "in_scope") || a->in_scope;
		if (in_scope && (!a->owner || !*a->owner))
			diag_add(out, SEV_ERROR, R_ASSET_OWNER, "assets.yaml",
			    a->r.node, "asset %s is in scope but has no owner",
			    a->id ? a->id : "?");
	}
}

const struct rule core_rules[] = {
	{ "yaml-syntax", SEV_ERROR, "the file is not valid YAML", NULL },
	{ "missing-file", SEV_ERROR, "isms.yaml is missing", NULL },
	{ "bad-version", SEV_ERROR, "a register's version is not 1", NULL },
	{ "unknown-key", SEV_ERROR, "a key the register does not define", NULL },
	{ "duplicate-key", SEV_ERROR, "a key given twice in one mapping", NULL },
	{ "missing-field", SEV_ERROR, "a required field is absent", NULL },
	{ "wrong-type", SEV_ERROR, "a value of the wrong type", NULL },
	{ "bad-value", SEV_ERROR, "a value outside its allowed set", NULL },
	{ "bad-date", SEV_ERROR, "a date that is not YYYY-MM-DD", NULL },
	{ "duplicate-id", SEV_ERROR, "two records with the same id", NULL },
	{ "missing-ref", SEV_ERROR, "a reference to a record that does not exist",
	    NULL },
	{ "dependency-cycle", SEV_ERROR, "assets whose depends_on form a cycle",
	    NULL },
	{ "methodology", SEV_ERROR, "a risk methodology that cannot work", NULL },
	{ "catalog", SEV_ERROR, "a control catalog that cannot be found or read",
	    NULL },
	{ "rating", SEV_ERROR, "a rating off the methodology's scales", NULL },
	{ R_ASSET_OWNER, SEV_ERROR, "an in-scope asset without an owner",
	    rule_asset_owner },
	{ NULL, SEV_ERROR, NULL, NULL },
};

const struct rule *const rule_tables[] = { core_rules, risk_rules, soa_rules,
	audit_rules, pdca_rules, hygiene_rules, NULL };

void rules_each(void (*fn)(const struct rule *r, void *arg), void *arg)
{
	for (size_t t = 0; rule_tables[t]; t++)
		for (const struct rule *r = rule_tables[t]; r->id; r++)
			fn(r, arg);
}

const struct rule *rule_find(const char *id)
{
	for (size_t t = 0; rule_tables[t]; t++)
		for (const struct rule *r = rule_tables[t]; r->id; r++)
			if (strcmp(r->id, id) == 0)
				return r;
	return NULL;
}

static void copy_diag(struct diags *out, const struct diag *d)
{
	GROW(out->v, out->cap, out->n + 1);
	struct diag *g = &out->v[out->n++];
	*g = *d;
	g->file = xstrdup(d->file);
	g->msg = xstrdup(d->msg);
}

void check_project(const struct project *p, struct diags *out)
{
	for (size_t i = 0; i < p->diags.n; i++)
		copy_diag(out, &p->diags.v[i]);
	/* Judging the ISMS on registers that did not load would only add
	 * noise to the real problem. */
	if (!diags_first_fatal(&p->diags))
		for (size_t t = 0; rule_tables[t]; t++)
			for (const struct rule *r = rule_tables[t]; r->id; r++)
				if (r->run)
					r->run(p, out);
	diags_sort(out);
}
