/*
 * JSON writer and test parser (see json.h).
 *
 * The writer keeps one byte of flags per open container: whether it is an
 * object, whether it has a member yet (so the next one needs a comma) and,
 * for objects, whether a key is due.  Everything about punctuation and
 * layout is decided from those flags, so callers cannot produce a missing
 * or doubled comma.  A listing of 100,000 records is 70 MiB of JSON, so
 * the punctuation, indentation and keys are stored after one reservation
 * (reserve(), then commit()) rather than a call per byte.
 *
 * The parser is a recursive descent over the whole text with a depth cap;
 * it exists for tests, so it favours exact error messages over speed, and
 * it checks the grammar strictly (no trailing commas, no leading zeros, no
 * raw control characters, valid UTF-8) so a test fails when our output
 * stops being JSON.
 */
#include "isms/json.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/output.h"

enum {
	J_OBJECT = 1,   /* an object, else an array */
	J_NONEMPTY = 2, /* has a member: the next one takes a comma */
	J_WANT_KEY = 4, /* object: a key is due, not a value */
};

void json_init(struct json_writer *w, struct sbuf *out, bool pretty)
{
	w->out = out;
	w->pretty = pretty;
	w->stack = NULL;
	w->depth = w->cap = 0;
}

void json_release(struct json_writer *w)
{
	free(w->stack);
	w->stack = NULL;
	w->depth = w->cap = 0;
}

/* Room for n more bytes at the end of out; the caller stores at most n
 * and hands the new end to commit(). */
static char *reserve(struct sbuf *out, size_t n)
{
	if (out->cap - out->len <= n)
		sbuf_grow(out, n);
	return out->buf + out->len;
}

static void commit(struct sbuf *out, char *end)
{
	out->len = (size_t)(end - out->buf);
	out->buf[out->len] = '\0';
}

/* Stores an optional comma, then in pretty mode a new line and the
 * indentation of the current depth; o has room for indent_room(w). */
static char *punct(const struct json_writer *w, char *o, bool comma)
{
	if (comma)
		*o++ = ',';
	if (w->pretty) {
		*o++ = '\n';
		memset(o, ' ', 2 * w->depth);
		o += 2 * w->depth;
	}
	return o;
}

static size_t indent_room(const struct json_writer *w)
{
	return 2 + 2 * w->depth;
}

/* Punctuation before a value: a comma and a new line in an array; in an
 * object the key already wrote it and now a key is due again.  extra more
 * bytes are reserved for the caller, which stores the value at the
 * returned place. */
static char *before_value(struct json_writer *w, size_t extra)
{
	if (w->depth == 0)
		return reserve(w->out, extra);
	unsigned char *top = &w->stack[w->depth - 1];
	if (*top & J_OBJECT) {
		assert(!(*top & J_WANT_KEY));
		*top |= J_WANT_KEY;
		return reserve(w->out, extra);
	}
	bool comma = *top & J_NONEMPTY;
	*top |= J_NONEMPTY;
	char *o = reserve(w->out, indent_room(w) + extra);
	return punct(w, o, comma);
}

/* A complete top-level value ends its line. */
static char *after_value(const struct json_writer *w, char *o)
{
	if (w->depth == 0)
		*o++ = '\n';
	return o;
}

static void begin(struct json_writer *w, char open, unsigned char flags)
{
	char *o = before_value(w, 1);
	*o++ = open;
	commit(w->out, o);
	GROW(w->stack, w->cap, w->depth + 1);
	w->stack[w->depth++] = flags;
}

static void end(struct json_writer *w, char close, bool object)
{
	assert(w->depth > 0);
	unsigned char top = w->stack[--w->depth];
	assert(!!(top & J_OBJECT) == object);
	assert(!object || (top & J_WANT_KEY));
	char *o = reserve(w->out, indent_room(w) + 2);
	if (top & J_NONEMPTY)
		o = punct(w, o, false);
	*o++ = close;
	commit(w->out, after_value(w, o));
}

void json_begin_object(struct json_writer *w)
{
	begin(w, '{', J_OBJECT | J_WANT_KEY);
}

void json_end_object(struct json_writer *w)
{
	end(w, '}', true);
}

void json_begin_array(struct json_writer *w)
{
	begin(w, '[', 0);
}

void json_end_array(struct json_writer *w)
{
	end(w, ']', false);
}

void json_key(struct json_writer *w, const char *key)
{
	assert(w->depth > 0);
	unsigned char *top = &w->stack[w->depth - 1];
	assert((*top & J_OBJECT) && (*top & J_WANT_KEY));
	bool comma = *top & J_NONEMPTY;
	*top = (unsigned char)((*top | J_NONEMPTY) & ~J_WANT_KEY);
	commit(w->out, punct(w, reserve(w->out, indent_room(w)), comma));
	json_quote(w->out, key, strlen(key));
	char *o = reserve(w->out, 2);
	*o++ = ':';
	if (w->pretty)
		*o++ = ' ';
	commit(w->out, o);
}

