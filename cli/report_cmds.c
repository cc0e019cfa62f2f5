/*
 * report_cmds.c - `leaktrace report [ID] [--out FILE.html]` (report_cmds.h).
 *
 * Builds the page in memory with lt_report_html, writes it to a temporary
 * file beside FILE and renames it into place, so FILE is either the old
 * page or the whole new one, never half of one.  The file is created with
 * mode 0600: it names recipients.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/report.h"
#include "leaktrace/vault.h"
#include "cli.h"
#include "report_cmds.h"

#define DEFAULT_REPORT "leaktrace-report.html"

/* Write `len` bytes to `path` through a temporary file and a rename. */
static int write_atomically(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path) + 16, off = 0;
	char *tmp = malloc(n);
	int fd;

	if (!tmp)
		return lt_error_set(LT_ENOMEM, "out of memory");
	snprintf(tmp, n, "%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		int rc = lt_error_set(LT_EUSAGE, "%s: cannot create: %s", path,
				      strerror(errno));

		free(tmp);
		return rc;
	}
	errno = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < len || fsync(fd) != 0 || close(fd) != 0) {
		int rc = lt_error_set(LT_EIO, "%s: cannot write: %s", path,
				      strerror(errno ? errno : EIO));

		if (off < len)
			close(fd);
		unlink(tmp);
		free(tmp);
		return rc;
	}
	if (rename(tmp, path) != 0) {
		int rc = lt_error_set(LT_EIO, "%s: cannot write: %s", path,
				      strerror(errno));

		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	return LT_OK;
}

int cli_report(const cli *c)
{
	const char *out = NULL, *id = NULL;
	lt_report_options opt = { NULL, NULL };
	lt_report_summary sum;
	lt_buf page = { 0 };
	lt_vault *v;
	int i, r, rc;

	for (i = 0; i < c->argc; i++) {
		if ((r = cli_take_opt(c->argc, c->argv, &i, "--out", &out))) {
			if (r < 0)
				return cli_usage("%s needs a file name", c->argv[i]);
			continue;
		}
		if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage("report: unknown option '%s'", c->argv[i]);
		if (id)
			return cli_usage("report takes at most one document ID "
					 "(extra '%s')", c->argv[i]);
		id = c->argv[i];
	}
	if (!out)
		out = DEFAULT_REPORT;
	if (!*out)
		return cli_usage("%s", "report: --out needs a file name");
	opt.document = id;
	if ((rc = cli_open_vault(c->vault, &v)))
		return rc;
	rc = lt_report_html(&page, v, &opt, &sum);
	if (rc) {
		lt_buf_free(&page);
		return cli_close_vault(v, rc);
	}
	lt_vault_close(v);
	if (rc == LT_OK)
		rc = write_atomically(out, page.data, page.len);
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
