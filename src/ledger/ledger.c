/*
 * ledger.c - the vault's tamper-evident log (ledger.h): storage of the
 * Merkle tree in the vault database, signed tree heads, verification,
 * proofs and proof documents, access events and their CSV import, and the
 * suspects query.
 *
 * Storage (schema migration 2):
 *   ledger_leaves(idx, seq, hash)   leaf idx is the event `seq`
 *   ledger_nodes(level, idx, hash)  every complete subtree of height >= 1
 *   ledger_heads(size, root, at, signature)  one per sealed transaction
 * A root or proof needs only O(log n) of these rows (merkle.c).  Events
 * are appended by lt_vault_event; lt_vault_commit calls lt_ledger_seal,
 * which hashes the new events into the tree and signs one head, all inside
 * the same transaction.
 */
#define _GNU_SOURCE /* asprintf, vasprintf */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"
#include "store/sqlite_internal.h"

#define SIGNING_KEY_NAME "signing.key"
#define META_PUBLIC_KEY "ledger_public_key"
#define PROOF_FORMAT "leaktrace-proof-v1"
#define ENTRY_MAGIC "leaktrace event v1\n"
#define HEAD_MAGIC "leaktrace tree head v1\n"
#define MAX_PROBLEMS 100
#define MAX_CSV_BYTES ((size_t)256 << 20)
#define MAX_CSV_FIELD ((size_t)64 << 10)
#define MAX_CSV_FIELDS 256
#define MAX_PROOF_BYTES ((size_t)1 << 20)

/* ---------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------- */

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *col_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? strdup((const char *)t) : NULL;
}

static void hex_of(char out[65], const unsigned char *bin)
{
	sodium_bin2hex(out, 65, bin, 32);
}

/* Exactly 2*len hex digits into out[len]. */
static int hex_decode(unsigned char *out, size_t len, const char *hex)
{
	size_t got = 0;
	const char *end;

	if (!hex || strlen(hex) != 2 * len)
		return -1;
	if (sodium_hex2bin(out, len, hex, 2 * len, NULL, &got, &end) != 0 ||
	    got != len || *end)
		return -1;
	return 0;
}

const char *lt_ledger_problem_name(lt_ledger_problem_kind k)
{
	switch (k) {
	case LT_PROBLEM_CHANGED: return "changed";
	case LT_PROBLEM_DELETED: return "deleted";
	case LT_PROBLEM_REORDERED: return "reordered";
	case LT_PROBLEM_INSERTED: return "inserted";
	case LT_PROBLEM_UNSIGNED: return "unsigned";
	case LT_PROBLEM_HEAD_FORGED: return "forged-head";
	case LT_PROBLEM_HEAD_MISMATCH: return "head-mismatch";
	case LT_PROBLEM_NODE: return "node";
	default: return "key";
	}
}

/* ---------------------------------------------------------------------
 * Canonical entries
 * ------------------------------------------------------------------- */

/* Append "NAME LEN:BYTES\n". */
static int put_field(lt_buf *out, const char *name, const char *s, size_t len)
{
	int rc;

	if ((rc = lt_buf_printf(out, "%s %zu:", name, len)) ||
	    (rc = lt_buf_append(out, s, len)))
		return rc;
	return lt_buf_putc(out, '\n');
}

/* The entry from raw fields (document may be NULL). */
static int entry_of(lt_buf *out, int64_t seq, const char *at, size_t atlen,
		    const char *kind, size_t kindlen, const char *doc,
		    size_t doclen, const char *detail, size_t detaillen)
{
	int rc;

	if ((rc = lt_buf_puts(out, ENTRY_MAGIC)) ||
	    (rc = lt_buf_printf(out, "seq %" PRId64 "\n", seq)) ||
	    (rc = put_field(out, "at", at, atlen)) ||
	    (rc = put_field(out, "kind", kind, kindlen)))
		return rc;
	if (doc)
		rc = put_field(out, "document", doc, doclen);
	else
		rc = lt_buf_puts(out, "document -\n");
	if (rc)
		return rc;
	return put_field(out, "detail", detail, detaillen);
}

int lt_event_entry(lt_buf *out, const lt_event *e)
{
	const char *at = e->at ? e->at : "", *kind = e->kind ? e->kind : "";
	const char *detail = e->detail ? e->detail : "";

	return entry_of(out, e->seq, at, strlen(at), kind, strlen(kind),
			e->document, e->document ? strlen(e->document) : 0,
			detail, strlen(detail));
}

/* The entry of the events row `st` has in columns seq, at, kind,
 * document, detail (starting at column `c`). */
static int entry_of_row(lt_buf *out, sqlite3_stmt *st, int c)
{
	const char *at = (const char *)sqlite3_column_text(st, c + 1);
	size_t atlen = (size_t)sqlite3_column_bytes(st, c + 1);
	const char *kind = (const char *)sqlite3_column_text(st, c + 2);
	size_t kindlen = (size_t)sqlite3_column_bytes(st, c + 2);
	const char *doc = (const char *)sqlite3_column_text(st, c + 3);
	size_t doclen = (size_t)sqlite3_column_bytes(st, c + 3);
	const char *detail = (const char *)sqlite3_column_text(st, c + 4);
	size_t detaillen = (size_t)sqlite3_column_bytes(st, c + 4);

	return entry_of(out, sqlite3_column_int64(st, c), at ? at : "", atlen,
			kind ? kind : "", kindlen, doc, doclen,
			detail ? detail : "", detaillen);
}

void lt_event_clear(lt_event *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->kind);
	free(e->document);
	free(e->detail);
	memset(e, 0, sizeof(*e));
}

/* Parse an unsigned decimal without leading zeros up to `stop`. */
static int parse_decimal(const char **p, const char *end, char stop,
			 uint64_t max, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	if (*s == '0' && s + 1 < end && isdigit((unsigned char)s[1]))
		return -1;
	while (s < end && isdigit((unsigned char)*s)) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
		s++;
	}
	if (s >= end || *s != stop)
		return -1;
	*p = s + 1;
	*out = v;
	return 0;
}

/* Parse "NAME LEN:BYTES\n" (or "NAME -\n" when allow_null). */
static int parse_field(const char **p, const char *end, const char *name,
		       int allow_null, char **out)
{
	size_t n = strlen(name);
	uint64_t len;

	*out = NULL;
	if ((size_t)(end - *p) < n + 1 || memcmp(*p, name, n) || (*p)[n] != ' ')
		return -1;
	*p += n + 1;
	if (allow_null && end - *p >= 2 && (*p)[0] == '-' && (*p)[1] == '\n') {
		*p += 2;
		return 0;
	}
	if (parse_decimal(p, end, ':', SIZE_MAX / 2, &len))
		return -1;
	if ((uint64_t)(end - *p) < len + 1 || (*p)[len] != '\n' ||
	    memchr(*p, '\0', (size_t)len))
		return -1;
	if (!(*out = malloc((size_t)len + 1)))
		return -2;
	memcpy(*out, *p, (size_t)len);
	(*out)[len] = '\0';
	*p += len + 1;
	return 0;
}

