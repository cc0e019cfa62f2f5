/*
 * vault.c - the vault directory: creation, opening, schema migrations,
 * the secret key, transactions and the event log.
 *
 * Layout of a vault directory:
 *   vault.db   SQLite database (WAL); PRAGMA user_version is the schema
 *   key        32 random bytes, mode 0600; never printed or logged
 *
 * Every other module reaches the database through the helpers declared in
 * vault_internal.h, so that transactions, busy handling and error messages
 * are the same everywhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "base/error.h"
#include "leaktrace/ocr.h"
#include "ledger/ledger_internal.h"
#include "store/vault_internal.h"

#define DB_NAME "vault.db"
#define KEY_NAME "key"
#define KEY_CHECK_CONTEXT "leaktrace key check v1"

/* ---------------------------------------------------------------------
 * Schema migrations.  Migration i takes the schema from version i to i+1;
 * append new ones, never edit old ones.
 * ------------------------------------------------------------------- */

static const char *const migrations[] = {
	/* 0 -> 1: documents, identification index, recipients, copies,
	 * codewords, events. */
	"CREATE TABLE meta("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE documents("
	"  rowid INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  title TEXT,"
	"  source TEXT,"
	"  format TEXT NOT NULL,"
	"  registered_at TEXT NOT NULL,"
	"  words INTEGER NOT NULL,"
	"  nslots INTEGER NOT NULL,"
	"  lexical_slots INTEGER NOT NULL,"
	"  typographic_slots INTEGER NOT NULL,"
	"  bias TEXT NOT NULL,"
	"  cap_lexical REAL NOT NULL,"
	"  cap_typographic REAL NOT NULL,"
	"  slots BLOB NOT NULL);"
	"CREATE TABLE shingles("
	"  hash INTEGER NOT NULL,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  PRIMARY KEY(hash, doc)) WITHOUT ROWID;"
	"CREATE TABLE recipients("
	"  rowid INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE code_blocks("
	"  rowid INTEGER PRIMARY KEY,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  count INTEGER NOT NULL,"
	"  nslots INTEGER NOT NULL,"
	"  symbols BLOB NOT NULL);"
	"CREATE INDEX code_blocks_doc ON code_blocks(doc);"
	"CREATE TABLE copies("
	"  rowid INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  recipient INTEGER NOT NULL REFERENCES recipients(rowid),"
	"  block INTEGER NOT NULL REFERENCES code_blocks(rowid),"
	"  block_index INTEGER NOT NULL,"
	"  format TEXT NOT NULL,"
	"  path TEXT,"
	"  issued_at TEXT NOT NULL,"
	"  UNIQUE(doc, recipient));"
	"CREATE INDEX copies_block ON copies(block, block_index);"
	"CREATE TABLE events("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  document TEXT,"
	"  detail TEXT NOT NULL);",
	/* 1 -> 2: the ledger's Merkle tree (leaves, complete subtrees) and
	 * signed tree heads (ledger.c). */
	"CREATE TABLE ledger_leaves("
	"  idx INTEGER PRIMARY KEY,"
	"  seq INTEGER NOT NULL UNIQUE,"
	"  hash BLOB NOT NULL);"
	"CREATE TABLE ledger_nodes("
	"  level INTEGER NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  hash BLOB NOT NULL,"
	"  PRIMARY KEY(level, idx)) WITHOUT ROWID;"
	"CREATE TABLE ledger_heads("
	"  size INTEGER PRIMARY KEY,"
	"  root BLOB NOT NULL,"
	"  at TEXT NOT NULL,"
	"  signature BLOB NOT NULL);"
	"CREATE INDEX events_kind_document ON events(kind, document);",
	/* 2 -> 3: digests of issued copy files and the signed manifests that
	 * vouch for them (issue.c, verify.c). */
	"ALTER TABLE copies ADD COLUMN digest TEXT;"
	"CREATE INDEX copies_digest ON copies(digest);"
	"CREATE TABLE manifests("
	"  rowid INTEGER PRIMARY KEY,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  created_at TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  signature BLOB NOT NULL,"
	"  public_key BLOB NOT NULL);",
	/* 3 -> 4: PDQ hashes of protected page images, of an original
	 * (copy NULL) or of an issued copy (pdq_store.c). */
	"CREATE TABLE page_hashes("
	"  rowid INTEGER PRIMARY KEY,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  copy INTEGER REFERENCES copies(rowid),"
	"  page INTEGER NOT NULL,"
	"  hash BLOB NOT NULL CHECK(length(hash) = 32),"
	"  quality INTEGER NOT NULL,"
	"  source TEXT,"
	"  added_at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX page_hashes_unique"
	"  ON page_hashes(doc, ifnull(copy, 0), page, hash);",
	/* 4 -> 5: sightings of protected documents found by scans, and the
	 * cached MinHash band keys of each document (scan.c). */
	"CREATE TABLE sightings("
	"  rowid INTEGER PRIMARY KEY,"
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  platform TEXT NOT NULL,"
	"  channel TEXT NOT NULL DEFAULT '',"
	"  message TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL,"
	"  attachment TEXT NOT NULL DEFAULT '',"
	"  kind TEXT NOT NULL,"
	"  author TEXT,"
	"  posted_at TEXT,"
	"  url TEXT,"
	"  similarity REAL NOT NULL,"
	"  words INTEGER,"
	"  doc_first INTEGER,"
	"  doc_last INTEGER,"
	"  doc_start INTEGER,"
	"  doc_end INTEGER,"
	"  page INTEGER,"
	"  verdict TEXT,"
	"  copy TEXT,"
	"  recipient TEXT,"
	"  p_false REAL,"
	"  verify TEXT,"
	"  first_seen TEXT NOT NULL,"
	"  UNIQUE(platform, channel, message, doc, source, attachment));"
	"CREATE INDEX sightings_doc_time ON sightings(doc, posted_at);"
	"CREATE TABLE minhash_keys("
	"  doc INTEGER PRIMARY KEY REFERENCES documents(rowid),"
	"  version INTEGER NOT NULL,"
	"  ntokens INTEGER NOT NULL,"
	"  keys BLOB NOT NULL);",
	/* 5 -> 6: every file of every issued copy (a PDF, each PNG page, a
	 * text) by its SHA-256, so any of them is recognised byte for byte. */
	"CREATE TABLE copy_files("
	"  rowid INTEGER PRIMARY KEY,"
	"  copy TEXT NOT NULL REFERENCES copies(id),"
	"  digest TEXT NOT NULL,"
	"  page INTEGER NOT NULL DEFAULT 0,"
	"  issued_at TEXT NOT NULL);"
	"CREATE INDEX copy_files_digest ON copy_files(digest);",
	/* 6 -> 7: a copy's digests live in copy_files only. */
	"DROP INDEX copies_digest;"
	"ALTER TABLE copies DROP COLUMN digest;",
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* ---------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

int lt_vault_sqlite_error(lt_vault *v, int rc, const char *what)
{
	const char *msg = v && v->db ? sqlite3_errmsg(v->db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return lt_error_set(LT_ELOCKED,
				    "vault is locked by another process (%s)", what);
	case SQLITE_NOMEM:
		return lt_error_set(LT_ENOMEM, "out of memory (%s)", what);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return lt_error_set(LT_EVAULT, "vault database is damaged (%s: %s)",
				    what, msg);
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return lt_error_set(LT_EVAULT, "cannot write the vault (%s: %s)",
				    what, msg);
	default:
		return lt_error_set(LT_EVAULT, "vault database error (%s: %s)",
				    what, msg);
	}
}

int lt_vault_prepare(lt_vault *v, sqlite3_stmt **st, const char *sql)
{
	int rc = sqlite3_prepare_v2(v->db, sql, -1, st, NULL);

	if (rc != SQLITE_OK)
		return lt_vault_sqlite_error(v, rc, "prepare");
	return LT_OK;
}

static int exec(lt_vault *v, const char *sql, const char *what)
{
	int rc = sqlite3_exec(v->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? LT_OK : lt_vault_sqlite_error(v, rc, what);
}

int lt_vault_begin(lt_vault *v)
{
	int rc = exec(v, "BEGIN IMMEDIATE", "begin transaction");

	if (rc == LT_OK)
		v->in_tx = 1;
	return rc;
}

int lt_vault_commit(lt_vault *v)
{
	int rc;

	/* The transaction's events get their Merkle leaves and one signed
	 * tree head before they commit, atomically with them. */
	if ((rc = lt_ledger_seal(v)) == LT_OK)
		rc = exec(v, "COMMIT", "commit");
	if (rc != LT_OK) {
		lt_vault_rollback(v);
		return rc;
	}
	v->in_tx = 0;
	return LT_OK;
}

void lt_vault_rollback(lt_vault *v)
{
	if (v->in_tx) {
		sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
		v->in_tx = 0;
	}
}

/* Hex of BLAKE2b-256(key, context): lets open() tell a wrong key. */
static void key_check(const unsigned char key[LT_KEY_BYTES], char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)KEY_CHECK_CONTEXT,
			   strlen(KEY_CHECK_CONTEXT), key, LT_KEY_BYTES);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

void lt_vault_document_key(const lt_vault *v, const char *doc_id,
			   unsigned char key[LT_KEY_BYTES])
{
	crypto_generichash_state st;
	static const char ctx[] = "leaktrace document key v1";

	crypto_generichash_init(&st, v->key, LT_KEY_BYTES, LT_KEY_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof(ctx));
	crypto_generichash_update(&st, (const unsigned char *)doc_id,
				  strlen(doc_id));
	crypto_generichash_final(&st, key, LT_KEY_BYTES);
}

void lt_vault_copy_id(const lt_vault *v, const char *doc_id,
		      const char *recipient, char id[16])
{
	crypto_generichash_state st;
	static const char ctx[] = "leaktrace copy id v1";
	unsigned char h[16];

	crypto_generichash_init(&st, v->key, LT_KEY_BYTES, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)ctx, sizeof(ctx));
	crypto_generichash_update(&st, (const unsigned char *)doc_id,
				  strlen(doc_id) + 1);
	crypto_generichash_update(&st, (const unsigned char *)recipient,
				  strlen(recipient));
	crypto_generichash_final(&st, h, sizeof(h));
	id[0] = 'c';
	sodium_bin2hex(id + 1, 15, h, 7);
	id[13] = '\0';
}

int lt_vault_event(lt_vault *v, const char *kind, const char *document,
		   const char *detail)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	/* Outside a transaction the event gets one of its own, so that it
	 * is logged and sealed like any other (lt_vault_commit). */
	if (!v->in_tx) {
		if ((rc = lt_vault_begin(v)))
			return rc;
		if ((rc = lt_vault_event(v, kind, document, detail))) {
			lt_vault_rollback(v);
			return rc;
		}
		return lt_vault_commit(v);
	}
	if ((rc = lt_vault_prepare(v, &st, "INSERT INTO events(at, kind, document, "
					  "detail) VALUES(?,?,?,?)")))
		return rc;
	lt_time_now(now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (document)
		sqlite3_bind_text(st, 3, document, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, detail ? detail : "{}", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lt_vault_sqlite_error(v, rc, "append event");
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Opening and migrating
 * ------------------------------------------------------------------- */

/* How long to wait for a busy vault, from the options (lt_vault_options):
 * 0 the default, negative not at all, at most ten minutes. */
static int lock_timeout_ms(const lt_vault_options *opts)
{
	int ms = opts ? opts->lock_timeout_ms : 0;

	if (ms == 0)
		return LT_VAULT_LOCK_TIMEOUT_MS;
	if (ms < 0)
		return 0;
	return ms > 600000 ? 600000 : ms;
}

static int open_db(lt_vault *v, const char *path, int flags,
		   const lt_vault_options *opts)
{
	int rc = sqlite3_open_v2(path, &v->db, flags, NULL);

	if (rc != SQLITE_OK)
		return lt_vault_sqlite_error(v, rc, "open database");
	sqlite3_busy_timeout(v->db, lock_timeout_ms(opts));
	sqlite3_extended_result_codes(v->db, 0);
	if ((rc = exec(v, "PRAGMA journal_mode=WAL", "set journal mode")))
		return rc;
	if ((rc = exec(v, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON",
		       "set pragmas")))
		return rc;
	return LT_OK;
}

static int read_schema_version(lt_vault *v, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "PRAGMA user_version")))
		return rc;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return lt_vault_sqlite_error(v, rc, "read schema version");
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return LT_OK;
}