static void scalar(struct json_writer *w, const char *text)
{
	size_t len = strlen(text);
	char *o = before_value(w, len + 1);
	memcpy(o, text, len);
	commit(w->out, after_value(w, o + len));
}

void json_string_len(struct json_writer *w, const char *s, size_t len)
{
	commit(w->out, before_value(w, 0));
	json_quote(w->out, s, len);
	if (w->depth == 0)
		sbuf_addch(w->out, '\n');
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s)
		json_null(w);
	else
		json_string_len(w, s, strlen(s));
}

void json_strings(struct json_writer *w, const char *const *v, size_t n)
{
	json_begin_array(w);
	for (size_t i = 0; i < n; i++)
		json_string(w, v[i]);
	json_end_array(w);
}

void json_int(struct json_writer *w, long long v)
{
	char buf[32];
	scalar(w, fmt_int(v, buf));
}

void json_number(struct json_writer *w, double v)
{
	char buf[32];
	scalar(w, isfinite(v) ? fmt_num(v, buf) : "null");
}

void json_bool(struct json_writer *w, bool v)
{
	scalar(w, v ? "true" : "false");
}

void json_null(struct json_writer *w)
{
	scalar(w, "null");
}

void json_kv_string(struct json_writer *w, const char *key, const char *s)
{
	json_key(w, key);
	json_string(w, s);
}

void json_kv_int(struct json_writer *w, const char *key, long long v)
{
	json_key(w, key);
	json_int(w, v);
}

void json_kv_number(struct json_writer *w, const char *key, double v)
{
	json_key(w, key);
	json_number(w, v);
}

void json_kv_bool(struct json_writer *w, const char *key, bool v)
{
	json_key(w, key);
	json_bool(w, v);
}

void json_kv_null(struct json_writer *w, const char *key)
{
	json_key(w, key);
	json_null(w);
}

void json_kv_strings(struct json_writer *w, const char *key,
    const char *const *v, size_t n)
{
	json_key(w, key);
	json_strings(w, v, n);
}

static void quote_ascii(struct sbuf *out, unsigned char c)
{
	switch (c) {
	case '"': sbuf_adds(out, "\\\""); break;
	case '\\': sbuf_adds(out, "\\\\"); break;
	case '\b': sbuf_adds(out, "\\b"); break;
	case '\f': sbuf_adds(out, "\\f"); break;
	case '\n': sbuf_adds(out, "\\n"); break;
	case '\r': sbuf_adds(out, "\\r"); break;
	case '\t': sbuf_adds(out, "\\t"); break;
	default:
		if (c < 0x20)
			sbuf_addf(out, "\\u%04x", c);
		else
			sbuf_addch(out, (char)c);
	}
}

/*
 * How many bytes from the start of s need no escape: printable ASCII but
 * '"' and '\\'.  Nearly every value is all of them, so eight bytes are
 * tested at once: a byte below 0x20, a byte with the top bit set, or one
 * equal to '"' or '\\' (a zero after XOR) sets the top bit of its lane in
 * t, exactly when one is there.
 */
static size_t plain_run(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	size_t i = 0;
	for (; len - i >= 8; i += 8) {
		uint64_t x, q, b;
		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		uint64_t t = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
		    ((b - ones) & ~b) | x;
		if (t & highs)
			break;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

void json_quote(struct sbuf *out, const char *s, size_t len)
{
	size_t run = plain_run(s, len);
	char *o = reserve(out, run + 2);
	*o++ = '"';
	memcpy(o, s, run);
	o += run;
	if (run == len) {
		*o++ = '"';
		commit(out, o);
		return;
	}
	commit(out, o);
	for (size_t i = run; i < len;) {
		unsigned char c = (unsigned char)s[i];
		/* Runs of characters that need no escape, nearly all of any
		 * value, are copied at once rather than byte by byte. */
		run = plain_run(s + i, len - i);
		if (run) {
			sbuf_add(out, s + i, run);
			i += run;
			continue;
		}
		if (c < 0x80) {
			quote_ascii(out, c);
			i++;
			continue;
		}
		unsigned long cp;
		size_t n = out_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			sbuf_adds(out, "\xEF\xBF\xBD"); /* U+FFFD */
			i++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			sbuf_addf(out, "\\u%04lx", cp);
			i += n;
		} else {
			sbuf_add(out, s + i, n);
			i += n;
		}
	}
	sbuf_addch(out, '"');
}

/* Parser. */

#define JSON_MAX_DEPTH 256

struct jparser {
	const char *s;
	size_t len, pos;
	unsigned depth;
};

static struct isms_error *perr(const struct jparser *p, const char *what)
{
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < p->pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return err_new(EXIT_DATA, "JSON: line %u, column %u: %s", line, col,
	    what);
}

static void skip_ws(struct jparser *p)
{
	while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) &&
	    p->s[p->pos])
		p->pos++;
}