int lt_event_entry_parse(lt_event *out, const void *entry, size_t len)
{
	const char *p = entry, *end = p + len;
	size_t ml = strlen(ENTRY_MAGIC);
	uint64_t seq;
	int r;

	memset(out, 0, sizeof(*out));
	if (len < ml || memcmp(p, ENTRY_MAGIC, ml))
		return lt_error_set(LT_EINPUT, "entry: does not start with '%s'",
				    "leaktrace event v1");
	p += ml;
	if ((size_t)(end - p) < 4 || memcmp(p, "seq ", 4))
		return lt_error_set(LT_EINPUT, "entry: no 'seq' line");
	p += 4;
	if (parse_decimal(&p, end, '\n', INT64_MAX, &seq) || seq == 0)
		return lt_error_set(LT_EINPUT, "entry: bad 'seq' line");
	out->seq = (int64_t)seq;
	if ((r = parse_field(&p, end, "at", 0, &out->at)) ||
	    (r = parse_field(&p, end, "kind", 0, &out->kind)) ||
	    (r = parse_field(&p, end, "document", 1, &out->document)) ||
	    (r = parse_field(&p, end, "detail", 0, &out->detail))) {
		lt_event_clear(out);
		return r == -2 ? lt_error_set(LT_ENOMEM, "out of memory")
			       : lt_error_set(LT_EINPUT, "entry: a field is "
					      "malformed (after byte %zu)",
					      (size_t)(p - (const char *)entry));
	}
	if (p != end) {
		lt_event_clear(out);
		return lt_error_set(LT_EINPUT, "entry: %zu bytes after the detail "
				    "line", (size_t)(end - p));
	}
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Tree heads and the signing key
 * ------------------------------------------------------------------- */

int lt_tree_head_message(lt_buf *out, const lt_tree_head *h)
{
	char hex[65];

	hex_of(hex, h->root);
	return lt_buf_printf(out, HEAD_MAGIC "size %" PRIu64 "\nroot %s\nat %s\n",
			     h->size, hex, h->at);
}

int lt_tree_head_verify(const lt_tree_head *h,
			const unsigned char public_key[LT_SIGN_PUBLIC_BYTES])
{
	lt_buf msg = {0};
	int ok;

	if (lt_tree_head_message(&msg, h))
		return lt_error_set(LT_ENOMEM, "out of memory");
	ok = crypto_sign_verify_detached(h->signature,
					 (const unsigned char *)msg.data, msg.len,
					 public_key) == 0;
	lt_buf_free(&msg);
	if (!ok)
		return lt_error_set(LT_EINPUT, "the tree head of size %" PRIu64
				    " (signed at %s) does not carry a valid "
				    "signature of this public key", h->size, h->at);
	return LT_OK;
}

static char *vault_path(lt_vault *v, const char *name)
{
	size_t n = strlen(v->dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", v->dir, name);
	return p;
}

/* The public key recorded in the vault (hex), or "" when none. */
static int meta_public_key(lt_vault *v, char hex[65])
{
	sqlite3_stmt *st;
	int rc;

	hex[0] = '\0';
	if ((rc = lt_vault_prepare(v, &st, "SELECT value FROM meta WHERE key=?")))
		return rc;
	sqlite3_bind_text(st, 1, META_PUBLIC_KEY, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(hex, 65, "%s", t ? (const char *)t : "");
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read ledger key");
}

static int set_meta_public_key(lt_vault *v, const unsigned char *pk)
{
	sqlite3_stmt *st;
	char hex[65];
	int rc;

	hex_of(hex, pk);
	if ((rc = lt_vault_prepare(v, &st, "INSERT OR REPLACE INTO meta(key, value)"
					  " VALUES(?, ?)")))
		return rc;
	sqlite3_bind_text(st, 1, META_PUBLIC_KEY, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "record ledger key");
}

/* Read signing.key: 64 bytes, regular file, mode 0600.  1 when absent. */
static int read_signing_key(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	struct stat sb;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		return lt_error_set(LT_EVAULT, "ledger signing key %s: %s", path,
				    strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size != crypto_sign_SECRETKEYBYTES) {
		close(fd);
		return lt_error_set(LT_EVAULT, "ledger signing key %s is damaged "
				    "(expected %d bytes)", path,
				    crypto_sign_SECRETKEYBYTES);
	}
	if ((sb.st_mode & 077) != 0) {
		close(fd);
		return lt_error_set(LT_EVAULT, "ledger signing key %s is readable by "
				    "others; it must be mode 0600", path);
	}
	n = read(fd, sk, crypto_sign_SECRETKEYBYTES);
	close(fd);
	if (n != crypto_sign_SECRETKEYBYTES)
		return lt_error_set(LT_EVAULT, "cannot read ledger signing key %s",
				    path);
	return LT_OK;
}

/* Create signing.key (0600) without ever replacing an existing one. */
static int create_signing_key(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	int fd, rc = LT_OK;

	if (!tmp)
		return lt_error_set(LT_ENOMEM, "out of memory");
	snprintf(tmp, n, "%s.tmp-%ld", path, (long)getpid());
	crypto_sign_keypair(pk, sk);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, sk, crypto_sign_SECRETKEYBYTES) !=
			      crypto_sign_SECRETKEYBYTES || fsync(fd) != 0) {
		rc = lt_error_set(LT_EVAULT, "cannot write ledger signing key %s: %s",
				  path, strerror(errno));
	} else if (link(tmp, path) != 0) {
		/* Someone made one first: use theirs. */
		if (errno == EEXIST)
			rc = read_signing_key(path, sk);
		else
			rc = lt_error_set(LT_EVAULT, "cannot write ledger signing key "
					  "%s: %s", path, strerror(errno));
	}
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * The signing key, checked against the public key the vault recorded.
 * With `create`, a vault that never signed gets a new key.
 */
static int signing_key(lt_vault *v, unsigned char sk[crypto_sign_SECRETKEYBYTES],
		       int create)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char have[65], want[65];
	char *path;
	int rc;

	if (!v->dir)
		return lt_error_set(LT_EINTERNAL, "ledger: vault has no directory");
	if ((rc = meta_public_key(v, have)))
		return rc;
	if (!(path = vault_path(v, SIGNING_KEY_NAME)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = read_signing_key(path, sk);
	if (rc == 1) {
		if (have[0]) {
			rc = lt_error_set(LT_EVAULT, "the ledger signing key %s is "
					  "missing; restore it from a backup (the "
					  "log cannot be extended without it)", path);
		} else if (!create) {
			rc = lt_error_set(LT_ENOTFOUND, "the ledger has no signing "
					  "key yet");
		} else {
			rc = create_signing_key(path, sk);
		}
	}
	if (rc == LT_OK) {
		crypto_sign_ed25519_sk_to_pk(pk, sk);
		hex_of(want, pk);
		if (!have[0])
			rc = set_meta_public_key(v, pk);
		else if (strcmp(have, want) != 0)
			rc = lt_error_set(LT_EVAULT, "the ledger signing key %s does "
					  "not belong to this vault", path);
	}
	if (rc)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	free(path);
	return rc;
}

int lt_ledger_sign(unsigned char sig[LT_SIGNATURE_BYTES],
		   unsigned char pk[LT_SIGN_PUBLIC_BYTES], lt_vault *v,
		   const void *msg, size_t len)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	int rc;

	/* A key may only be created inside a write transaction, which also
	 * records its public half. */
	if ((rc = signing_key(v, sk, v->in_tx)))
		return rc;
	crypto_sign_detached(sig, NULL, msg, len, sk);
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	sodium_memzero(sk, sizeof(sk));
	return LT_OK;
}

int lt_ledger_public_key(unsigned char out[LT_SIGN_PUBLIC_BYTES], lt_vault *v)
{
	char hex[65];
	int rc;

	if ((rc = meta_public_key(v, hex)))
		return rc;
	if (!hex[0])
		return lt_error_set(LT_ENOTFOUND, "the ledger has signed nothing yet, "
				    "so it has no public key");
	if (hex_decode(out, LT_SIGN_PUBLIC_BYTES, hex))
		return lt_error_set(LT_EVAULT, "vault is damaged: bad ledger public "
				    "key record");
	return LT_OK;
}

/* Fill `h` from a ledger_heads row (size, root, at, signature). 0 when
 * the row is well-formed. */
static int head_from_row(lt_tree_head *h, sqlite3_stmt *st)
{
	const unsigned char *at = sqlite3_column_text(st, 2);
	int64_t size = sqlite3_column_int64(st, 0);

	memset(h, 0, sizeof(*h));
	h->size = size > 0 ? (uint64_t)size : 0;
	snprintf(h->at, sizeof(h->at), "%s", at ? (const char *)at : "");
	if (size <= 0 || sqlite3_column_bytes(st, 1) != LT_HASH_BYTES ||
	    sqlite3_column_bytes(st, 3) != LT_SIGNATURE_BYTES ||
	    !at || strlen((const char *)at) >= sizeof(h->at))
		return -1;
	memcpy(h->root, sqlite3_column_blob(st, 1), LT_HASH_BYTES);
	memcpy(h->signature, sqlite3_column_blob(st, 3), LT_SIGNATURE_BYTES);
	return 0;
}

/* The head of exactly `size` (size 0: the latest). */
static int read_head(lt_tree_head *out, lt_vault *v, uint64_t size)
{
	sqlite3_stmt *st;
	int rc;

	rc = lt_vault_prepare(v, &st, size
		? "SELECT size, root, at, signature FROM ledger_heads WHERE size=?"
		: "SELECT size, root, at, signature FROM ledger_heads "
		  "ORDER BY size DESC LIMIT 1");
	if (rc)
		return rc;
	if (size)
		sqlite3_bind_int64(st, 1, (int64_t)size);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = head_from_row(out, st)
			? lt_error_set(LT_EVAULT, "the ledger is damaged: the tree "
				       "head of size %lld is malformed (run "
				       "'leaktrace log verify')",
				       (long long)sqlite3_column_int64(st, 0))
			: LT_OK;
	} else if (rc == SQLITE_DONE) {
		rc = size ? lt_error_set(LT_ENOTFOUND, "no signed tree head of size "
					 "%" PRIu64, size)
			  : lt_error_set(LT_ENOTFOUND, "the ledger is empty: nothing "
					 "was logged yet");
	} else {
		rc = lt_vault_sqlite_error(v, rc, "read tree head");
	}
	sqlite3_finalize(st);
	return rc;
}

int lt_ledger_head(lt_tree_head *out, lt_vault *v)
{
	return read_head(out, v, 0);
}

/* ---------------------------------------------------------------------
 * Stored nodes
 * ------------------------------------------------------------------- */

typedef struct node_store {
	lt_vault *v;
	sqlite3_stmt *get_leaf, *get_node, *put_leaf, *put_node;
	int64_t seq; /* the event of the leaf being pushed */
} node_store;

static void node_store_close(node_store *s)
{
	sqlite3_finalize(s->get_leaf);
	sqlite3_finalize(s->get_node);
	sqlite3_finalize(s->put_leaf);
	sqlite3_finalize(s->put_node);
	memset(s, 0, sizeof(*s));
}

static int node_store_open(node_store *s, lt_vault *v, int writing)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->v = v;
	if ((rc = lt_vault_prepare(v, &s->get_leaf,
			"SELECT hash FROM ledger_leaves WHERE idx=?")) ||
	    (rc = lt_vault_prepare(v, &s->get_node,
			"SELECT hash FROM ledger_nodes WHERE level=? AND idx=?")))
		goto fail;
	if (writing &&
	    ((rc = lt_vault_prepare(v, &s->put_leaf,
			"INSERT INTO ledger_leaves(idx, seq, hash) VALUES(?,?,?)")) ||
	     (rc = lt_vault_prepare(v, &s->put_node,
			"INSERT OR REPLACE INTO ledger_nodes(level, idx, hash) "
			"VALUES(?,?,?)"))))
		goto fail;
	return LT_OK;
fail:
	node_store_close(s);
	return rc;
}

/* lt_merkle_node_fn over the vault. */
static int store_get(void *ctx, unsigned level, uint64_t index, lt_hash out)
{
	node_store *s = ctx;
	sqlite3_stmt *st = level ? s->get_node : s->get_leaf;
	int rc;

	if (level) {
		sqlite3_bind_int(st, 1, (int)level);
		sqlite3_bind_int64(st, 2, (int64_t)index);
	} else {
		sqlite3_bind_int64(st, 1, (int64_t)index);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == LT_HASH_BYTES) {
		memcpy(out, sqlite3_column_blob(st, 0), LT_HASH_BYTES);
		rc = LT_OK;
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = lt_error_set(LT_EVAULT, "the ledger is damaged: the stored hash "
				  "of subtree (level %u, index %" PRIu64 ") is "
				  "missing or malformed (run 'leaktrace log "
				  "verify')", level, index);
	} else {
		rc = lt_vault_sqlite_error(s->v, rc, "read ledger node");
	}
	sqlite3_reset(st);
	return rc;
}

/* lt_merkle_emit_fn writing leaves and interior nodes. */
static int store_put(void *ctx, unsigned level, uint64_t index,
		     const lt_hash hash)
{
	node_store *s = ctx;
	sqlite3_stmt *st = level ? s->put_node : s->put_leaf;
	int rc;

	if (level) {
		sqlite3_bind_int(st, 1, (int)level);
		sqlite3_bind_int64(st, 2, (int64_t)index);
	} else {
		sqlite3_bind_int64(st, 1, (int64_t)index);
		sqlite3_bind_int64(st, 2, s->seq);
	}
	sqlite3_bind_blob(st, 3, hash, LT_HASH_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(s->v, rc, "write ledger");
}

/* Number of leaves and the seq of the last one. */
static int tree_size(lt_vault *v, uint64_t *size, int64_t *last_seq)
{
	sqlite3_stmt *st;
	int rc;

	*size = 0;
	*last_seq = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT idx, seq FROM ledger_leaves "
					  "ORDER BY idx DESC LIMIT 1")))
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*size = (uint64_t)sqlite3_column_int64(st, 0) + 1;
		*last_seq = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, rc, "read ledger size");
}

/* ---------------------------------------------------------------------
 * Sealing: leaves, nodes and one signed head per transaction
 * ------------------------------------------------------------------- */