/* Bring the schema up to SCHEMA_VERSION, one transaction per step. */
static int migrate(lt_vault *v)
{
	int version = 0, rc;
	char sql[64];

	/* Most opens find the schema current: no write lock needed. */
	if ((rc = read_schema_version(v, &version)))
		return rc;
	if (version == SCHEMA_VERSION) {
		v->schema = version;
		return LT_OK;
	}
	if ((rc = lt_vault_begin(v)))
		return rc;
	if ((rc = read_schema_version(v, &version)))
		goto fail;
	if (version > SCHEMA_VERSION) {
		rc = lt_error_set(LT_EVAULT, "vault schema version %d is newer than "
				  "this leaktrace understands (%d)", version,
				  SCHEMA_VERSION);
		goto fail;
	}
	for (; version < SCHEMA_VERSION; version++) {
		if ((rc = exec(v, migrations[version], "migrate schema")))
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", version + 1);
		if ((rc = exec(v, sql, "migrate schema")))
			goto fail;
	}
	v->schema = version;
	return lt_vault_commit(v);
fail:
	lt_vault_rollback(v);
	return rc;
}

static int read_key(lt_vault *v, const char *path)
{
	struct stat sb;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return lt_error_set(LT_EVAULT, "vault key file %s: %s", path,
				    strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size != LT_KEY_BYTES) {
		close(fd);
		return lt_error_set(LT_EVAULT, "vault key file %s is damaged "
				    "(expected %d bytes)", path, LT_KEY_BYTES);
	}
	if ((sb.st_mode & 077) != 0) {
		close(fd);
		return lt_error_set(LT_EVAULT, "vault key file %s is readable by "
				    "others; it must be mode 0600", path);
	}
	n = read(fd, v->key, LT_KEY_BYTES);
	close(fd);
	if (n != LT_KEY_BYTES)
		return lt_error_set(LT_EVAULT, "cannot read vault key file %s", path);
	return LT_OK;
}

