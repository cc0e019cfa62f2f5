/*
 * report_cmds.c - `leaktrace report [ID] [--out FILE.html]` (report_cmds.h).
 *
 * Builds the page in memory with lt_report_html and writes it with
 * lt_file_write_atomic, so FILE is either the old page or the whole new
 * one, never half of one.  The file is created with mode 0600: it names
 * recipients.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/report.h"
#include "leaktrace/vault.h"
#include "cli.h"
#include "report_cmds.h"

#define DEFAULT_REPORT "leaktrace-report.html"

int cli_report(const cli *c)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 256},
		{NULL, 0, NULL, 0}
	};
	const char *out = NULL, *id = NULL, *bad = NULL;
	lt_report_options opt = { NULL, NULL };
	lt_report_summary sum;
	lt_buf page = { 0 };
	lt_vault *v;
	char **ops;
	int n, got, rc;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		if (got == 256)
			out = optarg;
		else if (got == ':')
			return cli_usage("%s needs a file name", bad);
		else
			return cli_usage("report: unknown option '%s'", bad);
	}
	ops = cli_operands(c, &n);
	if (n > 1)
		return cli_usage("report takes at most one document ID "
				 "(extra '%s')", ops[1]);
	if (n == 1)
		id = ops[0];
	if (!out)
		out = DEFAULT_REPORT;
	if (!*out)
		return cli_usage("%s", "report: --out needs a file name");
	opt.document = id;
	if ((rc = cli_check_output(c->vault, out, 0)))
		return rc;
	if ((rc = cli_open_vault_read_only(c->vault, &v)))
		return rc;
	rc = lt_report_html(&page, v, &opt, &sum);
	if (rc) {
		lt_buf_free(&page);
		return cli_close_vault(v, rc);
	}
	lt_vault_close(v);
	if (rc == LT_OK)
		rc = lt_file_write_atomic(out, page.data, page.len, 0600);
	lt_buf_free(&page);
	if (rc)
		return cli_fail(rc);
	if (c->json)
		return cli_emit(json_pack("{s:s, s:I, s:I, s:I}", "report", out,
					  "documents", (json_int_t)sum.reported,
					  "registered", (json_int_t)sum.documents,
					  "sightings", (json_int_t)sum.sightings));
	printf("Wrote %s: %zu sighting%s of %zu document%s (%zu registered).\n",
	       out, sum.sightings, sum.sightings == 1 ? "" : "s", sum.reported,
	       sum.reported == 1 ? "" : "s", sum.documents);
	return 0;
}