int lt_ledger_seal(lt_vault *v)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	sqlite3_stmt *ev = NULL, *head = NULL;
	lt_merkle_frontier f;
	lt_buf entry = {0}, msg = {0};
	node_store s = {0};
	lt_tree_head h;
	uint64_t size;
	int64_t last_seq;
	int rc, step, have_key = 0;

	if ((rc = tree_size(v, &size, &last_seq)))
		return rc;
	if ((rc = lt_vault_prepare(v, &ev, "SELECT seq, at, kind, document, detail"
					  " FROM events WHERE seq > ? ORDER BY seq")))
		return rc;
	sqlite3_bind_int64(ev, 1, last_seq);
	step = sqlite3_step(ev);
	if (step == SQLITE_DONE)
		goto out; /* nothing new */
	if ((rc = signing_key(v, sk, 1)))
		goto out;
	have_key = 1;
	if ((rc = node_store_open(&s, v, 1)) ||
	    (rc = lt_merkle_frontier_load(&f, size, store_get, &s)))
		goto out;
	for (; step == SQLITE_ROW; step = sqlite3_step(ev)) {
		lt_hash leaf;

		lt_buf_clear(&entry);
		if ((rc = entry_of_row(&entry, ev, 0)))
			goto out;
		lt_merkle_leaf_hash(leaf, entry.data, entry.len);
		s.seq = sqlite3_column_int64(ev, 0);
		if ((rc = lt_merkle_frontier_push(&f, leaf, store_put, &s)))
			goto out;
	}
	if (step != SQLITE_DONE) {
		rc = lt_vault_sqlite_error(v, step, "read events");
		goto out;
	}
	memset(&h, 0, sizeof(h));
	h.size = f.size;
	lt_merkle_frontier_root(&f, h.root);
	lt_time_now(h.at);
	if ((rc = lt_tree_head_message(&msg, &h)))
		goto out;
	crypto_sign_detached(h.signature, NULL, (const unsigned char *)msg.data,
			     msg.len, sk);
	if ((rc = lt_vault_prepare(v, &head, "INSERT INTO ledger_heads(size, root,"
					    " at, signature) VALUES(?,?,?,?)")))
		goto out;
	sqlite3_bind_int64(head, 1, (int64_t)h.size);
	sqlite3_bind_blob(head, 2, h.root, LT_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(head, 3, h.at, -1, SQLITE_STATIC);
	sqlite3_bind_blob(head, 4, h.signature, LT_SIGNATURE_BYTES, SQLITE_STATIC);
	step = sqlite3_step(head);
	rc = step == SQLITE_DONE ? LT_OK
				 : lt_vault_sqlite_error(v, step, "write tree head");
out:
	if (have_key)
		sodium_memzero(sk, sizeof(sk));
	sqlite3_finalize(ev);
	sqlite3_finalize(head);
	node_store_close(&s);
	lt_buf_free(&entry);
	lt_buf_free(&msg);
	return rc;
}

/* ---------------------------------------------------------------------
 * Listing
 * ------------------------------------------------------------------- */

void lt_events_free(lt_event *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++)
		lt_event_clear(&e[i]);
	free(e);
}

int lt_ledger_events(lt_event **out, size_t *n, lt_vault *v, int64_t from_seq,
		     size_t limit)
{
	sqlite3_stmt *st;
	lt_event *arr = NULL;
	size_t cap = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_vault_prepare(v, &st, "SELECT seq, at, kind, document, detail"
					  " FROM events WHERE seq >= ? ORDER BY seq"
					  " LIMIT ?")))
		return rc;
	sqlite3_bind_int64(st, 1, from_seq);
	sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 64;
			lt_event *g = realloc(arr, nc * sizeof(*arr));

			if (!g) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto fail;
			}
			arr = g;
			cap = nc;
		}
		memset(&arr[k], 0, sizeof(arr[k]));
		arr[k].seq = sqlite3_column_int64(st, 0);
		arr[k].at = col_strdup(st, 1);
		arr[k].kind = col_strdup(st, 2);
		arr[k].document = col_strdup(st, 3);
		arr[k].detail = col_strdup(st, 4);
		k++;
		if (!arr[k - 1].at || !arr[k - 1].kind || !arr[k - 1].detail) {
			rc = lt_error_set(LT_ENOMEM, "out of memory (or an event "
					  "with an empty field)");
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = lt_vault_sqlite_error(v, rc, "read events");
		goto fail;
	}
	sqlite3_finalize(st);
	*out = arr;
	*n = k;
	return LT_OK;
fail:
	sqlite3_finalize(st);
	lt_events_free(arr, k);
	return rc;
}

/* ---------------------------------------------------------------------
 * Verification
 * ------------------------------------------------------------------- */

typedef struct verify_state {
	lt_vault *v;
	lt_ledger_report *r;
	/* events, in seq order */
	int64_t *ev_seq;
	lt_hash *ev_hash;
	size_t nev;
	/* leaves, by idx */
	int64_t *lf_seq;
	lt_hash *lf_hash;
	unsigned char *lf_present;
	size_t nlf;
	/* interior nodes recomputed from the stored leaves */
	lt_hash *nodes[64];
	uint64_t nnodes[64];
} verify_state;