static int get_meta(lt_vault *v, const char *key, char *out, size_t outlen)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = lt_vault_prepare(v, &st, "SELECT value FROM meta WHERE key=?")))
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return LT_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return lt_error_set(LT_EVAULT, "vault is damaged: no '%s' record", key);
	return lt_vault_sqlite_error(v, rc, "read vault settings");
}

int lt_vault_open(lt_vault **out, const char *dir)
{
	return lt_vault_open_ex(out, dir, NULL);
}

int lt_vault_open_ex(lt_vault **out, const char *dir,
		     const lt_vault_options *opts)
{
	lt_vault *v;
	char *dbpath = NULL, *keypath = NULL;
	char want[65], have[65], thr[64];
	struct stat sb;
	int rc;

	*out = NULL;
	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to initialise");
	if (opts && opts->read_only)
		return lt_error_set(LT_EUSAGE, "opening a vault read-only is not "
				    "supported yet");
	if (!(v = calloc(1, sizeof(*v))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	v->ops = &lt_store_sqlite;
	v->ocr = opts ? opts->ocr : NULL;
	if (!v->ocr) {
		if ((rc = lt_ocr_new(&v->own_ocr,
				     opts ? opts->ocr_options : NULL)))
			goto fail;
		v->ocr = v->own_ocr;
	}
	v->dir = strdup(dir);
	dbpath = path_join(dir, DB_NAME);
	keypath = path_join(dir, KEY_NAME);
	if (!v->dir || !dbpath || !keypath) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rc = lt_error_set(LT_EVAULT, "no vault at %s (run 'leaktrace init')",
				  dir);
		goto fail;
	}
	if (stat(dbpath, &sb) != 0) {
		rc = lt_error_set(LT_EVAULT, "no vault at %s: %s is missing (run "
				  "'leaktrace init')", dir, DB_NAME);
		goto fail;
	}
	if ((rc = read_key(v, keypath)))
		goto fail;
	if ((rc = open_db(v, dbpath, SQLITE_OPEN_READWRITE, opts)))
		goto fail;
	if ((rc = migrate(v)))
		goto fail;
	if ((rc = get_meta(v, "key_check", have, sizeof(have))))
		goto fail;
	key_check(v->key, want);
	if (sodium_memcmp(want, have, 64) != 0) {
		rc = lt_error_set(LT_EVAULT, "the key file in %s does not belong to "
				  "this vault", dir);
		goto fail;
	}
	if ((rc = get_meta(v, "threshold", thr, sizeof(thr))))
		goto fail;
	v->threshold = strtod(thr, NULL);
	if (!(v->threshold > 0 && v->threshold < 1)) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: bad threshold");
		goto fail;
	}
	free(dbpath);
	free(keypath);
	*out = v;
	return LT_OK;
fail:
	free(dbpath);
	free(keypath);
	lt_vault_close(v);
	return rc;
}

