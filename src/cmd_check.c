/*
 * isms check: every rule of every register in one pass.
 *
 * Prints nothing and exits 0 when the project is clean; otherwise one line
 * per problem, FILE:LINE:COL: severity: message [rule-id], sorted by place,
 * and exit 1 (warnings alone do not fail unless --strict).  Paths are
 * relative to the current directory so editors and CI annotations find the
 * files.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "isms/check.h"
#include "isms/json.h"
#include "version.h"

static bool selected(const struct ctx *ctx, const char *rule)
{
	bool any_rule = false, hit = false;
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (strcmp(o->name, "skip") == 0 && strcmp(o->value, rule) == 0)
			return false;
		if (strcmp(o->name, "rule") == 0) {
			any_rule = true;
			hit |= strcmp(o->value, rule) == 0;
		}
	}
	return !any_rule || hit;
}

static struct isms_error *check_rule_names(const struct ctx *ctx)
{
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if ((strcmp(o->name, "skip") == 0 || strcmp(o->name, "rule") == 0)
		    && !rule_find(o->value))
			return err_new(EXIT_USAGE,
			    "--%s: no rule '%s' (see isms-check(1))", o->name,
			    o->value);
	}
	return NULL;
}

/* The project root as seen from the current directory, with a trailing
 * slash, or "" when they are the same. */
static char *path_prefix(const char *root)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return xasprintf("%s/", root);
	size_t n = strlen(cwd);
	if (strcmp(root, cwd) == 0)
		return xstrdup("");
	if (strncmp(root, cwd, n) == 0 && root[n] == '/')
		return xasprintf("%s/", root + n + 1);
	return xasprintf("%s/", root);
}

static void print_text(struct sbuf *out, const struct diags *d,
    const char *prefix)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		sbuf_addf(out, "%s%s:%u:%u: %s: %s [%s]\n", prefix, g->file,
		    g->line, g->col, severity_name(g->sev), g->msg, g->rule);
	}
}

static void print_json(struct sbuf *out, const struct diags *d,
    const char *prefix)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_int(&w, "errors", (long long)diags_count(d, SEV_ERROR));
	json_kv_int(&w, "warnings", (long long)diags_count(d, SEV_WARNING));
	json_key(&w, "problems");
	json_begin_array(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		char *file = xasprintf("%s%s", prefix, g->file);
		json_begin_object(&w);
		json_kv_string(&w, "file", file);
		json_kv_int(&w, "line", g->line);
		json_kv_int(&w, "column", g->col);
		json_kv_string(&w, "severity", severity_name(g->sev));
		json_kv_string(&w, "rule", g->rule);
		json_kv_string(&w, "message", g->msg);
		json_end_object(&w);
		free(file);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
}

/*
 * SARIF 2.1.0 for code-scanning tools.  The rules array holds every rule
 * that was run, so a result's ruleIndex points into it; locations are
 * URIs relative to the current directory (percent-encoded), the form
 * GitHub code scanning resolves against the checkout.
 */
#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

static void uri_encode(struct sbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (*s == '/')
		sbuf_adds(out, "file://");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			sbuf_addch(out, (char)*p);
		} else {
			sbuf_addch(out, '%');
			sbuf_addch(out, hex[*p >> 4]);
			sbuf_addch(out, hex[*p & 15]);
		}
	}
}

struct rule_sel {
	const struct ctx *ctx;
	const struct rule **v;
	size_t n, cap;
};

static void collect_rule(const struct rule *r, void *arg)
{
	struct rule_sel *sel = arg;
	if (sel->ctx && !selected(sel->ctx, r->id))
		return;
	GROW(sel->v, sel->cap, sel->n + 1);
	sel->v[sel->n++] = r;
}

static size_t rule_index(const struct rule_sel *sel, const char *id)
{
	for (size_t i = 0; i < sel->n; i++)
		if (strcmp(sel->v[i]->id, id) == 0)
			return i;
	return 0;
}

