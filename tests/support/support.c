/*
 * support.c - fixtures shared by the unit tests (support.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "store/vault_internal.h"
#include "support.h"

const char *ts_shared_data(const char *sub)
{
	static char path[4096];
	const char *env = getenv("LEAKTRACE_SHARED_DATA");
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", env && *env ? env
						: "../shared/data", sub);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		fail_msg("shared test data not found at %s (run from the "
			 "repository root, or set LEAKTRACE_SHARED_DATA)", path);
	return path;
}

int ts_tmpdir(char *out, size_t cap, const char *tag)
{
	const char *tmp = getenv("TMPDIR");

	if (snprintf(out, cap, "%s/lt-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		     tag) >= (int)cap)
		return -1;
	return mkdtemp(out) ? 0 : -1;
}

int ts_rmdir(const char *dir)
{
	char cmd[4200];

	if (!dir || !*dir || strchr(dir, '\''))
		return -1;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

lt_vault *ts_vault(char *dir, size_t cap, const char *tag)
{
	lt_vault *v = NULL;

	if (ts_tmpdir(dir, cap, tag) != 0)
		fail_msg("cannot make a temporary directory for a vault");
	/* The vault is the directory itself: lt_vault_init wants it new. */
	if (rmdir(dir) != 0 || lt_vault_init(dir) != LT_OK ||
	    lt_vault_open(&v, dir) != LT_OK)
		fail_msg("cannot make a vault in %s: %s", dir,
			 lt_error_message());
	return v;
}

char *ts_read_file(const char *path, size_t *len)
{
	lt_buf b = {0};

	if (lt_text_read_file(&b, path, 0, NULL) != LT_OK)
		fail_msg("%s", lt_error_message());
	return lt_buf_detach(&b, len);
}

const char *const ts_words[] = {
	"department", "budget", "office", "regional", "review", "contract",
	"staff", "measure", "agency", "secretary", "treasury", "counsel",
	"schedule", "facility", "relocation", "archive", "material", "storage",
	"warehouse", "notice", "overtime", "security", "personnel", "crew",
	"infrastructure", "travel", "request", "mission", "policy", "report",
	"committee", "director", "minister", "council", "proposal", "decision",
	"meeting", "deadline", "payment", "invoice", "audit", "inspection",
	"procurement", "tender", "supplier", "allocation", "reserve", "fund",
	"the", "of", "and", "to", "a", "in", "for", "that", "is", "on", "with",
	"will", "be", "by", "as", "are", "this", "from", "at", "or", "an",
	"must", "should", "may", "all", "each", "every", "its", "their",
	"not", "only", "before", "after", "until", "during", "under", "within",
	"approve", "reduce", "require", "submit", "confirm", "assign",
	"circulate", "coordinate", "declined", "expected", "several",
	"temporary", "central", "northern", "western", "critical", "essential",
	"further", "pending", "detailed", "annual", "quarterly", "revised",
	"internal", "external", "confidential", "immediate", "formal",
	"month", "week", "year", "quarter", "period", "number", "level",
	"cost", "saving", "risk", "impact", "plan", "program", "project",
	"service", "system", "process", "resource", "record", "document",
};

const size_t ts_nwords = sizeof(ts_words) / sizeof(ts_words[0]);

uint64_t ts_rng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

void ts_sql(lt_vault *v, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(v->db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "refused");
}
