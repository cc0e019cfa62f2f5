/*
 * scan_cmds.c - `leaktrace scan` and `leaktrace sightings`: how far a
 * document has spread, through the command line (scan_cmds.h).
 *
 * scan reads every SOURCE first and records nothing until all of them
 * have been read: broken input in any of them exits 2 naming the file and
 * position, and the vault is left exactly as it was (all-or-nothing per
 * scan run).  sightings lists what is stored; --csv is the takedown list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/scan.h"
#include "leaktrace/vault.h"
#include "cli.h"
#include "scan_cmds.h"

/* ---------------------------------------------------------------------
 * scan
 * ------------------------------------------------------------------- */

/* One line a sighting; every field from the export is shown flat. */
static void print_sighting(const lt_sighting *g)
{
	printf("%s %-8s %s/%s  %s  %s  %.0f%% of %zu words",
	       g->is_new ? "new " : "seen", cli_flat(g->platform),
	       g->channel[0] ? cli_flat(g->channel) : "-",
	       g->message[0] ? cli_flat(g->message) : "-",
	       cli_flat(g->document),
	       g->posted_at ? cli_flat(g->posted_at) : "time unknown",
	       100 * g->similarity, g->words);
	if (g->recipient)
		printf("  copy of %s (%s, p_false %.2g)", cli_flat(g->recipient),
		       cli_flat(g->copy), g->p_false);
	else if (g->verdict)
		printf("  %s", cli_flat(g->verdict));
	putchar('\n');
}

int cli_scan(const cli *c)
{
	static const struct option none[] = { {NULL, 0, NULL, 0} };
	const char *vault = c->vault, *bad = NULL;
	int json = c->json, argc;
	char **argv;
	const lt_sighting *found;
	const lt_scan_stats *st;
	lt_scanner *s = NULL;
	lt_vault *v;
	size_t n, i, fresh = 0;
	int rc, status;

	cli_getopt_reset();
	if (cli_getopt(c, none, &bad) != -1)
		return cli_usage("scan: unknown option '%s'", bad);
	argv = cli_operands(c, &argc);
	if (argc < 1)
		return cli_usage("%s", "scan needs at least one SOURCE");
	if ((rc = cli_vault_open(&v, vault)))
		return cli_fail(rc);
	if ((rc = lt_scanner_open(&s, v)))
		goto out;
	{
		/* --ocr-pages, --ocr-seconds: each attachment's budget */
		lt_scan_budget b = {0};

		cli_ocr_budget(&b.file);
		lt_scanner_set_budget(s, &b);
	}
	for (i = 0; i < (size_t)argc && rc == LT_OK; i++)
		rc = lt_scanner_scan(s, argv[i]);
	{
		const char *const *notes = lt_scanner_notices(s, &n);

		for (i = 0; i < n; i++)
			fprintf(stderr, "leaktrace: warning: %s\n", notes[i]);
	}
	if (rc || (rc = lt_scanner_commit(s)))
		goto out;
	found = lt_scanner_sightings(s, &n);
	st = lt_scanner_stats(s);
	for (i = 0; i < n; i++)
		fresh += found[i].is_new;
	if (json) {
		lt_buf out = {0};

		if ((rc = lt_scan_result_json(&out, s)) == LT_OK) {
			fwrite(out.data, 1, out.len, stdout);
			putchar('\n');
		}
		lt_buf_free(&out);
	} else {
		printf("Scanned %zu messages in %zu files against %zu documents "
		       "(%zu skipped; %zu attachments, %zu not examined).\n",
		       st->messages, st->files, lt_scanner_documents(s), st->skipped,
		       st->attachments, st->attachments_skipped);
		if (st->refused || st->unreadable || st->truncated)
			printf("Not read: %zu refused (outside their export, "
			       "symbolic links or special files), %zu unreadable "
			       "parts skipped, %zu messages cut to their first "
			       "8 MiB.\n", st->refused, st->unreadable,
			       st->truncated);
		if (st->ocr_skipped || st->ocr_downscaled)
			printf("OCR: %zu pages read, %zu left unread over the "
			       "OCR budget (in %zu attachments), %zu page images "
			       "scaled down.\n", st->ocr_pages, st->ocr_skipped,
			       st->ocr_files_over, st->ocr_downscaled);
		printf("%zu sightings, %zu new.\n", n, fresh);
		for (i = 0; i < n; i++)
			print_sighting(&found[i]);
	}
out:
	if (rc == LT_ENOMEM && json)
		status = 1;
	else if (rc && s && lt_scanner_errcode(s) == rc)
		status = cli_fail_message(lt_scanner_errmsg(s), rc);
	else
		status = rc ? cli_fail_vault(v, rc) : 0;
	lt_scanner_free(s);
	lt_vault_close(v);
	return status;
}