static int problem(verify_state *s, lt_ledger_problem_kind kind, int64_t seq,
		   uint64_t size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int problem(verify_state *s, lt_ledger_problem_kind kind, int64_t seq,
		   uint64_t size, const char *fmt, ...)
{
	lt_ledger_report *r = s->r;
	lt_ledger_problem *p;
	va_list ap;
	char *msg;
	int n;

	if (r->nproblems >= MAX_PROBLEMS) {
		r->problems_dropped++;
		return LT_OK;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return lt_error_set(LT_ENOMEM, "out of memory");
	p = &r->problems[r->nproblems++];
	p->kind = kind;
	p->seq = seq;
	p->size = size;
	p->message = msg;
	return LT_OK;
}

/* Load every event's seq and recomputed leaf hash. */
static int load_events(verify_state *s)
{
	sqlite3_stmt *st;
	lt_buf entry = {0};
	size_t cap = 0;
	int rc;

	if ((rc = lt_vault_prepare(s->v, &st, "SELECT seq, at, kind, document, "
					     "detail FROM events ORDER BY seq")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->nev == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			int64_t *a = realloc(s->ev_seq, nc * sizeof(*a));
			lt_hash *b;

			if (a)
				s->ev_seq = a;
			b = a ? realloc(s->ev_hash, nc * sizeof(*b)) : NULL;
			if (!b) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
			s->ev_hash = b;
			cap = nc;
		}
		lt_buf_clear(&entry);
		if ((rc = entry_of_row(&entry, st, 0)))
			goto out;
		s->ev_seq[s->nev] = sqlite3_column_int64(st, 0);
		lt_merkle_leaf_hash(s->ev_hash[s->nev], entry.data, entry.len);
		s->nev++;
	}
	rc = rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(s->v, rc, "read events");
out:
	sqlite3_finalize(st);
	lt_buf_free(&entry);
	return rc;
}

static int load_leaves(verify_state *s)
{
	sqlite3_stmt *st;
	uint64_t size;
	int64_t last;
	int rc;

	if ((rc = tree_size(s->v, &size, &last)))
		return rc;
	if (size > ((uint64_t)1 << 40))
		return lt_error_set(LT_EVAULT, "the ledger is damaged: a leaf index "
				    "of %" PRIu64, size - 1);
	s->nlf = (size_t)size;
	s->lf_seq = calloc(s->nlf + 1, sizeof(*s->lf_seq));
	s->lf_hash = calloc(s->nlf + 1, sizeof(*s->lf_hash));
	s->lf_present = calloc(s->nlf + 1, 1);
	if (!s->lf_seq || !s->lf_hash || !s->lf_present)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_vault_prepare(s->v, &st, "SELECT idx, seq, hash FROM "
					     "ledger_leaves ORDER BY idx")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t idx = sqlite3_column_int64(st, 0);

		if (idx < 0 || (uint64_t)idx >= s->nlf)
			continue;
		s->lf_seq[idx] = sqlite3_column_int64(st, 1);
		if (sqlite3_column_bytes(st, 2) == LT_HASH_BYTES) {
			memcpy(s->lf_hash[idx], sqlite3_column_blob(st, 2),
			       LT_HASH_BYTES);
			s->lf_present[idx] = 1;
		} else {
			s->lf_present[idx] = 2; /* malformed */
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(s->v, rc, "read leaves");
}

/* The entry hash of event `seq` as if it carried `as_seq` instead. */
static int hash_with_seq(verify_state *s, int64_t seq, int64_t as_seq,
			 lt_hash out)
{
	sqlite3_stmt *st;
	lt_buf entry = {0};
	int rc;

	if ((rc = lt_vault_prepare(s->v, &st, "SELECT ?, at, kind, document, "
					     "detail FROM events WHERE seq=?")))
		return rc;
	sqlite3_bind_int64(st, 1, as_seq);
	sqlite3_bind_int64(st, 2, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = entry_of_row(&entry, st, 0);
		if (rc == LT_OK)
			lt_merkle_leaf_hash(out, entry.data, entry.len);
	} else {
		rc = lt_error_set(LT_ENOTFOUND, "no event %lld", (long long)seq);
	}
	sqlite3_finalize(st);
	lt_buf_free(&entry);
	return rc;
}

/* A short description of event `seq` for messages: "issue of memo at T". */
static void describe(verify_state *s, int64_t seq, char *out, size_t outlen)
{
	sqlite3_stmt *st;

	snprintf(out, outlen, "entry %lld", (long long)seq);
	if (lt_vault_prepare(s->v, &st, "SELECT kind, document, at FROM events "
				       "WHERE seq=?"))
		return;
	sqlite3_bind_int64(st, 1, seq);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *doc = (const char *)sqlite3_column_text(st, 1);
		const char *at = (const char *)sqlite3_column_text(st, 2);

		snprintf(out, outlen, "entry %lld (%s%s%s, now dated %s)",
			 (long long)seq, kind ? kind : "?", doc ? " of " : "",
			 doc ? doc : "", at ? at : "?");
	}
	sqlite3_finalize(st);
}

/* Compare events with the leaves logged for them; fill `now` with the
 * leaf hashes the entries give today. */
static int check_entries(verify_state *s, lt_hash *now)
{
	size_t i, j = 0;
	char what[256];
	int rc = LT_OK;

	for (i = 0; i < s->nlf && rc == LT_OK; i++) {
		int64_t seq = s->lf_seq[i];

		if (s->lf_present[i] != 1) {
			rc = problem(s, LT_PROBLEM_NODE, 0, 0, "the leaf record of "
				     "position %zu is missing or malformed", i);
			memset(now[i], 0, LT_HASH_BYTES);
			continue;
		}
		while (j < s->nev && s->ev_seq[j] < seq && rc == LT_OK) {
			describe(s, s->ev_seq[j], what, sizeof(what));
			rc = problem(s, LT_PROBLEM_INSERTED, s->ev_seq[j], 0,
				     "%s was never logged: it was inserted into the "
				     "events table by hand", what);
			j++;
		}
		if (rc)
			break;
		if (j >= s->nev || s->ev_seq[j] > seq) {
			rc = problem(s, LT_PROBLEM_DELETED, seq, 0, "entry %lld (leaf "
				     "%zu) was deleted", (long long)seq, i);
			memcpy(now[i], s->lf_hash[i], LT_HASH_BYTES);
			continue;
		}
		memcpy(now[i], s->ev_hash[j], LT_HASH_BYTES);
		if (sodium_memcmp(s->ev_hash[j], s->lf_hash[i], LT_HASH_BYTES) == 0) {
			j++;
			continue;
		}
		/* Two neighbours that traded places (contents swapped
		 * between their seq numbers)? */
		if (i + 1 < s->nlf && j + 1 < s->nev && s->lf_present[i + 1] == 1 &&
		    s->ev_seq[j + 1] == s->lf_seq[i + 1]) {
			lt_hash a, b;

			if (hash_with_seq(s, seq, s->lf_seq[i + 1], a) == LT_OK &&
			    hash_with_seq(s, s->lf_seq[i + 1], seq, b) == LT_OK &&
			    !sodium_memcmp(a, s->lf_hash[i + 1], LT_HASH_BYTES) &&
			    !sodium_memcmp(b, s->lf_hash[i], LT_HASH_BYTES)) {
				rc = problem(s, LT_PROBLEM_REORDERED, seq, 0,
					     "entries %lld and %lld were reordered: "
					     "each now holds what the other held "
					     "when it was logged", (long long)seq,
					     (long long)s->lf_seq[i + 1]);
				memcpy(now[i + 1], s->ev_hash[j + 1], LT_HASH_BYTES);
				i++;
				j += 2;
				continue;
			}
		}
		describe(s, seq, what, sizeof(what));
		rc = problem(s, LT_PROBLEM_CHANGED, seq, 0, "%s was changed after it "
			     "was logged: it no longer hashes to its leaf", what);
		j++;
	}
	for (; j < s->nev && rc == LT_OK; j++) {
		describe(s, s->ev_seq[j], what, sizeof(what));
		rc = problem(s, LT_PROBLEM_INSERTED, s->ev_seq[j], 0,
			     "%s is not in the Merkle tree: it was added by hand "
			     "or its leaf was removed", what);
	}
	return rc;
}

static int collect_node(void *ctx, unsigned level, uint64_t index,
			const lt_hash hash)
{
	verify_state *s = ctx;

	if (level == 0)
		return LT_OK;
	if (index >= s->nnodes[level])
		return lt_error_set(LT_EINTERNAL, "verify: node index out of range");
	memcpy(s->nodes[level][index], hash, LT_HASH_BYTES);
	return LT_OK;
}

/* Stored interior nodes against those the stored leaves give. */
static int check_nodes(verify_state *s)
{
	lt_merkle_frontier f = {0};
	sqlite3_stmt *st;
	uint64_t expected = 0, seen = 0;
	unsigned l;
	int rc, step, reported = 0;

	for (l = 1; l < 64; l++) {
		s->nnodes[l] = (uint64_t)s->nlf >> l;
		expected += s->nnodes[l];
		if (s->nnodes[l] &&
		    !(s->nodes[l] = malloc(s->nnodes[l] * sizeof(lt_hash))))
			return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < s->nlf; i++)
		if ((rc = lt_merkle_frontier_push(&f, s->lf_hash[i], collect_node, s)))
			return rc;
	if ((rc = lt_vault_prepare(s->v, &st, "SELECT level, idx, hash FROM "
					     "ledger_nodes ORDER BY level, idx")))
		return rc;
	rc = LT_OK;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t level = sqlite3_column_int64(st, 0);
		int64_t idx = sqlite3_column_int64(st, 1);
		int bad;

		if (level < 1 || level > 63 || idx < 0 ||
		    (uint64_t)idx >= s->nnodes[level]) {
			bad = 1;
		} else {
			seen++;
			bad = sqlite3_column_bytes(st, 2) != LT_HASH_BYTES ||
			      memcmp(sqlite3_column_blob(st, 2),
				     s->nodes[level][idx], LT_HASH_BYTES) != 0;
		}
		if (bad && !reported) {
			reported = 1;
			if ((rc = problem(s, LT_PROBLEM_NODE, 0, 0, "the stored hash of "
					  "subtree (level %lld, index %lld) does not "
					  "match the leaves below it; proofs through "
					  "it would fail", (long long)level,
					  (long long)idx)))
				break;
		}
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if (step != SQLITE_DONE)
		return lt_vault_sqlite_error(s->v, step, "read nodes");
	if (seen != expected && !reported)
		return problem(s, LT_PROBLEM_NODE, 0, 0, "%" PRIu64 " of the %" PRIu64
			       " stored subtree hashes are missing", expected - seen,
			       expected);
	return LT_OK;
}

/* Every signed head: signature, and root against the entries of today. */
static int check_heads(verify_state *s, const lt_hash *now)
{
	unsigned char pk[LT_SIGN_PUBLIC_BYTES];
	lt_merkle_frontier f = {0};
	lt_ledger_report *r = s->r;
	sqlite3_stmt *st;
	uint64_t prev_ok = 0, last_size = 0;
	int rc, have_pk, mismatch_reported = 0;
	char hex[65];

	if ((rc = meta_public_key(s->v, hex)))
		return rc;
	have_pk = hex[0] && hex_decode(pk, sizeof(pk), hex) == 0;
	/* The key file, when present, must be the recorded key's. */
	{
		unsigned char sk[crypto_sign_SECRETKEYBYTES], fpk[32];
		char *path = vault_path(s->v, SIGNING_KEY_NAME);

		if (!path)
			return lt_error_set(LT_ENOMEM, "out of memory");
		rc = read_signing_key(path, sk);
		if (rc == LT_OK) {
			crypto_sign_ed25519_sk_to_pk(fpk, sk);
			sodium_memzero(sk, sizeof(sk));
			if (have_pk && memcmp(fpk, pk, sizeof(pk)) != 0)
				rc = problem(s, LT_PROBLEM_KEY, 0, 0, "%s is not the key "
					     "whose public half the vault recorded",
					     path);
		} else if (rc != 1) {
			rc = problem(s, LT_PROBLEM_KEY, 0, 0, "%s", lt_error_message());
		} else {
			rc = LT_OK;
		}
		free(path);
		if (rc)
			return rc;
	}
	if ((rc = lt_vault_prepare(s->v, &st, "SELECT size, root, at, signature "
					     "FROM ledger_heads ORDER BY size")))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		lt_tree_head h;
		lt_hash root;
		int well_formed = head_from_row(&h, st) == 0;

		r->heads++;
		last_size = h.size;
		if (!have_pk) {
			rc = problem(s, LT_PROBLEM_KEY, 0, h.size, "the vault has signed "
				     "tree heads but no recorded public key");
			have_pk = -1;
			if (rc)
				break;
		}
		if (!well_formed || (have_pk == 1 && lt_tree_head_verify(&h, pk))) {
			if ((rc = problem(s, LT_PROBLEM_HEAD_FORGED, 0, h.size,
					  "the tree head of size %" PRIu64 " (dated %s) "
					  "is forged or altered: its signature does "
					  "not verify", h.size, h.at)))
				break;
			continue;
		}
		if (h.size > s->nlf) {
			if ((rc = problem(s, LT_PROBLEM_DELETED, 0, h.size,
					  "the tree head of size %" PRIu64 " covers "
					  "entries that are no longer logged (the log "
					  "was cut to %zu)", h.size, s->nlf)))
				break;
			continue;
		}
		while (f.size < h.size)
			if ((rc = lt_merkle_frontier_push(&f, now[f.size], NULL, NULL)))
				goto out;
		lt_merkle_frontier_root(&f, root);
		if (sodium_memcmp(root, h.root, LT_HASH_BYTES) == 0) {
			prev_ok = h.size;
			r->has_head = 1;
			r->head = h;
		} else if (!mismatch_reported) {
			mismatch_reported = 1;
			if ((rc = problem(s, LT_PROBLEM_HEAD_MISMATCH, 0, h.size,
					  "the entries no longer give the root signed "
					  "at size %" PRIu64 " (dated %s): one of "
					  "entries %" PRIu64 "-%" PRIu64 " was altered "
					  "together with its stored hashes", h.size,
					  h.at, prev_ok + 1, h.size)))
				break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = LT_OK;
	else if (rc != LT_OK)
		rc = lt_vault_sqlite_error(s->v, rc, "read tree heads");
	if (rc == LT_OK && last_size < s->nlf)
		rc = problem(s, LT_PROBLEM_UNSIGNED, (int64_t)s->lf_seq[last_size],
			     0, "entries from leaf %" PRIu64 " on (%zu of them) are "
			     "in the tree but no signed tree head covers them",
			     last_size, s->nlf - (size_t)last_size);
out:
	sqlite3_finalize(st);
	return rc;
}

int lt_ledger_verify(lt_ledger_report **out, lt_vault *v)
{
	verify_state s = {0};
	lt_hash *now = NULL;
	lt_merkle_frontier f = {0};
	int rc;

	*out = NULL;
	s.v = v;
	if (!(s.r = calloc(1, sizeof(*s.r))) ||
	    !(s.r->problems = calloc(MAX_PROBLEMS, sizeof(lt_ledger_problem)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	/* One read transaction: a consistent snapshot. */
	if (sqlite3_exec(v->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = lt_vault_sqlite_error(v, sqlite3_errcode(v->db), "begin read");
		goto out;
	}
	if ((rc = load_events(&s)) || (rc = load_leaves(&s)))
		goto end;
	if (!(now = calloc(s.nlf + 1, sizeof(*now)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto end;
	}
	if ((rc = check_entries(&s, now)) || (rc = check_nodes(&s)) ||
	    (rc = check_heads(&s, now)))
		goto end;
	for (size_t i = 0; i < s.nlf; i++)
		if ((rc = lt_merkle_frontier_push(&f, now[i], NULL, NULL)))
			goto end;
	lt_merkle_frontier_root(&f, s.r->root);
	s.r->entries = s.nev;
	s.r->leaves = s.nlf;
end:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
out:
	free(s.ev_seq);
	free(s.ev_hash);
	free(s.lf_seq);
	free(s.lf_hash);
	free(s.lf_present);
	for (int l = 0; l < 64; l++)
		free(s.nodes[l]);
	free(now);
	if (rc) {
		lt_ledger_report_free(s.r);
		return rc;
	}
	*out = s.r;
	return LT_OK;
}

void lt_ledger_report_free(lt_ledger_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->problems && i < r->nproblems; i++)
		free(r->problems[i].message);
	free(r->problems);
	free(r);
}

/* ---------------------------------------------------------------------
 * Proofs
 * ------------------------------------------------------------------- */

static lt_ledger_proof *proof_new(lt_proof_type type)
{
	lt_ledger_proof *p = calloc(1, sizeof(*p));

	if (p && !(p->path = calloc(LT_MERKLE_MAX_PROOF, sizeof(lt_hash)))) {
		free(p);
		return NULL;
	}
	if (p)
		p->type = type;
	return p;
}

void lt_ledger_proof_free(lt_ledger_proof *p)
{
	if (!p)
		return;
	lt_buf_free(&p->entry);
	lt_event_clear(&p->event);
	free(p->path);
	free(p);
}

int lt_ledger_prove_inclusion(lt_ledger_proof **out, lt_vault *v, int64_t seq)
{
	lt_ledger_proof *p = NULL;
	sqlite3_stmt *st = NULL;
	node_store s = {0};
	lt_hash stored;
	int64_t idx;
	int rc;

	*out = NULL;
	if (!(p = proof_new(LT_PROOF_INCLUSION)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (sqlite3_exec(v->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = lt_vault_sqlite_error(v, sqlite3_errcode(v->db), "begin read");
		goto out;
	}
	if ((rc = lt_ledger_public_key(p->public_key, v)) ||
	    (rc = lt_ledger_head(&p->head, v)))
		goto end;
	if ((rc = lt_vault_prepare(v, &st, "SELECT l.idx, l.hash, e.seq, e.at, "
			"e.kind, e.document, e.detail FROM ledger_leaves l "
			"LEFT JOIN events e ON e.seq = l.seq WHERE l.seq=?")))
		goto end;
	sqlite3_bind_int64(st, 1, seq);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE
			? lt_error_set(LT_ENOTFOUND, "no ledger entry %lld (see "
				       "'leaktrace log')", (long long)seq)
			: lt_vault_sqlite_error(v, rc, "read entry");
		goto end;
	}
	idx = sqlite3_column_int64(st, 0);
	if (sqlite3_column_type(st, 2) == SQLITE_NULL ||
	    sqlite3_column_bytes(st, 1) != LT_HASH_BYTES) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld was deleted or its "
				  "leaf damaged (run 'leaktrace log verify')",
				  (long long)seq);
		goto end;
	}
	memcpy(stored, sqlite3_column_blob(st, 1), LT_HASH_BYTES);
	if ((rc = entry_of_row(&p->entry, st, 2)))
		goto end;
	lt_merkle_leaf_hash(p->leaf_hash, p->entry.data, p->entry.len);
	if (sodium_memcmp(stored, p->leaf_hash, LT_HASH_BYTES) != 0) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld was changed after it "
				  "was logged (run 'leaktrace log verify')",
				  (long long)seq);
		goto end;
	}
	if ((uint64_t)idx >= p->head.size) {
		rc = lt_error_set(LT_ENOTFOUND, "ledger entry %lld is not yet covered "
				  "by a signed tree head", (long long)seq);
		goto end;
	}
	if ((rc = lt_event_entry_parse(&p->event, p->entry.data, p->entry.len))) {
		rc = lt_error_set(LT_EVAULT, "ledger entry %lld cannot be serialised "
				  "(a field holds a NUL byte)", (long long)seq);
		goto end;
	}
	p->index = (uint64_t)idx;
	if ((rc = node_store_open(&s, v, 0)) ||
	    (rc = lt_merkle_inclusion_proof(p->path, &p->npath, store_get, &s,
					    p->index, p->head.size)))
		goto end;
	/* Never hand out a proof that does not verify. */
	if (lt_merkle_verify_inclusion(p->index, p->head.size, p->leaf_hash,
				       p->path, p->npath, p->head.root) != LT_OK)
		rc = lt_error_set(LT_EVAULT, "the stored hashes do not lead to the "
				  "signed root (run 'leaktrace log verify')");
end:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	node_store_close(&s);
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}

/* "no signed tree head of size N (nearest signed sizes: A and B)". */
static int no_head_error(lt_vault *v, uint64_t size)
{
	sqlite3_stmt *st;
	long long below = 0, above = 0;

	if (lt_vault_prepare(v, &st, "SELECT (SELECT max(size) FROM ledger_heads "
				    "WHERE size < ?1), (SELECT min(size) FROM "
				    "ledger_heads WHERE size > ?1)") == LT_OK) {
		sqlite3_bind_int64(st, 1, (int64_t)size);
		if (sqlite3_step(st) == SQLITE_ROW) {
			below = sqlite3_column_int64(st, 0);
			above = sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
	}
	if (below && above)
		return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
				    " (nearest signed sizes: %lld and %lld)", size,
				    below, above);
	if (below || above)
		return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
				    " (nearest signed size: %lld)", size,
				    below ? below : above);
	return lt_error_set(LT_ENOTFOUND, "no signed tree head of size %" PRIu64
			    " (the ledger is empty)", size);
}

int lt_ledger_prove_consistency(lt_ledger_proof **out, lt_vault *v,
				uint64_t size1, uint64_t size2)
{
	lt_ledger_proof *p;
	node_store s = {0};
	int rc;

	*out = NULL;
	if (size1 == 0 || size1 > size2)
		return lt_error_set(LT_EUSAGE, "a consistency proof needs 0 < A <= B "
				    "(got %" PRIu64 " and %" PRIu64 ")", size1, size2);
	if (!(p = proof_new(LT_PROOF_CONSISTENCY)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (sqlite3_exec(v->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		rc = lt_vault_sqlite_error(v, sqlite3_errcode(v->db), "begin read");
		goto out;
	}
	if ((rc = lt_ledger_public_key(p->public_key, v)))
		goto end;
	rc = read_head(&p->head1, v, size1);
	if (rc == LT_ENOTFOUND)
		rc = no_head_error(v, size1);
	if (rc)
		goto end;
	rc = read_head(&p->head2, v, size2);
	if (rc == LT_ENOTFOUND)
		rc = no_head_error(v, size2);
	if (rc)
		goto end;
	if ((rc = node_store_open(&s, v, 0)) ||
	    (rc = lt_merkle_consistency_proof(p->path, &p->npath, store_get, &s,
					      size1, size2)))
		goto end;
	if (lt_merkle_verify_consistency(size1, size2, p->path, p->npath,
					 p->head1.root, p->head2.root) != LT_OK)
		rc = lt_error_set(LT_EVAULT, "the stored hashes do not connect the "
				  "signed roots of sizes %" PRIu64 " and %" PRIu64
				  " (run 'leaktrace log verify')", size1, size2);
end:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
out:
	node_store_close(&s);
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Proof documents
 * ------------------------------------------------------------------- */

static json_t *hex_json(const unsigned char *bin, size_t len)
{
	char hex[2 * LT_SIGNATURE_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), bin, len);
	return json_string(hex);
}

static json_t *head_json(const lt_tree_head *h)
{
	return json_pack("{s:I, s:o, s:s, s:o}", "size", (json_int_t)h->size,
			 "root", hex_json(h->root, LT_HASH_BYTES), "at", h->at,
			 "signature", hex_json(h->signature, LT_SIGNATURE_BYTES));
}

/* The event as a JSON object (detail parsed when it is JSON). */
static json_t *event_json(const lt_event *e)
{
	json_t *detail = json_loads(e->detail ? e->detail : "null",
				    JSON_DECODE_ANY, NULL);

	if (!detail)
		detail = json_string(e->detail ? e->detail : "");
	return json_pack("{s:I, s:s?, s:s?, s:s?, s:o}", "seq", (json_int_t)e->seq,
			 "at", e->at, "kind", e->kind, "document", e->document,
			 "detail", detail);
}

int lt_ledger_proof_to_json(lt_buf *out, const lt_ledger_proof *p)
{
	json_t *doc, *path = json_array();
	char *b64 = NULL, *text;
	int rc;

	for (size_t i = 0; i < p->npath; i++)
		json_array_append_new(path, hex_json(p->path[i], LT_HASH_BYTES));
	if (p->type == LT_PROOF_INCLUSION) {
		size_t n = sodium_base64_encoded_len(p->entry.len,
						     sodium_base64_VARIANT_ORIGINAL);

		if (!(b64 = malloc(n))) {
			json_decref(path);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
		sodium_bin2base64(b64, n, (const unsigned char *)p->entry.data,
				  p->entry.len, sodium_base64_VARIANT_ORIGINAL);
		doc = json_pack("{s:s, s:s, s:I, s:I, s:o, s:s, s:o, s:o, s:o, s:o}",
			"format", PROOF_FORMAT, "type", "inclusion",
			"index", (json_int_t)p->index,
			"tree_size", (json_int_t)p->head.size,
			"event", event_json(&p->event),
			"entry", b64,
			"leaf_hash", hex_json(p->leaf_hash, LT_HASH_BYTES),
			"proof", path,
			"tree_head", head_json(&p->head),
			"public_key", hex_json(p->public_key, LT_SIGN_PUBLIC_BYTES));
	} else {
		doc = json_pack("{s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o}",
			"format", PROOF_FORMAT, "type", "consistency",
			"size1", (json_int_t)p->head1.size,
			"size2", (json_int_t)p->head2.size,
			"proof", path,
			"tree_head1", head_json(&p->head1),
			"tree_head2", head_json(&p->head2),
			"public_key", hex_json(p->public_key, LT_SIGN_PUBLIC_BYTES));
	}
	free(b64);
	if (!doc || !(text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER))) {
		json_decref(doc);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	json_decref(doc);
	rc = lt_buf_puts(out, text);
	free(text);
	return rc;
}

/* Field readers for lt_ledger_proof_parse: each sets the error naming
 * `name` and the field. */
static int get_uint(const json_t *obj, const char *field, const char *name,
		    uint64_t *out)
{
	json_t *j = json_object_get(obj, field);

	if (!json_is_integer(j) || json_integer_value(j) < 0)
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be a "
				    "non-negative integer", name, field);
	*out = (uint64_t)json_integer_value(j);
	return LT_OK;
}

static int get_hex(const json_t *obj, const char *field, const char *name,
		   unsigned char *out, size_t len)
{
	const char *s = json_string_value(json_object_get(obj, field));

	if (!s)
		return lt_error_set(LT_EINPUT, "%s: field '%s' is missing or not a "
				    "string", name, field);
	if (hex_decode(out, len, s))
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be %zu hex "
				    "digits", name, field, 2 * len);
	return LT_OK;
}

static int get_head(const json_t *obj, const char *field, const char *name,
		    lt_tree_head *h)
{
	json_t *j = json_object_get(obj, field);
	const char *at;
	char where[96];
	int rc;

	snprintf(where, sizeof(where), "%s: %s", name, field);
	if (!json_is_object(j))
		return lt_error_set(LT_EINPUT, "%s: field '%s' must be an object "
				    "(the signed tree head)", name, field);
	memset(h, 0, sizeof(*h));
	if ((rc = get_uint(j, "size", where, &h->size)) ||
	    (rc = get_hex(j, "root", where, h->root, LT_HASH_BYTES)) ||
	    (rc = get_hex(j, "signature", where, h->signature, LT_SIGNATURE_BYTES)))
		return rc;
	at = json_string_value(json_object_get(j, "at"));
	if (!at || strlen(at) >= sizeof(h->at) || strchr(at, '\n'))
		return lt_error_set(LT_EINPUT, "%s: field 'at' must be a time "
				    "stamp", where);
	snprintf(h->at, sizeof(h->at), "%s", at);
	return LT_OK;
}

static int get_path(const json_t *obj, const char *name, lt_ledger_proof *p)
{
	json_t *arr = json_object_get(obj, "proof");
	size_t i;

	if (!json_is_array(arr))
		return lt_error_set(LT_EINPUT, "%s: field 'proof' must be an array "
				    "of hashes", name);
	if (json_array_size(arr) > LT_MERKLE_MAX_PROOF)
		return lt_error_set(LT_EINPUT, "%s: field 'proof' has %zu hashes "
				    "(at most %d)", name, json_array_size(arr),
				    LT_MERKLE_MAX_PROOF);
	for (i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));

		if (!s || hex_decode(p->path[i], LT_HASH_BYTES, s))
			return lt_error_set(LT_EINPUT, "%s: proof[%zu] must be 64 hex "
					    "digits", name, i);
	}
	p->npath = i;
	return LT_OK;
}

static int parse_inclusion(lt_ledger_proof *p, const json_t *doc,
			   const char *name)
{
	const char *b64 = json_string_value(json_object_get(doc, "entry"));
	uint64_t size;
	size_t len = 0, cap;
	json_t *ev;
	int rc;

	if ((rc = get_uint(doc, "index", name, &p->index)) ||
	    (rc = get_uint(doc, "tree_size", name, &size)) ||
	    (rc = get_hex(doc, "leaf_hash", name, p->leaf_hash, LT_HASH_BYTES)) ||
	    (rc = get_path(doc, name, p)) ||
	    (rc = get_head(doc, "tree_head", name, &p->head)))
		return rc;
	if (size != p->head.size)
		return lt_error_set(LT_EINPUT, "%s: tree_size %" PRIu64 " differs "
				    "from the signed tree head's size %" PRIu64,
				    name, size, p->head.size);
	if (!b64)
		return lt_error_set(LT_EINPUT, "%s: field 'entry' (base64) is "
				    "missing", name);
	cap = strlen(b64) / 4 * 3 + 3;
	if ((rc = lt_buf_reserve(&p->entry, cap)))
		return rc;
	if (sodium_base642bin((unsigned char *)p->entry.data, cap, b64,
			      strlen(b64), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return lt_error_set(LT_EINPUT, "%s: field 'entry' is not base64",
				    name);
	p->entry.len = len;
	p->entry.data[len] = '\0';
	if (lt_event_entry_parse(&p->event, p->entry.data, p->entry.len))
		return lt_error_set(LT_EINPUT, "%s: field 'entry' is not a ledger "
				    "entry (%s)", name, lt_error_message());
	/* The readable copy, when present, must say what the entry says. */
	ev = json_object_get(doc, "event");
	if (ev) {
		json_t *seq = json_object_get(ev, "seq");
		const char *kind = json_string_value(json_object_get(ev, "kind"));
		const char *at = json_string_value(json_object_get(ev, "at"));
		json_t *d = json_object_get(ev, "document");

		if (!json_is_object(ev) || !json_is_integer(seq) ||
		    json_integer_value(seq) != p->event.seq || !kind ||
		    strcmp(kind, p->event.kind) || !at || strcmp(at, p->event.at) ||
		    (p->event.document
			     ? !json_is_string(d) ||
				       strcmp(json_string_value(d), p->event.document)
			     : d && !json_is_null(d)))
			return lt_error_set(LT_EINPUT, "%s: field 'event' does not "
					    "match the signed entry", name);
	}
	return LT_OK;
}

int lt_ledger_proof_parse(lt_ledger_proof **out, const char *text, size_t len,
			  const char *name)
{
	lt_ledger_proof *p = NULL;
	json_error_t err;
	const char *fmt, *type;
	json_t *doc;
	int rc;

	*out = NULL;
	if (len > MAX_PROOF_BYTES)
		return lt_error_set(LT_EINPUT, "%s: %zu bytes is too large for a "
				    "proof document", name, len);
	if (!(doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err)))
		return lt_error_set(LT_EINPUT, "%s:%d: not a JSON proof document "
				    "(%s)", name, err.line, err.text);
	if (!json_is_object(doc)) {
		rc = lt_error_set(LT_EINPUT, "%s: a proof document is a JSON object",
				  name);
		goto out;
	}
	fmt = json_string_value(json_object_get(doc, "format"));
	type = json_string_value(json_object_get(doc, "type"));
	if (!fmt || strcmp(fmt, PROOF_FORMAT)) {
		rc = lt_error_set(LT_EINPUT, "%s: field 'format' must be \"%s\"",
				  name, PROOF_FORMAT);
		goto out;
	}
	if (!type || (strcmp(type, "inclusion") && strcmp(type, "consistency"))) {
		rc = lt_error_set(LT_EINPUT, "%s: field 'type' must be \"inclusion\" "
				  "or \"consistency\"", name);
		goto out;
	}
	if (!(p = proof_new(strcmp(type, "inclusion") ? LT_PROOF_CONSISTENCY
						       : LT_PROOF_INCLUSION))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = get_hex(doc, "public_key", name, p->public_key,
			  LT_SIGN_PUBLIC_BYTES)))
		goto out;
	if (p->type == LT_PROOF_INCLUSION) {
		rc = parse_inclusion(p, doc, name);
	} else {
		uint64_t s1, s2;

		if (!(rc = get_uint(doc, "size1", name, &s1)) &&
		    !(rc = get_uint(doc, "size2", name, &s2)) &&
		    !(rc = get_path(doc, name, p)) &&
		    !(rc = get_head(doc, "tree_head1", name, &p->head1)) &&
		    !(rc = get_head(doc, "tree_head2", name, &p->head2)) &&
		    (s1 != p->head1.size || s2 != p->head2.size))
			rc = lt_error_set(LT_EINPUT, "%s: size1/size2 differ from the "
					  "signed tree heads' sizes", name);
	}
out:
	json_decref(doc);
	if (rc) {
		lt_ledger_proof_free(p);
		return rc;
	}
	*out = p;
	return LT_OK;
}

int lt_ledger_proof_check(const lt_ledger_proof *p,
			  const unsigned char public_key[LT_SIGN_PUBLIC_BYTES])
{
	lt_hash leaf;
	int rc;

	if (sodium_memcmp(p->public_key, public_key, LT_SIGN_PUBLIC_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "the proof was signed by another key "
				    "than the one given");
	if (p->type == LT_PROOF_CONSISTENCY) {
		if ((rc = lt_tree_head_verify(&p->head1, public_key)) ||
		    (rc = lt_tree_head_verify(&p->head2, public_key)))
			return rc;
		return lt_merkle_verify_consistency(p->head1.size, p->head2.size,
						    p->path, p->npath, p->head1.root,
						    p->head2.root);
	}
	if ((rc = lt_tree_head_verify(&p->head, public_key)))
		return rc;
	lt_merkle_leaf_hash(leaf, p->entry.data, p->entry.len);
	if (sodium_memcmp(leaf, p->leaf_hash, LT_HASH_BYTES) != 0)
		return lt_error_set(LT_EINPUT, "the entry does not hash to leaf_hash: "
				    "it was altered");
	if (p->event.seq < 1 || (uint64_t)p->event.seq != p->index + 1)
		return lt_error_set(LT_EINPUT, "the entry is event %lld but the "
				    "proof is for leaf %" PRIu64 " (event %" PRIu64 ")",
				    (long long)p->event.seq, p->index, p->index + 1);
	return lt_merkle_verify_inclusion(p->index, p->head.size, leaf, p->path,
					  p->npath, p->head.root);
}

int lt_public_key_parse(unsigned char out[LT_SIGN_PUBLIC_BYTES], const char *arg)
{
	char buf[256];
	size_t n;
	FILE *f;

	if (!arg || !*arg)
		return lt_error_set(LT_EINPUT, "--pubkey needs a key");
	if (hex_decode(out, LT_SIGN_PUBLIC_BYTES, arg) == 0)
		return LT_OK;
	if (!(f = fopen(arg, "rb")))
		return lt_error_set(LT_EINPUT, "public key '%s' is neither 64 hex "
				    "digits nor a readable file (%s)", arg,
				    strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	if (n == LT_SIGN_PUBLIC_BYTES) {
		memcpy(out, buf, LT_SIGN_PUBLIC_BYTES);
		return LT_OK;
	}
	buf[n] = '\0';
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	if (hex_decode(out, LT_SIGN_PUBLIC_BYTES, buf) == 0)
		return LT_OK;
	return lt_error_set(LT_EINPUT, "%s: a public key file holds 64 hex digits "
			    "(as 'leaktrace log pubkey' prints)", arg);
}

/* ---------------------------------------------------------------------
 * Access events
 * ------------------------------------------------------------------- */

int lt_access_action_valid(const char *a)
{
	return a && (!strcmp(a, "view") || !strcmp(a, "print") ||
		     !strcmp(a, "download"));
}

/* Exactly n digits. */
static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int lt_iso8601_valid(const char *s)
{
	int mo, d, h, mi;

	if (!s || strlen(s) < 16 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
	    (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2))
		return LT_EINPUT;
	mo = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	h = (s[11] - '0') * 10 + s[12] - '0';
	mi = (s[14] - '0') * 10 + s[15] - '0';
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return LT_EINPUT;
	s += 16;
	if (*s == ':') {
		if (!digits(s + 1, 2) || (s[1] - '0') * 10 + s[2] - '0' > 60)
			return LT_EINPUT;
		s += 3;
		if (*s == '.') {
			s++;
			if (!isdigit((unsigned char)*s))
				return LT_EINPUT;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	if (!strcmp(s, "Z"))
		return LT_OK;
	if ((*s == '+' || *s == '-') && digits(s + 1, 2) && s[3] == ':' &&
	    digits(s + 4, 2) && s[6] == '\0')
		return LT_OK;
	return LT_EINPUT;
}

/* The document's rowid, or LT_ENOTFOUND. */
static int document_rowid(lt_vault *v, sqlite3_stmt **cache, const char *id,
			  int64_t *rowid)
{
	int rc;

	if (!*cache && (rc = lt_vault_prepare(v, cache, "SELECT rowid FROM "
						       "documents WHERE id=?")))
		return rc;
	sqlite3_reset(*cache);
	sqlite3_bind_text(*cache, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(*cache);
	if (rc == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(*cache, 0);
		return LT_OK;
	}
	if (rc == SQLITE_DONE)
		return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault", id);
	return lt_vault_sqlite_error(v, rc, "look up document");
}

typedef struct access_ctx {
	lt_vault *v;
	sqlite3_stmt *doc, *copy;
} access_ctx;

static void access_ctx_close(access_ctx *a)
{
	sqlite3_finalize(a->doc);
	sqlite3_finalize(a->copy);
}

/* Append one access event (inside the caller's transaction). */
static int append_access(access_ctx *a, const char *document, const char *user,
			 const char *action, const char *at, const char *source)
{
	char *copy = NULL, *detail;
	json_t *j;
	int64_t rowid;
	int rc;

	if ((rc = document_rowid(a->v, &a->doc, document, &rowid)))
		return rc;
	if (!a->copy && (rc = lt_vault_prepare(a->v, &a->copy,
			"SELECT c.id FROM copies c JOIN recipients r ON "
			"r.rowid = c.recipient WHERE c.doc=? AND r.name=?")))
		return rc;
	sqlite3_reset(a->copy);
	sqlite3_bind_int64(a->copy, 1, rowid);
	sqlite3_bind_text(a->copy, 2, user, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(a->copy) == SQLITE_ROW)
		copy = col_strdup(a->copy, 0);
	sqlite3_reset(a->copy);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "user", user, "action", action,
		      "accessed_at", at, "source", source, "copy", copy);
	free(copy);
	if (!j)
		return lt_error_set(LT_EINPUT, "access: user name, time or source is "
				    "not valid UTF-8");
	detail = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!detail)
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_vault_event(a->v, LT_EVENT_ACCESS, document, detail);
	free(detail);
	return rc;
}

int lt_access_record(lt_vault *v, const char *document, const char *user,
		     const char *action, const char *at)
{
	access_ctx a = {v, NULL, NULL};
	char now[32];
	int rc;

	if (!user || !*user)
		return lt_error_set(LT_EUSAGE, "access needs the user's name (--by)");
	if (!lt_access_action_valid(action))
		return lt_error_set(LT_EUSAGE, "access action '%s' is not view, print "
				    "or download", action ? action : "");
	if (at && lt_iso8601_valid(at))
		return lt_error_set(LT_EUSAGE, "access time '%s' is not ISO 8601 "
				    "(like 2026-01-31T12:00:00Z)", at);
	if (!at) {
		lt_time_now(now);
		at = now;
	}
	if ((rc = lt_vault_begin(v)))
		return rc;
	rc = append_access(&a, document, user, action, at, "cli");
	access_ctx_close(&a);
	if (rc) {
		lt_vault_rollback(v);
		return rc;
	}
	return lt_vault_commit(v);
}

void lt_access_rows_free(lt_access_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].time);
		free(rows[i].user);
		free(rows[i].action);
		free(rows[i].document);
	}
	free(rows);
}

/* One CSV record's fields. */
typedef struct csv_record {
	lt_buf field[MAX_CSV_FIELDS];
	size_t n;
	size_t line;   /* line where the record starts */
} csv_record;

static void csv_record_free(csv_record *r)
{
	for (size_t i = 0; i < MAX_CSV_FIELDS; i++)
		lt_buf_free(&r->field[i]);
}

/*
 * Read one record from data[*pos..len).  Returns 1 with a record, 0 at the
 * end, or an error naming name:line.
 */
static int csv_next(csv_record *r, const char *data, size_t len, size_t *pos,
		    size_t *line, const char *name)
{
	size_t i = *pos;
	int quoted = 0, was_quoted = 0, rc;

	if (i >= len)
		return 0;
	for (size_t k = 0; k < MAX_CSV_FIELDS; k++)
		lt_buf_clear(&r->field[k]);
	r->n = 1;
	r->line = *line;
	while (i < len) {
		char c = data[i];
		lt_buf *f = &r->field[r->n - 1];

		if (c == '\0')
			return lt_error_set(LT_EINPUT, "%s:%zu: NUL byte in the file",
					    name, *line);
		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && data[i + 1] == '"') {
					rc = lt_buf_putc(f, '"');
					i += 2;
				} else {
					quoted = 0;
					i++;
					rc = LT_OK;
				}
			} else {
				if (c == '\n')
					(*line)++;
				rc = lt_buf_putc(f, c);
				i++;
			}
			if (rc)
				return rc;
		} else if (c == '"') {
			if (f->len > 0 || was_quoted)
				return lt_error_set(LT_EINPUT, "%s:%zu: stray quote in "
						    "field %zu (quote the whole "
						    "field)", name, *line, r->n);
			quoted = was_quoted = 1;
			i++;
		} else if (c == ',') {
			if (r->n == MAX_CSV_FIELDS)
				return lt_error_set(LT_EINPUT, "%s:%zu: more than %d "
						    "fields", name, *line,
						    MAX_CSV_FIELDS);
			r->n++;
			was_quoted = 0;
			i++;
		} else if (c == '\n' || c == '\r') {
			i += (c == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
			(*line)++;
			break;
		} else {
			if (was_quoted)
				return lt_error_set(LT_EINPUT, "%s:%zu: text after a "
						    "closing quote in field %zu",
						    name, *line, r->n);
			if ((rc = lt_buf_putc(f, c)))
				return rc;
			i++;
		}
		if (f->len > MAX_CSV_FIELD)
			return lt_error_set(LT_EINPUT, "%s:%zu: field %zu is longer "
					    "than %zu bytes", name, r->line, r->n,
					    MAX_CSV_FIELD);
	}
	if (quoted)
		return lt_error_set(LT_EINPUT, "%s:%zu: a quoted field is never "
				    "closed", name, r->line);
	*pos = i;
	return 1;
}

/* Trim ASCII spaces in place. */
static void trim(lt_buf *b)
{
	size_t s = 0;

	if (!b->data)
		return;
	while (s < b->len && (b->data[s] == ' ' || b->data[s] == '\t'))
		s++;
	memmove(b->data, b->data + s, b->len - s);
	b->len -= s;
	while (b->len > 0 && (b->data[b->len - 1] == ' ' ||
			      b->data[b->len - 1] == '\t'))
		b->len--;
	b->data[b->len] = '\0';
}

/* Valid UTF-8 without control characters other than tab. */
static int clean_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		uint32_t cp;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t')
				return 0;
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			k = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || ((unsigned char)s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | ((unsigned char)s[i + j] & 0x3f);
		}
		if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

int lt_access_csv_parse(lt_access_row **out, size_t *n, const char *data,
			size_t len, const char *name)
{
	static const char *const want[4] = {"time", "user", "action", "document"};
	csv_record *r = calloc(1, sizeof(*r));
	lt_access_row *rows = NULL;
	size_t pos = 0, line = 1, cap = 0, k = 0, ncols = 0, i;
	int col[4] = {-1, -1, -1, -1}, rc;

	*out = NULL;
	*n = 0;
	if (!r)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		pos = 3;
	/* Header (skipping blank lines). */
	do {
		rc = csv_next(r, data, len, &pos, &line, name);
	} while (rc == 1 && r->n == 1 && r->field[0].len == 0);
	if (rc == 0)
		rc = lt_error_set(LT_EINPUT, "%s: empty file; expected a header row "
				  "naming the columns time,user,action,document",
				  name);
	if (rc < 0)
		goto fail;
	ncols = r->n;
	for (i = 0; i < r->n; i++) {
		trim(&r->field[i]);
		for (int c = 0; c < 4; c++)
			if (r->field[i].data &&
			    !strcasecmp(r->field[i].data, want[c])) {
				if (col[c] >= 0) {
					rc = lt_error_set(LT_EINPUT, "%s:%zu: column "
							  "'%s' appears twice in "
							  "the header", name,
							  r->line, want[c]);
					goto fail;
				}
				col[c] = (int)i;
			}
	}
	for (int c = 0; c < 4; c++)
		if (col[c] < 0) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: the header has no '%s' "
					  "column (it needs time,user,action,"
					  "document)", name, r->line, want[c]);
			goto fail;
		}
	while ((rc = csv_next(r, data, len, &pos, &line, name)) == 1) {
		lt_access_row *row;

		if (r->n == 1 && r->field[0].len == 0)
			continue; /* blank line */
		if (r->n != ncols) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: %zu fields where the "
					  "header has %zu", name, r->line, r->n,
					  ncols);
			goto fail;
		}
		for (int c = 0; c < 4; c++) {
			lt_buf *f = &r->field[col[c]];

			trim(f);
			if (f->len == 0) {
				rc = lt_error_set(LT_EINPUT, "%s:%zu: empty '%s'", name,
						  r->line, want[c]);
				goto fail;
			}
			if (!clean_utf8(f->data, f->len)) {
				rc = lt_error_set(LT_EINPUT, "%s:%zu: '%s' is not clean "
						  "UTF-8 text", name, r->line,
						  want[c]);
				goto fail;
			}
		}
		for (char *p = r->field[col[2]].data; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!lt_access_action_valid(r->field[col[2]].data)) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: action '%s' is not view, "
					  "print or download", name, r->line,
					  r->field[col[2]].data);
			goto fail;
		}
		if (lt_iso8601_valid(r->field[col[0]].data)) {
			rc = lt_error_set(LT_EINPUT, "%s:%zu: time '%s' is not ISO 8601 "
					  "(like 2026-01-31T12:00:00Z)", name,
					  r->line, r->field[col[0]].data);
			goto fail;
		}
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 64;
			lt_access_row *g = realloc(rows, nc * sizeof(*rows));

			if (!g) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto fail;
			}
			rows = g;
			cap = nc;
		}
		row = &rows[k++];
		row->time = strdup(r->field[col[0]].data);
		row->user = strdup(r->field[col[1]].data);
		row->action = strdup(r->field[col[2]].data);
		row->document = strdup(r->field[col[3]].data);
		row->line = r->line;
		if (!row->time || !row->user || !row->action || !row->document) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto fail;
		}
	}
	if (rc < 0)
		goto fail;
	csv_record_free(r);
	free(r);
	*out = rows;
	*n = k;
	return LT_OK;