void lt_vault_close(lt_vault *v)
{
	if (!v)
		return;
	lt_vault_rollback(v);
	if (v->db)
		sqlite3_close_v2(v->db);
	sodium_memzero(v->key, sizeof(v->key));
	lt_ocr_free(v->own_ocr);
	free(v->dir);
	free(v);
}

int lt_vault_keep_error(lt_vault *v, int rc)
{
	return lt_error_keep(v ? &v->err : NULL, rc);
}

int lt_vault_errcode(const lt_vault *v)
{
	return v ? v->err.code : LT_EUSAGE;
}

const char *lt_vault_errmsg(const lt_vault *v)
{
	return v ? v->err.message : "no vault";
}

lt_ocr *lt_vault_ocr(const lt_vault *v)
{
	return v->ocr;
}

const char *lt_vault_dir(const lt_vault *v)
{
	return v->dir;
}

double lt_vault_threshold(const lt_vault *v)
{
	return v->threshold;
}

int lt_vault_schema_version(const lt_vault *v)
{
	return v->schema;
}

/* ---------------------------------------------------------------------
 * Creating
 * ------------------------------------------------------------------- */

/* Write the key to a temporary file with mode 0600, then rename. */
static int write_key(const char *dir, const unsigned char key[LT_KEY_BYTES])
{
	char *tmp = path_join(dir, KEY_NAME ".tmp");
	char *final = path_join(dir, KEY_NAME);
	int fd = -1, rc = LT_OK;

	if (!tmp || !final) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, key, LT_KEY_BYTES) != LT_KEY_BYTES ||
	    fsync(fd) != 0) {
		rc = lt_error_set(LT_EVAULT, "cannot write the vault key in %s: %s",
				  dir, strerror(errno));
		goto out;
	}
	if (rename(tmp, final) != 0)
		rc = lt_error_set(LT_EVAULT, "cannot write the vault key in %s: %s",
				  dir, strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	if (rc && tmp)
		unlink(tmp);
	free(tmp);
	free(final);
	return rc;
}

