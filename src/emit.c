/*
 * Canonical YAML text for values and records.
 *
 * Quoting errs on the safe side: anything YAML 1.1 or 1.2 could read as
 * something other than the same string (yes, no, 0x1F, 1e3, 2026-11-22,
 * ~) is quoted when it is meant as a string, and anything containing flow
 * or comment indicators is quoted everywhere, so the text also survives
 * other YAML tools.
 */
#include "isms/emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"

static const char *const special_words[] = { "null", "Null", "NULL", "~",
	"true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
	"YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y",
	"Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan",
	".NaN", ".NAN", "<<", "=", NULL };

/*
 * Characters that cannot appear as themselves in a value: the C1 controls
 * and U+FFFE/U+FFFF, which libyaml refuses anywhere in a file, and NEL, LS
 * and PS, which it reads as line breaks (so inside quotes they would fold
 * into a space).  Returns the length of such a character at p and its code
 * point in *cp, or 0 for any other character.
 */
static size_t unprintable_at(const unsigned char *p, unsigned *cp)
{
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
		*cp = p[1];
		return 2;
	}
	if ((p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) ||
	    (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))) {
		*cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 |
		    (p[2] & 0x3F);
		return 3;
	}
	return 0;
}

static void add_unicode_escape(struct sbuf *out, unsigned cp)
{
	if (cp == 0x85)
		sbuf_adds(out, "\\N");
	else if (cp == 0x2028)
		sbuf_adds(out, "\\L");
	else if (cp == 0x2029)
		sbuf_adds(out, "\\P");
	else if (cp <= 0xFF)
		sbuf_addf(out, "\\x%02X", cp);
	else
		sbuf_addf(out, "\\u%04X", cp);
}

static bool looks_numeric(const char *s)
{
	/* Anything a YAML resolver might read as a number: digits with signs,
	 * dots, exponents, underscores, colons (sexagesimal) or 0x/0o. */
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!*p)
		return false;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		return true;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p; p++)
		if (!strchr("0123456789._:eE+-xXoObBabcdefABCDEF", *p))
			return false;
	return true;
}

bool yaml_plain_safe(const char *s, bool as_string)
{
	size_t len = strlen(s);
	if (!len || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) && !(s[0] == '-' &&
	    s[1] && s[1] != ' ' && !as_string))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f || strchr(",[]{}", c))
			return false;
		/* libyaml also refuses ':' before '?' inside a flow collection. */
		if (c == ':' && (p[1] == ' ' || p[1] == '\0' || p[1] == '?'))
			return false;
		unsigned cp;
		if (unprintable_at((const unsigned char *)p, &cp))
			return false;
		if (c == '#' && p > s && p[-1] == ' ')
			return false;
	}
	/* U+FEFF would be taken for a byte order mark by some tools. */
	if (strstr(s, "\xEF\xBB\xBF"))
		return false;
	if (!as_string)
		return true;
	for (size_t i = 0; special_words[i]; i++)
		if (strcmp(s, special_words[i]) == 0)
			return false;
	long d;
	if (looks_numeric(s) || date_parse(s, &d))
		return false;
	return true;
}

static void emit_quoted(struct sbuf *out, const char *s)
{
	sbuf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned cp;
		size_t n = unprintable_at(p, &cp);
		if (n) {
			add_unicode_escape(out, cp);
			p += n - 1;
			continue;
		}
		switch (*p) {
		case '"':
			sbuf_adds(out, "\\\"");
			break;
		case '\\':
			sbuf_adds(out, "\\\\");
			break;
		case '\n':
			sbuf_adds(out, "\\n");
			break;
		case '\t':
			sbuf_adds(out, "\\t");
			break;
		case '\r':
			sbuf_adds(out, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sbuf_addf(out, "\\x%02X", *p);
			else
				sbuf_addch(out, (char)*p);
		}
	}
	sbuf_addch(out, '"');
}

