/*
 * Tests for csvread.c: a table of CSV inputs with the rows expected (each
 * row written as "ROW:field|field|...") or the one error expected as
 * err_format() prints it; then files on disk for the size limit and I/O
 * errors, and a writer -> reader round trip.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/csvread.h"
#include "isms/output.h"

/* Rows as "1:a|b\n2:c|d\n" so a whole parse compares as one string. */
static char *dump(const struct csvread *c)
{
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < c->nrows; i++) {
		sbuf_addf(&sb, "%u:", c->rows[i].row);
		for (size_t j = 0; j < c->rows[i].nfields; j++) {
			if (j)
				sbuf_addch(&sb, '|');
			sbuf_adds(&sb, c->rows[i].fields[j]);
		}
		sbuf_addch(&sb, '\n');
	}
	return sbuf_detach(&sb, NULL);
}

struct csv_case {
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *rows; /* expected dump, or NULL when an error is expected */
	const char *err;
};

static const struct csv_case cases[] = {
	{ "", 0, "", NULL },
	{ "\n\n", 0, "", NULL },
	{ "id,name\nA-001,Server\n", 0, "1:id|name\n2:A-001|Server\n", NULL },
	/* No final newline. */
	{ "id,name\nA-001,Server", 0, "1:id|name\n2:A-001|Server\n", NULL },
	/* CRLF and a lone CR. */
	{ "id,name\r\nA-001,Server\r\n", 0, "1:id|name\n2:A-001|Server\n", NULL },
	{ "id\rA\rB", 0, "1:id\n2:A\n3:B\n", NULL },
	/* A byte order mark is not part of the first header. */
	{ "\xEF\xBB\xBFid,name\n1,x\n", 0, "1:id|name\n2:1|x\n", NULL },
	/* Blank and whitespace-only lines are skipped, rows keep their line. */
	{ "id\n\n  \nA\n\r\nB\n", 0, "1:id\n4:A\n6:B\n", NULL },
	/* Quotes: commas, doubled quotes, line breaks inside cells. */
	{ "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", 0,
	  "1:a|b\n2:x, y|say \"hi\"\n", NULL },
	{ "a,b\n\"two\nlines\",2\n3,4\n", 0,
	  "1:a|b\n2:two\nlines|2\n4:3|4\n", NULL },
	{ "a,b\n1,\"x\r\ny\"\r\n\"\"\"\",\"\"\n", 0,
	  "1:a|b\n2:1|x\r\ny\n4:\"|\n", NULL },
	/* Empty fields and ragged rows are returned as they are. */
	{ "a,b,c\n,,\n1\n1,2,3,4\n", 0, "1:a|b|c\n2:||\n3:1\n4:1|2|3|4\n", NULL },
	/* Unquoted fields are trimmed; quoted ones are kept. */
	{ " a , b\t,\" c \"\n", 0, "1:a|b| c \n", NULL },
	{ "name\n日本語,Zürich\n", 0, "1:name\n2:日本語|Zürich\n", NULL },
	/* Neutralised formulas are returned as written: undoing that is the
	 * importer's choice (csv_unneutralise_formula). */
	{ "v\n'=1\n", 0, "1:v\n2:'=1\n", NULL },
	/* Errors. */
	{ "a,b\n1,x\"y\n", 0, NULL, "t.csv:2: malformed CSV: a '\"' inside "
	  "an unquoted field; quote the whole field and double the quotes "
	  "inside it" },
	{ "a,b\n1,2\n3,\"x\"y\n", 0, NULL, "t.csv:3: malformed CSV: text "
	  "after the closing '\"' of a quoted field" },
	{ "a,b\n1,2\n3,\"open\n4,5\n6,7\n", 0, NULL, "t.csv:3: malformed CSV: "
	  "a quoted field is never closed (a '\"' is missing)" },
	{ "a,b\n\"x\"\"\n", 0, NULL, "t.csv:2: malformed CSV: a quoted field "
	  "is never closed (a '\"' is missing)" },
	{ "a,b\n1,2\nx\0y,3\n", 14, NULL, "t.csv:3: contains a NUL byte: "
	  "this is not a text CSV file" },
	{ "a,b\n1,2\n3,Z\xfcrich\n", 0, NULL, "t.csv:3: not valid UTF-8 "
	  "text; save the file as \"CSV UTF-8\" and import it again" },
	{ "\xff\xfe" "a\0,\0b\0", 8, NULL, "t.csv:1: contains a NUL byte: "
	  "this is not a text CSV file" },
};

static void test_cases(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csv_case *t = &cases[i];
		struct csvread *c = (struct csvread *)1;
		size_t len = t->len ? t->len : strlen(t->in);
		struct isms_error *err = csvread_mem(t->in, len, "t.csv", &c);
		if (t->rows) {
			if (err)
				fail_msg("case %zu: %s", i, err->msg);
			char *got = dump(c);
			assert_string_equal(got, t->rows);
			assert_string_equal(c->name, "t.csv");
			free(got);
			csvread_free(c);
		} else {
			assert_non_null(err);
			assert_null(c);
			assert_int_equal(err->code, EXIT_DATA);
			assert_true(err->row > 0);
			char *msg = err_format(err);
			assert_string_equal(msg, t->err);
			free(msg);
			err_free(err);
		}
	}
}