static void print_sarif(struct sbuf *out, const struct ctx *ctx,
    const struct diags *d, const char *prefix)
{
	struct json_writer w;
	struct rule_sel sel = { ctx, NULL, 0, 0 };
	struct sbuf uri = SBUF_INIT;

	rules_each(collect_rule, &sel);
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_string(&w, "$schema", SARIF_SCHEMA);
	json_kv_string(&w, "version", "2.1.0");
	json_key(&w, "runs");
	json_begin_array(&w);
	json_begin_object(&w);
	json_key(&w, "tool");
	json_begin_object(&w);
	json_key(&w, "driver");
	json_begin_object(&w);
	json_kv_string(&w, "name", "isms");
	json_kv_string(&w, "version", ISMS_VERSION);
	json_key(&w, "rules");
	json_begin_array(&w);
	for (size_t i = 0; i < sel.n; i++) {
		json_begin_object(&w);
		json_kv_string(&w, "id", sel.v[i]->id);
		json_key(&w, "shortDescription");
		json_begin_object(&w);
		json_kv_string(&w, "text", sel.v[i]->summary);
		json_end_object(&w);
		json_key(&w, "defaultConfiguration");
		json_begin_object(&w);
		json_kv_string(&w, "level", severity_name(sel.v[i]->severity));
		json_end_object(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_end_object(&w);
	json_key(&w, "results");
	json_begin_array(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		char *file = xasprintf("%s%s", prefix, g->file);
		sbuf_reset(&uri);
		uri_encode(&uri, file);
		json_begin_object(&w);
		json_kv_string(&w, "ruleId", g->rule);
		json_kv_int(&w, "ruleIndex", (long long)rule_index(&sel, g->rule));
		json_kv_string(&w, "level", severity_name(g->sev));
		json_key(&w, "message");
		json_begin_object(&w);
		json_kv_string(&w, "text", g->msg);
		json_end_object(&w);
		json_key(&w, "locations");
		json_begin_array(&w);
		json_begin_object(&w);
		json_key(&w, "physicalLocation");
		json_begin_object(&w);
		json_key(&w, "artifactLocation");
		json_begin_object(&w);
		json_kv_string(&w, "uri", uri.buf);
		json_end_object(&w);
		json_key(&w, "region");
		json_begin_object(&w);
		json_kv_int(&w, "startLine", g->line ? g->line : 1);
		json_kv_int(&w, "startColumn", g->col ? g->col : 1);
		json_end_object(&w);
		json_end_object(&w);
		json_end_object(&w);
		json_end_array(&w);
		json_end_object(&w);
		free(file);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
	sbuf_release(&uri);
	free(sel.v);
}

/* XML character data and attribute values: the five entities, and what
 * XML 1.0 cannot hold at all (C0 controls but tab and newlines, invalid
 * UTF-8) as U+FFFD. */
static void xml_escape(struct sbuf *out, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		size_t len;
		switch (c) {
		case '&': sbuf_adds(out, "&amp;"); i++; continue;
		case '<': sbuf_adds(out, "&lt;"); i++; continue;
		case '>': sbuf_adds(out, "&gt;"); i++; continue;
		case '"': sbuf_adds(out, "&quot;"); i++; continue;
		case '\'': sbuf_adds(out, "&apos;"); i++; continue;
		default: break;
		}
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			sbuf_adds(out, "\xEF\xBF\xBD");
			i++;
		} else if (c < 0x80) {
			sbuf_addch(out, (char)c);
			i++;
		} else if ((len = out_utf8_decode(s + i, n - i, &cp)) &&
		    cp != 0xFFFE && cp != 0xFFFF) {
			sbuf_add(out, s + i, len);
			i += len;
		} else {
			sbuf_adds(out, "\xEF\xBF\xBD");
			i += len ? len : 1;
		}
	}
}

/*
 * JUnit XML: one test suite, one test case per rule.  A rule fails when it
 * found an error (or any problem under --strict); its problems are listed
 * in the failure, one FILE:LINE:COL line each.  Warnings that do not fail
 * the check are listed as the case's system-out so the case stays green,
 * as the exit status does.  Rules not run (--rule, --skip) are skipped.
 */
static void print_junit(struct sbuf *out, const struct ctx *ctx,
    const struct diags *d, const char *prefix)
{
	struct rule_sel all = { NULL, NULL, 0, 0 };
	struct sbuf body = SBUF_INIT;
	bool strict = arg_flag(ctx, "strict");
	size_t failures = 0, skipped = 0;

	rules_each(collect_rule, &all);
	for (size_t r = 0; r < all.n; r++) {
		const char *id = all.v[r]->id;
		size_t errors = 0, count = 0;
		for (size_t i = 0; i < d->n; i++)
			if (strcmp(d->v[i].rule, id) == 0) {
				count++;
				errors += d->v[i].sev == SEV_ERROR;
			}
		bool run = selected(ctx, id);
		bool failed = errors || (strict && count);
		failures += failed;
		skipped += !run;
		sbuf_adds(&body, "    <testcase classname=\"isms.check\" name=\"");
		xml_escape(&body, id);
		sbuf_adds(&body, "\"");
		if (run && !count) {
			sbuf_adds(&body, "/>\n");
			continue;
		}
		sbuf_adds(&body, ">\n");
		if (!run) {
			sbuf_adds(&body, "      <skipped message=\"not selected\"/>\n"
			    "    </testcase>\n");
			continue;
		}
		sbuf_addf(&body, "      <%s", failed ? "failure" : "system-out");
		if (failed) {
			sbuf_addf(&body, " type=\"%s\" message=\"%zu problem%s: ",
			    errors ? "error" : "warning", count,
			    count == 1 ? "" : "s");
			xml_escape(&body, all.v[r]->summary);
			sbuf_adds(&body, "\"");
		}
		sbuf_adds(&body, ">");
		for (size_t i = 0; i < d->n; i++) {
			const struct diag *g = &d->v[i];
			if (strcmp(g->rule, id) != 0)
				continue;
			char *line = xasprintf("%s%s:%u:%u: %s: %s\n", prefix,
			    g->file, g->line, g->col, severity_name(g->sev),
			    g->msg);
			xml_escape(&body, line);
			free(line);
		}
		sbuf_addf(&body, "</%s>\n    </testcase>\n",
		    failed ? "failure" : "system-out");
	}
	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_addf(out, "<testsuites name=\"isms check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", all.n, failures,
	    skipped);
	sbuf_addf(out, "  <testsuite name=\"isms check\" tests=\"%zu\" "
	    "failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n", all.n, failures,
	    skipped);
	sbuf_add(out, body.buf, body.len);
	sbuf_adds(out, "  </testsuite>\n</testsuites>\n");
	sbuf_release(&body);
	free(all.v);
}

/* GitHub Actions workflow commands: the message escapes %, CR and LF;
 * property values also : and ,. */
static void gh_escape(struct sbuf *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			sbuf_adds(out, "%25");
		else if (*s == '\r')
			sbuf_adds(out, "%0D");
		else if (*s == '\n')
			sbuf_adds(out, "%0A");
		else if (property && *s == ':')
			sbuf_adds(out, "%3A");
		else if (property && *s == ',')
			sbuf_adds(out, "%2C");
		else
			sbuf_addch(out, *s);
	}
}