fail:
	csv_record_free(r);
	free(r);
	lt_access_rows_free(rows, k);
	return rc;
}

/* Read a whole file (at most `max` bytes). */
static int read_file(lt_buf *out, const char *path, size_t max)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = LT_OK;

	if (!f)
		return lt_error_set(LT_EINPUT, "cannot read %s: %s", path,
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > max) {
			rc = lt_error_set(LT_EINPUT, "%s is larger than %zu bytes",
					  path, max);
			break;
		}
		if ((rc = lt_buf_append(out, chunk, n)))
			break;
	}
	if (rc == LT_OK && ferror(f))
		rc = lt_error_set(LT_EINPUT, "cannot read %s: %s", path,
				  strerror(errno));
	fclose(f);
	return rc;
}

int lt_access_import(size_t *count, lt_vault *v, const char *path)
{
	access_ctx a = {v, NULL, NULL};
	lt_access_row *rows = NULL;
	const char *base = strrchr(path, '/');
	lt_buf data = {0}, source = {0};
	size_t n = 0, i;
	int rc;

	*count = 0;
	base = base ? base + 1 : path;
	if ((rc = read_file(&data, path, MAX_CSV_BYTES)))
		return rc;
	rc = lt_access_csv_parse(&rows, &n, data.data ? data.data : "", data.len,
				 path);
	lt_buf_free(&data);
	if (rc)
		return rc;
	if ((rc = lt_vault_begin(v)))
		goto out;
	for (i = 0; i < n; i++) {
		lt_buf_clear(&source);
		if ((rc = lt_buf_printf(&source, "import:%s:%zu", base, rows[i].line)))
			break;
		rc = append_access(&a, rows[i].document, rows[i].user, rows[i].action,
				   rows[i].time, source.data);
		if (rc == LT_ENOTFOUND)
			rc = lt_error_set(LT_EINPUT, "%s:%zu: no document '%s' in the "
					  "vault (nothing was imported)", path,
					  rows[i].line, rows[i].document);
		else if (rc == LT_EINPUT)
			rc = lt_error_set(LT_EINPUT, "%s:%zu: %s", path, rows[i].line,
					  lt_error_message());
		if (rc)
			break;
	}
	access_ctx_close(&a);
	if (rc) {
		lt_vault_rollback(v);
		goto out;
	}
	if ((rc = lt_vault_commit(v)) == LT_OK)
		*count = n;
out:
	lt_buf_free(&source);
	lt_access_rows_free(rows, n);
	return rc;
}

