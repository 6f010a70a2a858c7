/*
 * The floor for `make bench`: the least any YAML tool must do.
 *
 *   yamlfloor FILE...
 *
 * reads each file and pulls every event through libyaml's event API,
 * discarding them: no tree, no copies, no validation.  isms does all that
 * and more, so its time is reported as a ratio to this one.  The files are
 * read whole first, as isms reads them, so both pay the same I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	if (!f)
		return NULL;
	do {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			if (!(buf = realloc(buf, cap)))
				abort();
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	unsigned long events = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *buf = slurp(argv[i], &len);
		yaml_parser_t p;
		yaml_event_t ev;
		int done = 0;
		if (!buf) {
			perror(argv[i]);
			return 1;
		}
		if (!yaml_parser_initialize(&p))
			abort();
		yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
		while (!done) {
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s: parse error\n", argv[i]);
				return 1;
			}
			done = ev.type == YAML_STREAM_END_EVENT;
			events++;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	return events == 0;
}
