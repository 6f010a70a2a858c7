/*
 * Audit programme computations: scope expansion, coverage, checklists and
 * finding states.  See include/isms/audit.h for the rules they follow.
 *
 * Registers and catalogs are small (tens of audits, about 140 clauses and
 * controls), so coverage walks items x audits x scope entries directly;
 * what matters is that every judgement is made in one place, so the
 * commands, the check rules and the report all say the same thing.
 */
#include "isms/audit.h"

#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/soa.h"

void audit_ids_release(struct audit_ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = ids->cap = 0;
}

static bool ids_has(const struct audit_ids *ids, const char *id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (strcmp(ids->v[i], id) == 0)
			return true;
	return false;
}

static void ids_add(struct audit_ids *ids, const char *id)
{
	if (ids_has(ids, id))
		return;
	GROW(ids->v, ids->cap, ids->n + 1);
	ids->v[ids->n++] = id;
}

/* Catalog ids of one kind, by position. */
static size_t kind_count(const struct catalog *c, enum audit_item_kind k)
{
	return k == AI_CLAUSE ? catalog_clause_count(c) : catalog_count(c);
}

static const char *kind_id(const struct catalog *c, enum audit_item_kind k,
    size_t i)
{
	return k == AI_CLAUSE ? catalog_clause(c, i)->id :
	    catalog_control(c, i)->id;
}

static long kind_index(const struct catalog *c, enum audit_item_kind k,
    const char *id)
{
	for (size_t i = 0; i < kind_count(c, k); i++)
		if (strcmp(kind_id(c, k, i), id) == 0)
			return (long)i;
	return -1;
}

/* Length of the parent part of an id: "6.1.2" -> 3 ("6.1"), "6" -> 0. */
static size_t parent_len(const char *id)
{
	const char *dot = strrchr(id, '.');
	return dot ? (size_t)(dot - id) : 0;
}

static bool same_parent(const char *a, const char *b)
{
	size_t n = parent_len(a);
	return n == parent_len(b) && strncmp(a, b, n) == 0;
}

static const char *kind_name(enum audit_item_kind k)
{
	return k == AI_CLAUSE ? "clause" : "control";
}

static struct isms_error *add_range(const struct catalog *c,
    enum audit_item_kind k, const char *a, const char *b,
    struct audit_ids *out)
{
	long from = kind_index(c, k, a), to = kind_index(c, k, b);
	if (!same_parent(a, b))
		return err_new(EXIT_USAGE, "%s range %s-%s: both ends must be "
		    "at the same level (4-10, 5.15-5.18)", kind_name(k), a, b);
	if (from > to)
		return err_new(EXIT_USAGE, "%s range %s-%s runs backwards",
		    kind_name(k), a, b);
	for (long i = from; i <= to; i++) {
		const char *id = kind_id(c, k, (size_t)i);
		if (same_parent(id, a))
			ids_add(out, id);
	}
	return NULL;
}

static struct isms_error *add_token(const struct catalog *c,
    enum audit_item_kind k, const char *tok, struct audit_ids *out)
{
	long i = kind_index(c, k, tok);
	if (i >= 0) {
		ids_add(out, kind_id(c, k, (size_t)i));
		return NULL;
	}
	/* A range: split at the hyphen whose two sides are both ids, since
	 * project catalogs may use hyphens inside ids (GV.OC-01). */
	for (const char *h = strchr(tok, '-'); h; h = strchr(h + 1, '-')) {
		char *a = xstrndup(tok, (size_t)(h - tok));
		long ia = kind_index(c, k, a), ib = kind_index(c, k, h + 1);
		struct isms_error *err = NULL;
		if (ia >= 0 && ib >= 0)
			err = add_range(c, k, kind_id(c, k, (size_t)ia),
			    kind_id(c, k, (size_t)ib), out);
		free(a);
		if (ia >= 0 && ib >= 0)
			return err;
	}
	return err_new(EXIT_DATA, "%s '%s' is not in catalog %s", kind_name(k),
	    tok, catalog_name(c));
}

