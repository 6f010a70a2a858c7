/*
 * The rules of `isms check`.
 *
 * Every problem isms can report has a stable rule id listed in rules[]:
 * those found while loading (syntax, schema, ids, references) and those
 * that judge the ISMS itself (owners, treatments, reviews, audits).  The
 * table is the single list that --rule/--skip, the documentation in
 * isms-check(1) and the JUnit output (one test case per rule) all use.
 */
#ifndef ISMS_CHECK_H
#define ISMS_CHECK_H

#include "isms/project.h"

struct rule {
	const char *id;
	enum severity severity;
	const char *summary;
	/* NULL for rules applied while loading. */
	void (*run)(const struct project *p, struct diags *out);
};

/* Rule tables, each ended by an entry with a NULL id: the core (loading,
 * assets) in check.c, and one per area in check_AREA.c (hygiene: stale
 * temporary files and look-alike ids). */
extern const struct rule core_rules[], risk_rules[], soa_rules[],
    audit_rules[], pdca_rules[], hygiene_rules[];
extern const struct rule *const rule_tables[];

const struct rule *rule_find(const char *id);
/* Calls fn for every rule, tables in order. */
void rules_each(void (*fn)(const struct rule *r, void *arg), void *arg);
/* Runs every rule on a loaded project; the load's own problems are
 * copied in first.  The result is sorted. */
void check_project(const struct project *p, struct diags *out);

#endif