void emit_string(struct sbuf *out, const char *s)
{
	if (yaml_plain_safe(s, true))
		sbuf_adds(out, s);
	else
		emit_quoted(out, s);
}

void emit_scalar(struct sbuf *out, const char *s)
{
	if (yaml_plain_safe(s, false))
		sbuf_adds(out, s);
	else
		emit_quoted(out, s);
}

void emit_flow(struct sbuf *out, const struct ynode *n)
{
	switch (n->kind) {
	case YN_SCALAR:
		if (n->style == YS_PLAIN)
			emit_scalar(out, n->str);
		else
			emit_string(out, n->str);
		return;
	case YN_SEQ:
		sbuf_addch(out, '[');
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				sbuf_adds(out, ", ");
			emit_flow(out, n->kids[i]);
		}
		sbuf_addch(out, ']');
		return;
	case YN_MAP:
		sbuf_addch(out, '{');
		for (size_t i = 0; i < YN_PAIRS(n); i++) {
			if (i)
				sbuf_adds(out, ", ");
			emit_flow(out, YN_KEY(n, i));
			sbuf_adds(out, ": ");
			emit_flow(out, YN_VAL(n, i));
		}
		sbuf_addch(out, '}');
		return;
	}
}

/* Parses a command-line value as a YAML flow value. */
static struct isms_error *parse_flow(const struct field *f, const char *arg,
    struct ydoc **doc)
{
	struct isms_error *err = ydoc_parse(f->name, arg, strlen(arg), doc);
	if (err) {
		struct isms_error *e = err_new(EXIT_USAGE,
		    "%s: cannot read '%s' as YAML: %s", f->name, arg, err->msg);
		err_free(err);
		return e;
	}
	if (!(*doc)->root) {
		ydoc_free(*doc);
		*doc = NULL;
		return err_new(EXIT_USAGE, "%s: empty value", f->name);
	}
	return NULL;
}

static void add_list_item(struct sbuf *sb, const char *item, bool first)
{
	if (!first)
		sbuf_adds(sb, ", ");
	emit_string(sb, item);
}

/* Items of a list argument: YAML flow "[a, b]" or "a,b". */
static struct isms_error *list_items(const struct field *f, const char *arg,
    struct sbuf *sb, bool first)
{
	while (*arg == ' ')
		arg++;
	if (*arg == '[') {
		struct ydoc *doc = NULL;
		struct isms_error *err = parse_flow(f, arg, &doc);
		if (err)
			return err;
		if (doc->root->kind != YN_SEQ) {
			ydoc_free(doc);
			return err_new(EXIT_USAGE, "%s: expected a list", f->name);
		}
		for (size_t i = 0; i < doc->root->n; i++) {
			const struct ynode *it = doc->root->kids[i];
			if (it->kind != YN_SCALAR) {
				ydoc_free(doc);
				return err_new(EXIT_USAGE,
				    "%s: list items must be plain values", f->name);
			}
			add_list_item(sb, it->str, first && i == 0);
		}
		ydoc_free(doc);
		return NULL;
	}
	const char *p;
	size_t len;
	while (str_next_item(&arg, ',', &p, &len)) {
		char *item = xstrndup(p, len);
		add_list_item(sb, item, first);
		first = false;
		free(item);
	}
	return NULL;
}

struct isms_error *field_text_from_arg(const struct field *f, const char *arg,
    struct field_text *out)
{
	struct sbuf sb = SBUF_INIT;
	struct ydoc *doc = NULL;
	struct isms_error *err = NULL;