/* ---------------------------------------------------------------------
 * Suspects
 * ------------------------------------------------------------------- */

static void holding_clear(lt_holding *h);

static void suspect_clear(lt_ledger_suspect *s)
{
	free(s->recipient);
	for (size_t i = 0; i < s->nholdings; i++)
		holding_clear(&s->holdings[i]);
	free(s->holdings);
	free(s->excluded);
	memset(s, 0, sizeof(*s));
}

void lt_suspects_result_free(lt_suspects_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ndocuments; i++) {
		free(r->documents[i].document);
		free(r->documents[i].first_sighting);
	}
	free(r->documents);
	for (size_t i = 0; i < r->nsuspects; i++)
		suspect_clear(&r->suspects[i]);
	free(r->suspects);
	for (size_t i = 0; i < r->nexcluded; i++)
		suspect_clear(&r->excluded[i]);
	free(r->excluded);
	free(r->note);
	free(r);
}

/*
 * Whether the vault has recorded any sighting yet (scan.c fills the
 * `sightings` table; its `doc` column is the documents rowid): 1 or 0.
 */
static int sightings_mode(lt_vault *v)
{
	sqlite3_stmt *st;
	int any = 0;

	if (lt_vault_prepare(v, &st, "SELECT EXISTS(SELECT 1 FROM sightings)"))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		any = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return any;
}

