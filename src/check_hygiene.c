/*
 * Rules about the project as files and text rather than as an ISMS:
 * leftovers of interrupted writes, and ids that only look alike.
 *
 * stale-temp-file: atomic_write() writes .isms-tmp-XXXXXX beside the file
 * it replaces and renames it into place; a writer killed by SIGKILL (or a
 * power cut) between the two leaves it behind, since nothing can run to
 * remove it.  It is harmless, because no reader opens it and every writer
 * creates a fresh name, but it is clutter a person should delete, and
 * isms will not delete it itself: a concurrent `isms report -o` in the
 * project root may be writing one at that very moment.
 *
 * lookalike-id: an id that differs from another id of the same collection
 * only by characters that look the same (Cyrillic 'А' for Latin 'A',
 * fullwidth digits, Unicode dashes) is a trap: a reference typed one way
 * silently misses the record written the other way, and a reviewer
 * reading the diff cannot tell them apart.  Each id with non-ASCII
 * characters is folded to its ASCII look-alike skeleton and looked up.
 */
#include "isms/check.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/util.h"

#define R_STALE_TEMP "stale-temp-file"
#define R_LOOKALIKE "lookalike-id"

static void rule_stale_temp(const struct project *p, struct diags *out)
{
	DIR *d = opendir(p->root);
	char **names = NULL;
	size_t n = 0, cap = 0;
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));)
		if (strncmp(e->d_name, ".isms-tmp-", 10) == 0) {
			GROW(names, cap, n + 1);
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		diag_add(out, SEV_WARNING, R_STALE_TEMP, names[i], NULL,
		    "temporary file left by an interrupted isms write; "
		    "no register uses it, delete it");
		free(names[i]);
	}
	free(names);
}

/* Decodes one UTF-8 sequence (the loader has checked the encoding). */
static uint32_t utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t c = *p++;
	size_t more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (more)
		c &= 0x3Fu >> more;
	for (; more && (*p & 0xC0) == 0x80; more--)
		c = c << 6 | (*p++ & 0x3F);
	*s = p;
	return c;
}

/* Pairs of (code point, ASCII look-alike), sorted by code point. */
static const struct { uint16_t cp; char ascii; } confusables[] = {
	{ 0x00A0, ' ' }, { 0x00AD, '-' },
	{ 0x0391, 'A' }, { 0x0392, 'B' }, { 0x0395, 'E' }, { 0x0396, 'Z' },
	{ 0x0397, 'H' }, { 0x0399, 'I' }, { 0x039A, 'K' }, { 0x039C, 'M' },
	{ 0x039D, 'N' }, { 0x039F, 'O' }, { 0x03A1, 'P' }, { 0x03A4, 'T' },
	{ 0x03A5, 'Y' }, { 0x03A7, 'X' }, { 0x03BF, 'o' },
	{ 0x0405, 'S' }, { 0x0406, 'I' }, { 0x0408, 'J' }, { 0x0410, 'A' },
	{ 0x0412, 'B' }, { 0x0415, 'E' }, { 0x041A, 'K' }, { 0x041C, 'M' },
	{ 0x041D, 'H' }, { 0x041E, 'O' }, { 0x0420, 'P' }, { 0x0421, 'C' },
	{ 0x0422, 'T' }, { 0x0423, 'Y' }, { 0x0425, 'X' }, { 0x0430, 'a' },
	{ 0x0435, 'e' }, { 0x043E, 'o' }, { 0x0440, 'p' }, { 0x0441, 'c' },
	{ 0x0443, 'y' }, { 0x0445, 'x' }, { 0x0455, 's' }, { 0x0456, 'i' },
	{ 0x0458, 'j' },
	{ 0x2010, '-' }, { 0x2011, '-' }, { 0x2012, '-' }, { 0x2013, '-' },
	{ 0x2014, '-' }, { 0x2015, '-' }, { 0x2024, '.' }, { 0x2212, '-' },
	{ 0xFE58, '-' }, { 0xFE63, '-' },
};

static int confusable(uint32_t cp)
{
	size_t lo = 0, hi = ARRAY_SIZE(confusables);
	if (cp >= 0xFF01 && cp <= 0xFF5E)   /* fullwidth forms */
		return (int)(cp - 0xFF01 + 0x21);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (confusables[mid].cp == cp)
			return confusables[mid].ascii;
		if (confusables[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The ASCII skeleton of id, or NULL when id is ASCII already or has a
 * character that looks like no ASCII one. */
static char *skeleton(const char *id)
{
	const unsigned char *s = (const unsigned char *)id;
	struct sbuf sb = SBUF_INIT;
	bool folded = false;
	/* Nearly every id is ASCII: no copy to make. */
	while (*s && *s < 0x80)
		s++;
	if (!*s)
		return NULL;
	s = (const unsigned char *)id;
	while (*s) {
		if (*s < 0x80) {
			sbuf_addch(&sb, (char)*s++);
			continue;
		}
		int c = confusable(utf8_next(&s));
		if (c < 0) {
			sbuf_release(&sb);
			return NULL;
		}
		sbuf_addch(&sb, (char)c);
		folded = true;
	}
	if (!folded) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb, NULL);
}

static void rule_lookalike(const struct project *p, struct diags *out)
{
	for (int c = 0; c < COL_COUNT; c++) {
		const struct coll_def *cd = &coll_defs[c];
		const struct reclist *l = project_list(p, c);
		const char *file = reg_defs[cd->file].file;
		const char **seen = NULL;
		const char **skel = NULL;
		size_t n = 0, cap = 0, cap2 = 0;
		for (size_t i = 0; i < l->n; i++) {
			const char *id = rec_id(l->v[i], cd->schema);
			char *k = id ? skeleton(id) : NULL;
			if (!k)
				continue;
			const char *other = NULL;
			const void *r = project_find(p, c, k);
			if (r)
				other = rec_id(r, cd->schema);
			for (size_t j = 0; j < n && !other; j++)
				if (strcmp(skel[j], k) == 0)
					other = seen[j];
			if (other && strcmp(other, id) != 0)
				diag_add(out, SEV_WARNING, R_LOOKALIKE, file,
				    rec_node(l->v[i],
				    schema_id_field(cd->schema)->name),
				    "%s id '%s' looks like '%s' but is not the "
				    "same id (it has non-ASCII characters)",
				    cd->noun, id, other);
			GROW(seen, cap, n + 1);
			GROW(skel, cap2, n + 1);
			seen[n] = id;
			skel[n++] = k;
		}
		for (size_t j = 0; j < n; j++)
			free((char *)skel[j]);
		free(skel);
		free(seen);
	}
}

const struct rule hygiene_rules[] = {
	{ R_STALE_TEMP, SEV_WARNING, "a temporary file left by an interrupted "
	    "write", rule_stale_temp },
	{ R_LOOKALIKE, SEV_WARNING, "an id that looks like another id but "
	    "differs in Unicode characters", rule_lookalike },
	{ NULL, SEV_ERROR, NULL, NULL },
};
