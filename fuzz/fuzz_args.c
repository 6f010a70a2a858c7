/*
 * Fuzz target: the command line.
 *
 * The input is split at NUL bytes into argv (after "isms").  The global
 * options are parsed by parse_globals() and the rest by dispatch_parse()
 * (main.c) over the real command table: command and verb lookup, the
 * shared option parser with every verb's options and --FIELD flags,
 * argument counts and help.  Nothing is run, so no project is touched.
 * A usage error must be exit status 2 and carry a message.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "../src/cmd.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "isms";
	for (size_t i = 0; i <= size && argc < MAX_ARGS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;

	struct globals g = { 0 };
	struct ctx ctx = { 0 };
	struct isms_error *err = NULL;
	g.format = FMT_TEXT;
	ctx.g = &g;
	sbuf_init(&ctx.out);
	int first = parse_globals(&g, argc, argv, &err);
	if (first >= 0 && !err) {
		bool ready;
		err = dispatch_parse(&ctx, argc - first, argv + first, &ready);
		fuzz_assert(!(err && ready));
		if (ready) {
			fuzz_assert(ctx.cmd != NULL);
			for (size_t i = 0; i < ctx.args.nopt; i++)
				fuzz_assert(ctx.args.opt[i].name != NULL);
		}
	}
	if (err) {
		fuzz_assert(err->code == EXIT_USAGE && err->msg && *err->msg);
		char *msg = err_format(err);
		free(msg);
		err_free(err);
	}
	ctx_release(&ctx);
	free(buf);
	return 0;
}