/* ---------------------------------------------------------------------
 * sightings
 * ------------------------------------------------------------------- */

/*
 * One CSV field, RFC 4180: quoted when it holds a comma, quote or line
 * break, quotes doubled.  The takedown list is opened in spreadsheets, and
 * the fields come from the exports (an author can call themselves
 * "=HYPERLINK(...)"): a field a spreadsheet would take for a formula -
 * starting with = + - @, tab or carriage return - gets a leading
 * apostrophe, as OWASP advises against CSV injection, and is then shown
 * as the text it is.
 */
static void csv_field(const char *s, int last)
{
	int formula, quote;

	if (!s)
		s = "";
	formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		putchar('"');
	if (formula)
		putchar('\'');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	if (quote)
		putchar('"');
	putchar(last ? '\n' : ',');
}

static void print_csv(const lt_sighting *g, size_t n)
{
	size_t i;

	printf("platform,channel,message,url,author,posted_at,document,"
	       "recipient,copy,first_seen\n");
	for (i = 0; i < n; i++) {
		csv_field(g[i].platform, 0);
		csv_field(g[i].channel, 0);
		csv_field(g[i].message, 0);
		csv_field(g[i].url, 0);
		csv_field(g[i].author, 0);
		csv_field(g[i].posted_at, 0);
		csv_field(g[i].document, 0);
		csv_field(g[i].recipient, 0);
		csv_field(g[i].copy, 0);
		csv_field(g[i].first_seen, 1);
	}
}

int cli_sightings(const cli *c)
{
	static const struct option opts[] = {
		{"csv", no_argument, NULL, 256},
		{NULL, 0, NULL, 0}
	};
	const char *vault = c->vault, *bad = NULL;
	int json = c->json, argc, got;
	char **argv;
	const char *id = NULL;
	lt_sighting *g;
	lt_vault *v;
	size_t n, i;
	int csv = 0, rc;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		if (got != 256)
			return cli_usage("sightings: unknown option '%s'", bad);
		csv = 1;
	}
	argv = cli_operands(c, &argc);
	if (argc > 1)
		return cli_usage("sightings takes at most one ID (extra '%s')",
				 argv[1]);
	if (argc == 1)
		id = argv[0];
	if ((rc = cli_vault_open_read_only(&v, vault)))
		return cli_fail(rc);
	rc = lt_sightings_list(&g, &n, v, id);
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (csv) {
		cli_stdout_exact();
		print_csv(g, n);
	} else if (json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_sightings_json(&out, id, g, n), &out);
	} else {
		printf("%zu sightings%s%s\n", n, id ? " of " : "",
		       id ? cli_flat(id) : "");
		for (i = 0; i < n; i++)
			printf("%-20s %-8s %-20s %-20s %s %s\n",
			       g[i].posted_at ? cli_flat(g[i].posted_at) : "-",
			       cli_flat(g[i].platform),
			       g[i].channel[0] ? cli_flat(g[i].channel) : "-",
			       g[i].message[0] ? cli_flat(g[i].message) : "-",
			       cli_flat(g[i].url ? g[i].url : g[i].source),
			       g[i].recipient ? cli_flat(g[i].recipient) : "");
	}
	lt_sightings_free(g, n);
	return rc;
}