/* A candidate: a recipient with a copy of the document being read. */
typedef struct candidate {
	char *name;
	lt_holding h;
	int in_time;  /* copy issued before the first sighting (or unknown) */
	int accessed; /* accessed before the first sighting */
} candidate;

static void holding_clear(lt_holding *h)
{
	free(h->document);
	free(h->copy);
	free(h->issued_at);
	for (size_t k = 0; k < h->naccesses; k++) {
		free(h->accesses[k].at);
		free(h->accesses[k].action);
	}
	free(h->accesses);
	memset(h, 0, sizeof(*h));
}

static void candidates_free(candidate *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].name);
		holding_clear(&c[i].h);
	}
	free(c);
}

/* Every holder of one document, with their accesses before `first`. */
static int load_candidates(candidate **out, size_t *n, size_t *access_events,
			   lt_vault *v, int64_t rowid, const char *doc,
			   const char *first)
{
	sqlite3_stmt *cs = NULL, *as = NULL;
	candidate *c = NULL;
	size_t k = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*access_events = 0;
	if ((rc = lt_vault_prepare(v, &cs,
			"SELECT r.name, c.id, c.issued_at, CASE WHEN ?2 IS NULL "
			"THEN 1 ELSE julianday(c.issued_at) < julianday(?2) END "
			"FROM copies c JOIN recipients r ON r.rowid = c.recipient "
			"WHERE c.doc = ?1 ORDER BY r.name")) ||
	    (rc = lt_vault_prepare(v, &as,
			"SELECT seq, json_extract(detail, '$.user'), "
			"json_extract(detail, '$.action'), "
			"json_extract(detail, '$.accessed_at'), "
			"CASE WHEN ?2 IS NULL THEN 1 ELSE julianday(json_extract("
			"detail, '$.accessed_at')) < julianday(?2) END "
			"FROM events WHERE kind = 'access' AND document = ?1 "
			"AND json_valid(detail) ORDER BY seq")))
		goto out;
	sqlite3_bind_int64(cs, 1, rowid);
	if (first)
		sqlite3_bind_text(cs, 2, first, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(cs)) == SQLITE_ROW) {
		if (k == cap) {
			size_t nc = cap ? cap * 2 : 16;
			candidate *g = realloc(c, nc * sizeof(*c));

			if (!g) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
			c = g;
			cap = nc;
		}
		memset(&c[k], 0, sizeof(c[k]));
		c[k].name = col_strdup(cs, 0);
		c[k].h.document = xstrdup(doc);
		c[k].h.copy = col_strdup(cs, 1);
		c[k].h.issued_at = col_strdup(cs, 2);
		c[k].in_time = sqlite3_column_int(cs, 3) == 1;
		k++;
		if (!c[k - 1].name || !c[k - 1].h.document || !c[k - 1].h.copy ||
		    !c[k - 1].h.issued_at) {
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = lt_vault_sqlite_error(v, rc, "read copies");
		goto out;
	}
	sqlite3_bind_text(as, 1, doc, -1, SQLITE_STATIC);
	if (first)
		sqlite3_bind_text(as, 2, first, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(as)) == SQLITE_ROW) {
		const char *user = (const char *)sqlite3_column_text(as, 1);
		lt_access_evidence *e;

		(*access_events)++;
		if (!user || sqlite3_column_int(as, 4) != 1)
			continue;
		for (size_t i = 0; i < k; i++) {
			lt_holding *h = &c[i].h;

			if (strcmp(c[i].name, user))
				continue;
			e = realloc(h->accesses, (h->naccesses + 1) * sizeof(*e));
			if (!e) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
			h->accesses = e;
			e = &h->accesses[h->naccesses++];
			e->seq = sqlite3_column_int64(as, 0);
			e->action = col_strdup(as, 2);
			e->at = col_strdup(as, 3);
			c[i].accessed = 1;
			if (!e->action || !e->at) {
				rc = lt_error_set(LT_ENOMEM, "out of memory");
				goto out;
			}
		}
	}
	rc = rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(v, rc, "read access");