struct isms_error *audit_scope_parse(const struct catalog *c,
    const char *spec, struct audit_ids *clauses, struct audit_ids *controls)
{
	const char *eq = strchr(spec, '=');
	size_t klen = eq ? (size_t)(eq - spec) : 0;
	enum audit_item_kind k;
	struct isms_error *err = NULL;

	if (eq && ((klen == 7 && strncmp(spec, "clauses", 7) == 0) ||
	    (klen == 6 && strncmp(spec, "clause", 6) == 0)))
		k = AI_CLAUSE;
	else if (eq && ((klen == 8 && strncmp(spec, "controls", 8) == 0) ||
	    (klen == 7 && strncmp(spec, "control", 7) == 0)))
		k = AI_CONTROL;
	else
		return err_new(EXIT_USAGE, "scope '%s': expected clauses=LIST "
		    "or controls=LIST (clauses=4-10, controls=5.15,8.8)", spec);
	const char *cur = eq + 1, *item;
	size_t len;
	bool any = false;
	while (!err && str_next_item(&cur, ',', &item, &len)) {
		char *tok = xstrndup(item, len);
		any = true;
		err = add_token(c, k, tok, k == AI_CLAUSE ? clauses : controls);
		free(tok);
	}
	if (!err && !any)
		err = err_new(EXIT_USAGE, "scope '%s' names no %s", spec,
		    k == AI_CLAUSE ? "clauses" : "controls");
	return err;
}

bool audit_clause_covers(const char *entry, const char *id)
{
	size_t n = strlen(entry);
	return strncmp(entry, id, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

bool audit_clause_is_leaf(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < catalog_clause_count(c); i++) {
		const char *other = catalog_clause(c, i)->id;
		if (strcmp(other, id) != 0 && audit_clause_covers(id, other))
			return false;
	}
	return true;
}

static bool list_has(const struct strlist *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return true;
	return false;
}

static bool scope_covers_clause(const struct audit *a, const char *id)
{
	if (!a->scope)
		return false;
	for (size_t i = 0; i < a->scope->clauses.n; i++)
		if (audit_clause_covers(a->scope->clauses.v[i], id))
			return true;
	return false;
}

static bool scope_covers_control(const struct audit *a, const char *id)
{
	return a->scope && list_has(&a->scope->controls, id);
}

static bool covers(const struct audit *a, const struct audit_item *it)
{
	return it->kind == AI_CLAUSE ? scope_covers_clause(a, it->id) :
	    scope_covers_control(a, it->id);
}

static void push_item(struct audit_item **v, size_t *n, size_t *cap,
    enum audit_item_kind k, const char *id, const char *title)
{
	GROW(*v, *cap, *n + 1);
	(*v)[(*n)++] = (struct audit_item){ k, id, title };
}

size_t audit_scope_items(const struct project *p, const struct audit *a,
    struct audit_item **out)
{
	const struct catalog *c = p->catalog;
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!c)
		return 0;
	for (size_t i = 0; i < catalog_clause_count(c); i++) {
		const struct catalog_clause *cl = catalog_clause(c, i);
		if (audit_clause_is_leaf(c, cl->id) &&
		    scope_covers_clause(a, cl->id))
			push_item(out, &n, &cap, AI_CLAUSE, cl->id, cl->title);
	}
	for (size_t i = 0; i < catalog_count(c); i++) {
		const struct catalog_control *k = catalog_control(c, i);
		if (scope_covers_control(a, k->id))
			push_item(out, &n, &cap, AI_CONTROL, k->id, k->title);
	}
	return n;
}

unsigned audit_ref_kind(const struct catalog *c, const char *ref,
    const char **clause_title, const char **control_title)
{
	unsigned kind = 0;
	const struct catalog_clause *cl = NULL;
	const struct catalog_control *k = NULL;

	if (clause_title)
		*clause_title = NULL;
	if (control_title)
		*control_title = NULL;
	if (!c || !ref)
		return 0;
	if (strncmp(ref, "A.", 2) == 0 && (k = catalog_find(c, ref + 2)))
		kind = AUDIT_REF_CONTROL;
	else {
		if ((cl = catalog_find_clause(c, ref)))
			kind |= AUDIT_REF_CLAUSE;
		if ((k = catalog_find(c, ref)))
			kind |= AUDIT_REF_CONTROL;
	}
	if (cl && clause_title)
		*clause_title = cl->title;
	if (k && control_title)
		*control_title = k->title;
	return kind;
}

/* Presence of optional fields. */
static const struct schema *audit_schema(void)
{
	return coll_defs[COL_AUDITS].schema;
}

static const struct schema *finding_schema(void)
{
	return coll_defs[COL_FINDINGS].schema;
}

