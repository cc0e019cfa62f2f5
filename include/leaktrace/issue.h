/*
 * issue.h - issuing individually marked copies.
 *
 * Each recipient's copy is the document's plain text with every slot
 * written as that recipient's codeword says.  The codewords of new
 * recipients are stored as one slot-major block (see code.h) so that trace
 * scores all copies in one tight loop.  Issuing again to a recipient who
 * already holds a copy writes the same copy again.
 *
 * All records (recipients, copies, codewords, one "issue" event per copy)
 * are written in one transaction; the copy files are written under
 * temporary names first and renamed into place only after the transaction
 * has committed, so a failure leaves neither records nor files.
 */
#ifndef LEAKTRACE_ISSUE_H
#define LEAKTRACE_ISSUE_H

#include <stddef.h>

#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_issued_copy {
	char *recipient;
	char copy[16]; /* copy id */
	char *path;    /* file written */
	int reissued;  /* the recipient already held this copy */
} lt_issued_copy;

typedef struct lt_issue_result {
	char *document;
	lt_issued_copy *copies;
	size_t n;
} lt_issue_result;

/*
 * Issue `doc_id` to `n` recipients (names: non-empty UTF-8 without control
 * characters, at most 200 bytes; duplicates are issued once).  `out_dir`
 * is created if needed; `format` is "txt" or "md" (NULL: the document's
 * own).  Free the result with lt_issue_result_free().
 */
int lt_issue(lt_issue_result **out, lt_vault *v, const char *doc_id,
	     const char *const *recipients, size_t n, const char *out_dir,
	     const char *format);
void lt_issue_result_free(lt_issue_result *r);

/*
 * Read recipient names from a file, one a line (blank lines and lines
 * starting with '#' skipped, surrounding white space trimmed).  Free with
 * lt_names_free().
 */
int lt_recipients_read_file(char ***names, size_t *n, const char *path);
void lt_names_free(char **names, size_t n);

/* LT_OK when `name` is an acceptable recipient name, else LT_EUSAGE. */
int lt_recipient_name_check(const char *name);

#ifdef __cplusplus
}
#endif
#endif
