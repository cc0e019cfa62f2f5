/*
 * support.h - fixtures shared by the unit tests (compiled into each).
 *
 * Tests run from the repository root.  Data shared with other tools and
 * projects (PDQ reference vectors and images, Merkle proof vectors,
 * platform export samples, real prose) lives in the repository's sibling
 * folder ../shared/data, or wherever $LEAKTRACE_SHARED_DATA points.
 */
#ifndef LT_TEST_SUPPORT_H
#define LT_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/vault.h"

/*
 * The folder `sub` of the shared test data: $LEAKTRACE_SHARED_DATA/sub
 * when that is set, else ../shared/data/sub.  Fails the running test,
 * saying where it looked, when the folder is not there.  The path is
 * static (valid until the next call).
 */
const char *ts_shared_data(const char *sub);

/*
 * Make a fresh empty directory $TMPDIR/lt-<tag>-XXXXXX (TMPDIR defaults
 * to /tmp) into out[cap].  Returns 0, or -1 when it cannot be made.
 */
int ts_tmpdir(char *out, size_t cap, const char *tag);

/* Remove a directory made by ts_tmpdir() and all it holds (0 or -1). */
int ts_rmdir(const char *dir);

/*
 * A new vault, initialised and opened, in a fresh temporary directory:
 * `dir` receives the vault's path (dir[cap]); remove it with ts_rmdir().
 * Fails the running test when the vault cannot be made.
 */
lt_vault *ts_vault(char *dir, size_t cap, const char *tag);

/* A whole file as NUL-terminated text (decoded as lt_text_read_file
 * does); fails the running test when it cannot be read.  Caller frees. */
char *ts_read_file(const char *path, size_t *len);

/* Words of official prose to generate text from, ts_nwords of them. */
extern const char *const ts_words[];
extern const size_t ts_nwords;

/* Run SQL on an open vault's database directly (to damage or downgrade
 * it on purpose); fails the running test when SQLite refuses it. */
void ts_sql(lt_vault *v, const char *sql);

/* A fixed, portable generator (xorshift64*) over the state *s. */
uint64_t ts_rng(uint64_t *s);

#endif