static void test_columns(void **state)
{
	const char *in = "ID,Name,  owner \nA-1,x\n";
	struct csvread *c = NULL;
	assert_null(csvread_mem(in, strlen(in), NULL, &c));
	assert_string_equal(c->name, "-");
	assert_int_equal(csvread_column(c, "id"), 0);
	assert_int_equal(csvread_column(c, "NAME"), 1);
	assert_int_equal(csvread_column(c, "owner"), 2);
	assert_int_equal(csvread_column(c, "own"), -1);
	assert_int_equal(c->rows[1].nfields, 2);
	assert_string_equal(csvread_field(&c->rows[1], 1), "x");
	assert_null(csvread_field(&c->rows[1], 2));
	csvread_free(c);
	csvread_free(NULL);
	assert_int_equal(csvread_column(NULL, "id"), -1);
}

static char *temp_file(const char *content, size_t len)
{
	char *path = xstrdup("/tmp/isms-test-csvread-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_file(void **state)
{
	const char *in = "id,name\nA-001,Server\n";
	char *path = temp_file(in, strlen(in));
	struct csvread *c = NULL;
	struct isms_error *err = NULL;

	assert_null(csvread_file(path, "assets.csv", 0, &c));
	assert_int_equal(c->nrows, 2);
	assert_string_equal(c->name, "assets.csv");
	csvread_free(c);

	/* Exactly at the limit is fine; one byte over is refused unread. */
	assert_null(csvread_file(path, NULL, strlen(in), &c));
	assert_string_equal(c->name, path);
	csvread_free(c);
	err = csvread_file(path, "assets.csv", strlen(in) - 1, &c);
	assert_non_null(err);
	assert_null(c);
	assert_int_equal(err->code, EXIT_DATA);
	char *msg = err_format(err);
	assert_string_equal(msg, "assets.csv: file is larger than the 20-byte "
	    "limit for a CSV import; split it into smaller files");
	free(msg);
	err_free(err);
	unlink(path);
	free(path);

	err = csvread_file("/nonexistent/x.csv", "x.csv", 0, &c);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->file, "x.csv");
	err_free(err);

	err = csvread_file("/tmp", "tmp", 0, &c);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	err_free(err);
}

/* A pipe has no size to check beforehand: the limit holds while reading. */
static void test_pipe_limit(void **state)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "a,b\n1,2\n", 8), 8);
	close(fds[1]);
	char *path = xasprintf("/dev/fd/%d", fds[0]);
	struct csvread *c = NULL;
	struct isms_error *err = csvread_file(path, "in.csv", 5, &c);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	err_free(err);
	close(fds[0]);
	free(path);
}

/* Whatever the table writer emits, the reader gives back cell for cell,
 * including neutralised formulas once csv_unneutralise_formula() runs. */
static void test_writer_round_trip(void **state)
{
	static const char *const cells[] = {
		"plain", "", " padded ", "a,b", "say \"hi\"", "two\nlines",
		"cr\r\nlf", "=1+2", "-3", "@x", "'=quoted", "\ttab", "日本語",
		"trailing\t", "\"", "''", "-", "+1e5",
	};
	struct table *t = table_new();
	table_add_col(t, "k", ALIGN_LEFT, 0);
	table_add_col(t, "v", ALIGN_LEFT, 0);
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++) {
		table_row(t);
		table_cellf(t, "%zu", i);
		table_cell(t, cells[i]);
	}
	struct sbuf sb = SBUF_INIT;
	assert_true(table_render(t, FMT_CSV, NULL, &sb));
	struct csvread *c = NULL;
	assert_null(csvread_mem(sb.buf, sb.len, "rt.csv", &c));
	assert_int_equal(c->nrows, ARRAY_SIZE(cells) + 1);
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++) {
		assert_int_equal(c->rows[i + 1].nfields, 2);
		assert_string_equal(
		    csv_unneutralise_formula(c->rows[i + 1].fields[1]),
		    cells[i]);
	}
	csvread_free(c);
	sbuf_release(&sb);
	table_free(t);
}

/* Random inputs over the characters that matter: never a crash, always
 * either rows or one located error. */
static void test_random(void **state)
{
	static const char alphabet[] = "a,\"\n\r \t\xff\xc3\xa9'";
	unsigned long long x = 0x9E3779B97F4A7C15ULL;
	char buf[64];
	for (int i = 0; i < 20000; i++) {
		size_t len = (size_t)(i % 40);
		for (size_t j = 0; j < len; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[j] = alphabet[x % (sizeof(alphabet) - 1)];
		}
		struct csvread *c = NULL;
		struct isms_error *err = csvread_mem(buf, len, "r.csv", &c);
		assert_true((err == NULL) != (c == NULL));
		if (err)
			assert_true(err->row > 0);
		err_free(err);
		csvread_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_pipe_limit),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