static int peek(const struct jparser *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static struct isms_error *parse_value(struct jparser *p,
    struct json_value **out);

static struct json_value *new_value(enum json_type type)
{
	struct json_value *v = xcalloc(1, sizeof(*v));
	v->type = type;
	return v;
}

static void add_utf8(struct sbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		sbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		sbuf_addch(sb, (char)(0xC0 | cp >> 6));
		sbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sbuf_addch(sb, (char)(0xE0 | cp >> 12));
		sbuf_addch(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		sbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		sbuf_addch(sb, (char)(0xF0 | cp >> 18));
		sbuf_addch(sb, (char)(0x80 | (cp >> 12 & 0x3F)));
		sbuf_addch(sb, (char)(0x80 | (cp >> 6 & 0x3F)));
		sbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

static bool hex4(struct jparser *p, unsigned long *cp)
{
	unsigned long v = 0;
	if (p->len - p->pos < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		char c = p->s[p->pos + (size_t)i];
		int d = c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (unsigned long)d;
	}
	p->pos += 4;
	*cp = v;
	return true;
}

/* \uXXXX, with a surrogate pair combined; a lone surrogate is U+FFFD. */
static struct isms_error *parse_u_escape(struct jparser *p, struct sbuf *sb)
{
	unsigned long cp, lo;
	if (!hex4(p, &cp))
		return perr(p, "bad \\u escape");
	if (cp >= 0xD800 && cp <= 0xDBFF && p->len - p->pos >= 6 &&
	    p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
		size_t save = p->pos;
		p->pos += 2;
		if (hex4(p, &lo) && lo >= 0xDC00 && lo <= 0xDFFF)
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		else
			p->pos = save;
	}
	add_utf8(sb, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
	return NULL;
}

static struct isms_error *parse_escape(struct jparser *p, struct sbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int c = peek(p);
	if (c == 'u') {
		p->pos++;
		return parse_u_escape(p, sb);
	}
	const char *e = c > 0 ? strchr(from, c) : NULL;
	if (!e)
		return perr(p, "bad escape in string");
	sbuf_addch(sb, to[e - from]);
	p->pos++;
	return NULL;
}

static struct isms_error *parse_string_raw(struct jparser *p, struct sbuf *sb)
{
	struct isms_error *err = NULL;
	p->pos++; /* the opening quote */
	for (;;) {
		int c = peek(p);
		if (c < 0)
			return perr(p, "unterminated string");
		if (c == '"') {
			p->pos++;
			return NULL;
		}
		if (c < 0x20)
			return perr(p, "control character in string");
		if (c == '\\') {
			p->pos++;
			if ((err = parse_escape(p, sb)))
				return err;
			continue;
		}
		unsigned long cp;
		size_t n = out_utf8_decode(p->s + p->pos, p->len - p->pos, &cp);
		if (n == 0)
			return perr(p, "invalid UTF-8 in string");
		sbuf_add(sb, p->s + p->pos, n);
		p->pos += n;
	}
}

static struct isms_error *parse_string(struct jparser *p,
    struct json_value **out)
{
	struct sbuf sb = SBUF_INIT;
	struct isms_error *err = parse_string_raw(p, &sb);
	if (err) {
		sbuf_release(&sb);
		return err;
	}
	struct json_value *v = new_value(JSON_STRING);
	v->str = sbuf_detach(&sb, &v->len);
	*out = v;
	return NULL;
}

static size_t skip_digits(struct jparser *p)
{
	size_t n = 0;
	while (peek(p) >= '0' && peek(p) <= '9') {
		p->pos++;
		n++;
	}
	return n;
}

static struct isms_error *parse_number(struct jparser *p,
    struct json_value **out)
{
	size_t start = p->pos;
	if (peek(p) == '-')
		p->pos++;
	if (peek(p) == '0') {
		p->pos++;
	} else if (skip_digits(p) == 0) {
		return perr(p, "bad number");
	}
	if (peek(p) == '.') {
		p->pos++;
		if (skip_digits(p) == 0)
			return perr(p, "bad number: digits expected after '.'");
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		p->pos++;
		if (peek(p) == '+' || peek(p) == '-')
			p->pos++;
		if (skip_digits(p) == 0)
			return perr(p, "bad number: digits expected in exponent");
	}
	char *text = xstrndup(p->s + start, p->pos - start);
	struct json_value *v = new_value(JSON_NUMBER);
	v->num = strtod(text, NULL);
	free(text);
	*out = v;
	return NULL;
}

static struct isms_error *parse_literal(struct jparser *p,
    struct json_value **out)
{
	static const struct {
		const char *word;
		enum json_type type;
		bool b;
	} words[] = {
		{ "true", JSON_BOOL, true },
		{ "false", JSON_BOOL, false },
		{ "null", JSON_NULL, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t n = strlen(words[i].word);
		if (p->len - p->pos >= n &&
		    memcmp(p->s + p->pos, words[i].word, n) == 0) {
			p->pos += n;
			*out = new_value(words[i].type);
			(*out)->b = words[i].b;
			return NULL;
		}
	}
	return perr(p, "unexpected character");
}

/* Items of an array or members of an object, after the opening bracket. */
static struct isms_error *parse_items(struct jparser *p, struct json_value *v,
    char close)
{
	struct isms_error *err = NULL;
	size_t cap = 0, kcap = 0;
	bool object = close == '}';
	skip_ws(p);
	if (peek(p) == close) {
		p->pos++;
		return NULL;
	}
	for (;;) {
		char *key = NULL;
		struct json_value *item = NULL;
		skip_ws(p);
		if (object) {
			struct sbuf sb = SBUF_INIT;
			if (peek(p) != '"')
				return perr(p, "member name expected");
			if ((err = parse_string_raw(p, &sb))) {
				sbuf_release(&sb);
				return err;
			}
			key = sbuf_detach(&sb, NULL);
			skip_ws(p);
			if (peek(p) != ':') {
				free(key);
				return perr(p, "':' expected");
			}
			p->pos++;
		}
		if ((err = parse_value(p, &item))) {
			free(key);
			return err;
		}
		GROW(v->items, cap, v->n + 1);
		if (object) {
			GROW(v->keys, kcap, v->n + 1);
			v->keys[v->n] = key;
		}
		v->items[v->n++] = item;
		skip_ws(p);
		if (peek(p) == close) {
			p->pos++;
			return NULL;
		}
		if (peek(p) != ',')
			return perr(p, object ? "',' or '}' expected" :
			    "',' or ']' expected");
		p->pos++;
	}
}

static struct isms_error *parse_container(struct jparser *p,
    struct json_value **out, enum json_type type)
{
	struct isms_error *err = NULL;
	if (p->depth >= JSON_MAX_DEPTH)
		return perr(p, "nesting too deep");
	p->depth++;
	p->pos++;
	struct json_value *v = new_value(type);
	err = parse_items(p, v, type == JSON_OBJECT ? '}' : ']');
	p->depth--;
	if (err) {
		json_value_free(v);
		return err;
	}
	*out = v;
	return NULL;
}

static struct isms_error *parse_value(struct jparser *p,
    struct json_value **out)
{
	skip_ws(p);
	int c = peek(p);
	if (c < 0)
		return perr(p, "value expected, end of input found");
	if (c == '{')
		return parse_container(p, out, JSON_OBJECT);
	if (c == '[')
		return parse_container(p, out, JSON_ARRAY);
	if (c == '"')
		return parse_string(p, out);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(p, out);
	return parse_literal(p, out);
}

struct isms_error *json_parse(const char *text, size_t len,
    struct json_value **out)
{
	struct jparser p = { text, len, 0, 0 };
	struct json_value *v = NULL;
	struct isms_error *err = NULL;
	*out = NULL;
	if ((err = parse_value(&p, &v)))
		goto out;
	skip_ws(&p);
	if (p.pos < p.len) {
		err = perr(&p, "unexpected text after the value");
		goto out;
	}
	*out = v;
	v = NULL;
out:
	json_value_free(v);
	return err;
}

void json_value_free(struct json_value *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		json_value_free(v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->str);
	free(v);
}

const struct json_value *json_get(const struct json_value *v, const char *key)
{
	if (!v || v->type != JSON_OBJECT)
		return NULL;
	for (size_t i = v->n; i-- > 0;)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const struct json_value *json_at(const struct json_value *v, size_t i)
{
	if (!v || v->type != JSON_ARRAY || i >= v->n)
		return NULL;
	return v->items[i];
}

const struct json_value *json_path(const struct json_value *v,
    const char *path)
{
	while (v && *path) {
		size_t n = strcspn(path, ".");
		char *seg = xstrndup(path, n);
		if (v->type == JSON_ARRAY && n > 0 &&
		    strspn(seg, "0123456789") == n)
			v = json_at(v, strtoul(seg, NULL, 10));
		else
			v = json_get(v, seg);
		free(seg);
		path += n + (path[n] == '.');
	}
	return v;
}