static const struct schema *action_schema(void)
{
	return schema_field(finding_schema(), "action")->sub;
}

static const struct schema *programme_schema(void)
{
	return schema_field(reg_defs[REG_AUDITS].schema, "programme")->sub;
}

int audit_status(const struct audit *a)
{
	return rec_has(a, audit_schema(), "status") ? a->status : AU_PLANNED;
}

long audit_date(const struct audit *a)
{
	if (rec_has(a, audit_schema(), "completed"))
		return a->completed;
	if (rec_has(a, audit_schema(), "planned"))
		return a->planned;
	return DATE_NONE;
}

bool audit_is_done(const struct audit *a)
{
	int s = audit_status(a);
	return s == AU_REPORTED || s == AU_CLOSED;
}

bool audit_is_stale(const struct project *p, const struct audit *a)
{
	return audit_status(a) == AU_PLANNED &&
	    rec_has(a, audit_schema(), "planned") && a->planned < p->today;
}

bool audit_status_allowed(int from, int to)
{
	return to >= from;
}

int finding_status(const struct finding *f)
{
	return rec_has(f, finding_schema(), "status") ? f->status : FS_OPEN;
}

bool finding_is_nc(const struct finding *f)
{
	return rec_has(f, finding_schema(), "type") &&
	    (f->type == FT_MAJOR || f->type == FT_MINOR);
}

bool finding_of_audit(const struct finding *f, const char *audit_id)
{
	return str_eq(f->audit, audit_id);
}

bool finding_action_open(const struct finding *f)
{
	return f->action && finding_status(f) == FS_OPEN;
}

long finding_due(const struct finding *f)
{
	if (f->action && rec_has(f->action, action_schema(), "due"))
		return f->action->due;
	return DATE_NONE;
}

bool finding_is_overdue(const struct project *p, const struct finding *f)
{
	long due = finding_due(f);
	return finding_status(f) == FS_OPEN && due != DATE_NONE &&
	    due < p->today;
}

static bool text_given(const char *s)
{
	if (!s)
		return false;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s != '\0';
}

const char *finding_close_blocker(const struct finding *f)
{
	if (!finding_is_nc(f))
		return NULL;
	bool cause = f->action && text_given(f->action->root_cause);
	bool ca = f->action && text_given(f->action->corrective_action);
	if (!cause && !ca)
		return "a root cause and a corrective action";
	if (!cause)
		return "a root cause";
	if (!ca)
		return "a corrective action";
	return NULL;
}

bool finding_is_verified(const struct finding *f)
{
	return f->action && text_given(f->action->verified_by) &&
	    rec_has(f->action, action_schema(), "verified_on");
}

/* Coverage. */
const char *coverage_state_name(enum coverage_state s)
{
	switch (s) {
	case COV_OK:
		return "ok";
	case COV_DUE:
		return "due";
	default:
		return "overdue";
	}
}

static int programme_cycle(const struct project *p)
{
	const struct programme *g = p->audits->programme;
	if (g && rec_has(g, programme_schema(), "cycle_months") &&
	    g->cycle_months >= 1 && g->cycle_months <= 1200)
		return (int)g->cycle_months;
	return AUDIT_DEFAULT_CYCLE;
}

static long programme_start(const struct project *p)
{
	const struct programme *g = p->audits->programme;
	if (g && rec_has(g, programme_schema(), "start"))
		return g->start;
	long start = DATE_NONE;
	const struct reclist *l = &p->audits->audits;
	for (size_t i = 0; i < l->n; i++) {
		long d = audit_date(l->v[i]);
		if (d != DATE_NONE && (start == DATE_NONE || d < start))
			start = d;
	}
	return start;
}

static void coverage_items(const struct project *p, struct audit_item **v,
    size_t *n)
{
	const struct catalog *c = p->catalog;
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	if (!c)
		return;
	for (size_t i = 0; i < catalog_clause_count(c); i++) {
		const struct catalog_clause *cl = catalog_clause(c, i);
		if (audit_clause_is_leaf(c, cl->id))
			push_item(v, n, &cap, AI_CLAUSE, cl->id, cl->title);
	}
	for (size_t i = 0; i < catalog_count(c); i++) {
		const struct catalog_control *k = catalog_control(c, i);
		const struct soa_control *s = project_find(p, COL_CONTROLS,
		    k->id);
		if (soa_decision(s) == 1)
			push_item(v, n, &cap, AI_CONTROL, k->id, k->title);
	}
}