static void print_github(struct sbuf *out, const struct diags *d,
    const char *prefix)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		char *file = xasprintf("%s%s", prefix, g->file);
		sbuf_addf(out, "::%s file=", severity_name(g->sev));
		gh_escape(out, file, true);
		sbuf_addf(out, ",line=%u,col=%u,title=", g->line, g->col);
		gh_escape(out, g->rule, true);
		sbuf_adds(out, "::");
		gh_escape(out, g->msg, false);
		sbuf_addch(out, '\n');
		free(file);
	}
}

static struct isms_error *run_check(struct ctx *ctx)
{
	struct project *p = NULL;
	struct diags all = DIAGS_INIT, shown = DIAGS_INIT;
	struct isms_error *err;
	enum out_format fmt;
	char *prefix = NULL;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_SARIF) | FMT_BIT(FMT_JUNIT) | FMT_BIT(FMT_GITHUB),
	    FMT_TEXT, &fmt)))
		return err;
	if ((err = check_rule_names(ctx)))
		return err;
	if ((err = project_load_readonly(ctx->root, ctx->g->today, &p)))
		return err;
	check_project(p, &all);
	for (size_t i = 0; i < all.n; i++) {
		if (!selected(ctx, all.v[i].rule))
			continue;
		GROW(shown.v, shown.cap, shown.n + 1);
		shown.v[shown.n++] = all.v[i];
		all.v[i].file = all.v[i].msg = NULL;
	}
	prefix = path_prefix(ctx->root);
	switch (fmt) {
	case FMT_JSON:
		print_json(&ctx->out, &shown, prefix);
		break;
	case FMT_SARIF:
		print_sarif(&ctx->out, ctx, &shown, prefix);
		break;
	case FMT_JUNIT:
		print_junit(&ctx->out, ctx, &shown, prefix);
		break;
	case FMT_GITHUB:
		print_github(&ctx->out, &shown, prefix);
		break;
	default:
		print_text(&ctx->out, &shown, prefix);
		break;
	}
	size_t errors = diags_count(&shown, SEV_ERROR);
	if (errors || (arg_flag(ctx, "strict") && shown.n))
		ctx->exit_code = EXIT_PROBLEMS;
	free(prefix);
	diags_release(&all);
	diags_release(&shown);
	project_free(p);
	return NULL;
}

static const struct optspec check_opts[] = {
	{ "rule", OPT_ARG | OPT_MULTI, "check only this rule (repeatable)" },
	{ "skip", OPT_ARG | OPT_MULTI, "do not check this rule (repeatable)" },
	{ "strict", 0, "warnings fail too" },
	{ NULL, 0, NULL },
};

const struct command cmd_check = {
	.name = "check",
	.summary = "validate every register and judge the ISMS; exit 1 on problems",
	.flags = CMD_PROJECT,
	.usage = "[--rule ID]... [--skip ID]... [--strict] "
	    "[--format text|json|sarif|junit|github]",
	.opts = check_opts,
	.run = run_check,
	.min_args = 0,
	.max_args = 0,
};
