/*
 * Data files compiled into the binary (the YAML files under data/), generated at build time
 * by tools/embed.c.  The table ends with an entry whose name is NULL.
 */
#ifndef ISMS_EMBEDDED_H
#define ISMS_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const char *data;
	size_t len;
};

extern const struct embedded_file embedded_files[];

/* The embedded file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