int lt_vault_init(const char *dir)
{
	lt_vault v = {0};
	char *dbpath = NULL, *tmppath = NULL, *keypath = NULL;
	char check[65], sql[256];
	struct stat sb;
	int rc, made_dir = 0;

	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to initialise");
	dbpath = path_join(dir, DB_NAME);
	tmppath = path_join(dir, DB_NAME ".new");
	keypath = path_join(dir, KEY_NAME);
	if (!dbpath || !tmppath || !keypath) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (stat(dbpath, &sb) == 0 || stat(keypath, &sb) == 0) {
		rc = lt_error_set(LT_EEXISTS, "%s already holds a vault; refusing to "
				  "overwrite it", dir);
		goto out;
	}
	if (mkdir(dir, 0700) == 0) {
		made_dir = 1;
	} else if (errno != EEXIST || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rc = lt_error_set(LT_EVAULT, "cannot create vault directory %s: %s",
				  dir, strerror(errno));
		goto out;
	}
	randombytes_buf(v.key, sizeof(v.key));
	unlink(tmppath);
	if ((rc = open_db(&v, tmppath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			  NULL)))
		goto out;
	if ((rc = migrate(&v)))
		goto out;
	key_check(v.key, check);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO meta(key, value) VALUES('key_check', '%s'),"
		 "('threshold', '%g'), ('created_at', datetime('now'))",
		 check, LT_DEFAULT_THRESHOLD);
	if ((rc = exec(&v, sql, "write vault settings")))
		goto out;
	/* Fold the WAL into the main file so that one rename moves it all. */
	if ((rc = exec(&v, "PRAGMA journal_mode=DELETE", "finish database")))
		goto out;
	sqlite3_close_v2(v.db);
	v.db = NULL;
	if ((rc = write_key(dir, v.key)))
		goto out;
	if (rename(tmppath, dbpath) != 0) {
		rc = lt_error_set(LT_EVAULT, "cannot create %s: %s", dbpath,
				  strerror(errno));
		unlink(keypath);
	}
out:
	if (v.db)
		sqlite3_close_v2(v.db);
	sodium_memzero(v.key, sizeof(v.key));
	if (rc && tmppath) {
		unlink(tmppath);
		if (made_dir)
			rmdir(dir);
	}
	free(dbpath);
	free(tmppath);
	free(keypath);
	return rc;
}