out:
	sqlite3_finalize(cs);
	sqlite3_finalize(as);
	if (rc) {
		candidates_free(c, k);
		return rc;
	}
	*out = c;
	*n = k;
	return LT_OK;
}

/* The earliest sighting of a document, NULL when unknown. */
static int first_sighting(char **out, lt_vault *v, int mode, int64_t rowid,
			  const char *doc)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (!mode)
		return LT_OK;
	if ((rc = lt_vault_prepare(v, &st, "SELECT posted_at FROM sightings WHERE "
				  "doc = ? AND posted_at IS NOT NULL ORDER BY "
				  "julianday(posted_at) LIMIT 1")))
		return rc;
	(void)doc;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = col_strdup(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(v, rc, "read sightings");
}

/* Move a holding into a suspect entry (taking ownership). */
static int add_holding(lt_ledger_suspect *s, lt_holding *h)
{
	lt_holding *g = realloc(s->holdings, (s->nholdings + 1) * sizeof(*g));

	if (!g)
		return lt_error_set(LT_ENOMEM, "out of memory");
	s->holdings = g;
	s->holdings[s->nholdings++] = *h;
	memset(h, 0, sizeof(*h));
	return LT_OK;
}

int lt_suspects(lt_suspects_result **out, lt_vault *v, const char *const *ids,
		size_t nids)
{
	lt_suspects_result *r;
	lt_ledger_suspect *all = NULL;
	unsigned char *dropped = NULL;
	char **why = NULL;
	size_t nall = 0, d, i;
	int mode, rc = LT_OK;

	*out = NULL;
	if (nids == 0)
		return lt_error_set(LT_EUSAGE, "suspects needs at least one document");
	if (!(r = calloc(1, sizeof(*r))) ||
	    !(r->documents = calloc(nids, sizeof(*r->documents))))
		goto nomem;
	mode = sightings_mode(v);
	r->sightings_known = mode != 0;
	for (d = 0; d < nids; d++) {
		lt_suspect_document *sd = &r->documents[d];
		sqlite3_stmt *cache = NULL;
		candidate *c = NULL;
		size_t nc = 0;
		int64_t rowid;

		rc = document_rowid(v, &cache, ids[d], &rowid);
		sqlite3_finalize(cache);
		if (rc)
			goto fail;
		r->ndocuments++;
		if (!(sd->document = strdup(ids[d])))
			goto nomem;
		if ((rc = first_sighting(&sd->first_sighting, v, mode, rowid, ids[d])) ||
		    (rc = load_candidates(&c, &nc, &sd->access_events, v, rowid,
					  ids[d], sd->first_sighting)))
			goto fail;
		sd->holders = nc;
		if (d == 0 && nc) {
			/* Everyone holding the first document starts as a
			 * candidate. */
			all = calloc(nc, sizeof(*all));
			why = calloc(nc, sizeof(*why));
			dropped = calloc(nc, 1);
			if (!all || !why || !dropped) {
				candidates_free(c, nc);
				goto nomem;
			}
			nall = nc;
			for (i = 0; i < nc; i++)
				if (!(all[i].recipient = strdup(c[i].name))) {
					candidates_free(c, nc);
					goto nomem;
				}
		}
		for (i = 0; i < nall; i++) {
			size_t k;

			if (dropped[i])
				continue;
			for (k = 0; k < nc; k++)
				if (!strcmp(c[k].name, all[i].recipient))
					break;
			if (k == nc) {
				dropped[i] = 1; /* does not hold them all */
				continue;
			}
			if (!why[i] && !c[k].in_time &&
			    asprintf(&why[i], "copy of '%s' issued %s, not before "
				     "its first sighting %s", ids[d],
				     c[k].h.issued_at, sd->first_sighting) < 0)
				why[i] = NULL;
			if (!why[i] && sd->access_events && !c[k].accessed &&
			    asprintf(&why[i], "no recorded access to '%s'%s", ids[d],
				     sd->first_sighting ? " before its first "
							  "sighting" : "") < 0)
				why[i] = NULL;
			if ((rc = add_holding(&all[i], &c[k].h))) {
				candidates_free(c, nc);
				goto fail;
			}
		}
		candidates_free(c, nc);
	}
	/* Split the holders of every document into suspects and excluded. */
	for (i = 0; i < nall; i++) {
		lt_ledger_suspect **arr = why[i] ? &r->excluded : &r->suspects;
		size_t *cnt = why[i] ? &r->nexcluded : &r->nsuspects;
		lt_ledger_suspect *dst;

		if (dropped[i])
			continue;
		if (!(dst = realloc(*arr, (*cnt + 1) * sizeof(**arr))))
			goto nomem;
		*arr = dst;
		dst[*cnt] = all[i];
		dst[*cnt].excluded = why[i];
		(*cnt)++;
		memset(&all[i], 0, sizeof(all[i]));
		why[i] = NULL;
	}
	if (asprintf(&r->note, "%s", r->sightings_known
		     ? "first sightings come from the vault's sightings; a "
		       "document never sighted counts every holder"
		     : "the vault has no sightings yet, so each document's first "
		       "sighting is unknown: every recipient who holds all of "
		       "them is listed") < 0)
		goto nomem;
	goto fail; /* the common cleanup, with rc == LT_OK */
nomem:
	rc = lt_error_set(LT_ENOMEM, "out of memory");
fail:
	for (i = 0; i < nall; i++) {
		suspect_clear(&all[i]);
		free(why[i]);
	}
	free(all);
	free(why);
	free(dropped);
	if (rc) {
		lt_suspects_result_free(r);
		return rc;
	}
	*out = r;
	return LT_OK;
}
