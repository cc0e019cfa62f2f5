/*
 * cli.c - helpers shared by all leaktrace commands (cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "leaktrace/ocr.h"
#include "cli.h"

int cli_exit_code(int rc)
{
	switch (rc) {
	case LT_OK: return 0;
	case LT_EUSAGE:
	case LT_EINPUT:
	case LT_ENOTFOUND:
	case LT_EEXISTS: return EXIT_USAGE;
	case LT_EVAULT:
	case LT_ELOCKED: return EXIT_VAULT;
	default: return 1;
	}
}

int cli_fail(int rc)
{
	fprintf(stderr, "leaktrace: %s\n", lt_error_message());
	return cli_exit_code(rc);
}

int cli_fail_message(const char *msg, int rc)
{
	fprintf(stderr, "leaktrace: %s\n", msg);
	return cli_exit_code(rc);
}

int cli_fail_vault(const lt_vault *v, int rc)
{
	return cli_fail_message(v && lt_vault_errcode(v) == rc
					? lt_vault_errmsg(v)
					: lt_error_message(),
				rc);
}

int cli_close_vault(lt_vault *v, int rc)
{
	int status = rc ? cli_fail_vault(v, rc) : 0;

	lt_vault_close(v);
	return status;
}

int cli_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "leaktrace: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see 'leaktrace --help')\n");
	return EXIT_USAGE;
}

int cli_emit(json_t *doc)
{
	if (!doc) {
		fprintf(stderr, "leaktrace: out of memory\n");
		return 1;
	}
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(doc);
	return 0;
}

int cli_emit_buf(int rc, lt_buf *out)
{
	if (rc == LT_OK) {
		fwrite(out->data, 1, out->len, stdout);
		fputc('\n', stdout);
	}
	lt_buf_free(out);
	return rc ? cli_fail(rc) : 0;
}

void cli_getopt_reset(void)
{
	optind = 0; /* GNU getopt: start over, at words[1] */
	opterr = 0;
}

int cli_getopt(const cli *c, const struct option *opts, const char **bad)
{
	static char short_opt[3];
	int got = getopt_long(c->argc + 1, c->words, ":", opts, NULL);

	/* Options' values are 256 and up, so a smaller optopt is an
	 * unknown short option ("-x"), which may sit in a cluster. */
	if (got == '?' && optopt > 0 && optopt < 256) {
		short_opt[0] = '-';
		short_opt[1] = (char)optopt;
		*bad = short_opt;
	} else if (got == '?' || got == ':') {
		*bad = c->words[optind - 1];
	}
	return got;
}

char **cli_operands(const cli *c, int *n)
{
	*n = c->argc + 1 - optind;
	return c->words + optind;
}

int cli_take_opt(int argc, char **argv, int *i, const char *name,
		 const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

/* LEAKTRACE_LOCK_TIMEOUT_MS as lt_vault_options takes it: 0 (the default)
 * when unset or not a number from 0 to 600000; -1 (do not wait) for 0. */
static int lock_timeout_from_env(void)
{
	const char *s = getenv("LEAKTRACE_LOCK_TIMEOUT_MS");
	long ms;
	char *end;

	if (!s || !*s)
		return 0;
	ms = strtol(s, &end, 10);
	if (*end || ms < 0 || ms > 600000)
		return 0;
	return ms == 0 ? -1 : (int)ms;
}

int cli_vault_open(lt_vault **v, const char *dir)
{
	lt_vault_options opts = {0};
	lt_ocr_options ocr = {0};

	opts.lock_timeout_ms = lock_timeout_from_env();
	ocr.tessdata = getenv("TESSDATA_PREFIX");
	opts.ocr_options = &ocr;
	return lt_vault_open_ex(v, dir, &opts);
}

int cli_open_vault(const char *dir, lt_vault **v)
{
	int rc = cli_vault_open(v, dir);

	return rc ? cli_fail(rc) : 0;
}

int cli_colour(void)
{
	return isatty(STDOUT_FILENO);
}