	memset(out, 0, sizeof(*out));
	out->field = f;
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
		emit_string(&sb, arg);
		break;
	case FT_INT:
	case FT_NUM:
	case FT_BOOL:
	case FT_DATE:
	case FT_ENUM:
		emit_scalar(&sb, arg);
		break;
	case FT_LIST:
		sbuf_addch(&sb, '[');
		if ((err = list_items(f, arg, &sb, true)))
			goto fail;
		sbuf_addch(&sb, ']');
		break;
	case FT_RECLIST:
		if ((err = parse_flow(f, arg, &doc)))
			goto fail;
		if (doc->root->kind != YN_SEQ) {
			err = err_new(EXIT_USAGE, "%s: expected a list", f->name);
			goto fail;
		}
		out->items = xcalloc(doc->root->n + 1, sizeof(*out->items));
		for (size_t i = 0; i < doc->root->n; i++) {
			struct sbuf it = SBUF_INIT;
			emit_flow(&it, doc->root->kids[i]);
			out->items[out->nitems++] = sbuf_detach(&it, NULL);
		}
		emit_flow(&sb, doc->root);
		break;
	case FT_MAP:
	case FT_RATING:
	case FT_NODE:
		if ((err = parse_flow(f, arg, &doc)))
			goto fail;
		emit_flow(&sb, doc->root);
		break;
	}
	ydoc_free(doc);
	out->text = sbuf_detach(&sb, NULL);
	return NULL;
fail:
	ydoc_free(doc);
	sbuf_release(&sb);
	field_text_release(out);
	return err;
}

struct isms_error *field_text_append(struct field_text *ft, const char *arg)
{
	if (ft->field->type != FT_LIST)
		return err_new(EXIT_USAGE, "--%s given more than once",
		    ft->field->name);
	struct sbuf sb = SBUF_INIT;
	size_t len = strlen(ft->text);
	sbuf_add(&sb, ft->text, len - 1); /* without the closing ']' */
	struct isms_error *err = list_items(ft->field, arg, &sb, len == 2);
	if (err) {
		sbuf_release(&sb);
		return err;
	}
	sbuf_addch(&sb, ']');
	free(ft->text);
	ft->text = sbuf_detach(&sb, NULL);
	return NULL;
}

void field_text_release(struct field_text *ft)
{
	free(ft->text);
	for (size_t i = 0; i < ft->nitems; i++)
		free(ft->items[i]);
	free(ft->items);
	memset(ft, 0, sizeof(*ft));
}

static const struct field_text *find_text(const struct field_text *fields,
    size_t n, const struct field *f)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i].field == f)
			return &fields[i];
	return NULL;
}

void emit_record(struct sbuf *out, const struct schema *s,
    const struct field_text *fields, size_t n, size_t dash_indent,
    const char *eol)
{
	bool first = true;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field_text *ft = find_text(fields, n, &s->fields[i]);
		if (!ft)
			continue;
		sbuf_addrepeat(out, ' ', dash_indent + (first ? 0 : 2));
		if (first)
			sbuf_adds(out, "- ");
		first = false;
		sbuf_adds(out, s->fields[i].name);
		sbuf_addch(out, ':');
		if (ft->field->type == FT_RECLIST && ft->nitems) {
			sbuf_adds(out, eol);
			for (size_t k = 0; k < ft->nitems; k++) {
				sbuf_addrepeat(out, ' ', dash_indent + 4);
				sbuf_adds(out, "- ");
				sbuf_adds(out, ft->items[k]);
				sbuf_adds(out, eol);
			}
			continue;
		}
		sbuf_addch(out, ' ');
		sbuf_adds(out, ft->text);
		sbuf_adds(out, eol);
	}
}

void emit_record_flow(struct sbuf *out, const struct schema *s,
    const struct field_text *fields, size_t n)
{
	bool first = true;
	sbuf_addch(out, '{');
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field_text *ft = find_text(fields, n, &s->fields[i]);
		if (!ft)
			continue;
		if (!first)
			sbuf_adds(out, ", ");
		first = false;
		sbuf_adds(out, s->fields[i].name);
		sbuf_adds(out, ": ");
		sbuf_adds(out, ft->text);
	}
	sbuf_addch(out, '}');
}