static void judge_row(const struct project *p, const struct coverage *cov,
    struct coverage_row *r)
{
	const struct reclist *l = &p->audits->audits;
	r->last_date = r->next_date = r->due = DATE_NONE;
	for (size_t i = 0; i < l->n; i++) {
		const struct audit *a = l->v[i];
		long d = audit_date(a);
		if (!covers(a, &r->item))
			continue;
		if (audit_is_done(a)) {
			if (d != DATE_NONE && (!r->last || d > r->last_date)) {
				r->last = a;
				r->last_date = d;
			}
		} else if (d != DATE_NONE &&
		    (!r->next || d < r->next_date)) {
			r->next = a;
			r->next_date = d;
		}
	}
	r->within_cycle = r->last && r->last_date >= cov->window_start;
	if (r->last)
		r->due = date_add_months(r->last_date, cov->cycle_months);
	else if (cov->start != DATE_NONE)
		r->due = date_add_months(cov->start, cov->cycle_months);
	if (r->within_cycle)
		r->state = COV_OK;
	else if (r->due != DATE_NONE && r->due < p->today)
		r->state = COV_OVERDUE;
	else
		r->state = COV_DUE;
}

void audit_coverage(const struct project *p, struct coverage *out)
{
	struct audit_item *items = NULL;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	out->has_programme = p->audits->programme != NULL;
	out->cycle_months = programme_cycle(p);
	out->start = programme_start(p);
	out->window_start = date_add_months(p->today, -out->cycle_months);
	coverage_items(p, &items, &n);
	out->v = xcalloc(n ? n : 1, sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		out->v[i].item = items[i];
		judge_row(p, out, &out->v[i]);
	}
	free(items);
}

void coverage_release(struct coverage *c)
{
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

/*
 * Where an ISMS kept with isms holds the documented information a clause
 * asks for, so that the auditor knows which register to sample.  Only for
 * the built-in ISO/IEC 27001:2022 clause numbers.
 */
static const struct {
	const char *clause;
	const char *registers;
} clause_registers[] = {
	{ "4.1", "scope.yaml issues" },
	{ "4.2", "scope.yaml parties" },
	{ "4.3", "scope.yaml statement, boundaries, interfaces, exclusions" },
	{ "6.1.2", "isms.yaml methodology; risks.yaml" },
	{ "6.1.3", "treatments.yaml; soa.yaml" },
	{ "8.2", "risks.yaml" },
	{ "8.3", "treatments.yaml" },
	{ "9.2.1", "audits.yaml audits, findings" },
	{ "9.2.2", "audits.yaml programme, audits" },
	{ "10.2", "audits.yaml findings and corrective actions" },
};

static const char *registers_for(const struct project *p, const char *id)
{
	if (strcmp(catalog_name(p->catalog), "iso27001-2022") != 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(clause_registers); i++)
		if (strcmp(clause_registers[i].clause, id) == 0)
			return clause_registers[i].registers;
	return NULL;
}

/* The treatments using a control are the SoA's (soa.h: live treatments
 * only); their risks are listed in the order the treatments name them. */
static void link_treatments(const struct soa_usage *use,
    struct checklist_row *r)
{
	for (size_t i = 0; use && i < use->ntreatments; i++) {
		const struct treatment *t = use->treatments[i];
		if (t->id)
			ids_add(&r->treatments, t->id);
		if (t->risk)
			ids_add(&r->risks, t->risk);
	}
}

size_t audit_checklist(const struct project *p, const struct audit *a,
    struct checklist_row **out)
{
	struct audit_item *items = NULL;
	size_t n = audit_scope_items(p, a, &items);
	struct soa_uses u;

	soa_uses_build(p, &u);
	*out = xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		struct checklist_row *r = &(*out)[i];
		r->item = items[i];
		if (items[i].kind == AI_CLAUSE) {
			r->registers = registers_for(p, items[i].id);
			continue;
		}
		r->soa = project_find(p, COL_CONTROLS, items[i].id);
		link_treatments(soa_uses_find(&u, items[i].id), r);
	}
	soa_uses_release(&u);
	free(items);
	return n;
}

void checklist_release(struct checklist_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		audit_ids_release(&rows[i].treatments);
		audit_ids_release(&rows[i].risks);
	}
	free(rows);
}
