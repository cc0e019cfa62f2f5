/*
 * sqlite_vault.c - the SQLite backend's vault: the database file, its
 * connection, schema migrations, transactions and the event log, and the
 * helpers every store/sqlite_*.c file shares (sqlite_internal.h).
 *
 * The database is vault.db in the vault directory (WAL); PRAGMA
 * user_version is the schema version.  A new vault's database is built
 * as vault.db.new and renamed into place once the key is written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "ledger/ledger_internal.h"
#include "store/sqlite_internal.h"

#define DB_NAME "vault.db"

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
	/* 7 -> 8: identification is the shingle index alone (identify/); the
	 * scanner's cached MinHash keys are gone. */
	"DROP TABLE minhash_keys;",
	/* 8 -> 9: the author's decisions on suggested marks, one per
	 * document and slot group (its first slot's index); each is also a
	 * "review" event in the ledger (issue/review.c). */
	"CREATE TABLE slot_decisions("
	"  doc INTEGER NOT NULL REFERENCES documents(rowid),"
	"  slot_group INTEGER NOT NULL CHECK(slot_group >= 0),"
	"  decision TEXT NOT NULL CHECK(decision IN ('approved', 'rejected')),"
	"  decided_at TEXT NOT NULL,"
	"  PRIMARY KEY(doc, slot_group)) WITHOUT ROWID;",
	/* 9 -> 10: the file a document was registered from, when copies are
	 * made from it in its own format (a Word document). */
	"CREATE TABLE originals("
	"  doc INTEGER PRIMARY KEY REFERENCES documents(rowid),"
	"  data BLOB NOT NULL);",
	/* 10 -> 11: hashes of the figures inside a Word or PDF original
	 * (issue/figures.c): figure k is recorded with figure = k + 1 (NULL
	 * for a page image). */
	"ALTER TABLE page_hashes ADD COLUMN figure INTEGER;"
	"DROP INDEX page_hashes_unique;"
	"CREATE UNIQUE INDEX page_hashes_unique ON page_hashes(doc, "
	"  ifnull(copy, 0), page, ifnull(figure, 0), hash);",
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* ---------------------------------------------------------------------
 * Helpers shared by the backend's files
 * ------------------------------------------------------------------- */

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

int lt_sqlite_exec(lt_vault *v, const char *sql, const char *what)
{
	int rc = sqlite3_exec(v->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? LT_OK : lt_vault_sqlite_error(v, rc, what);
}

char *lt_sqlite_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? strdup((const char *)s) : NULL;
}

void lt_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void lt_sqlite_bind_text_or_empty(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

int lt_sqlite_step_done(lt_vault *v, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? LT_OK : lt_vault_sqlite_error(v, rc, what);
}

static int exec(lt_vault *v, const char *sql, const char *what)
{
	return lt_sqlite_exec(v, sql, what);
}

/* ---------------------------------------------------------------------
 * Transactions
 * ------------------------------------------------------------------- */

int lt_vault_begin(lt_vault *v)
{
	int rc;

	if (v->read_only)
		return lt_error_set(LT_EVAULT, "vault %s is open read-only: "
				    "nothing can be recorded", v->dir);
	rc = exec(v, "BEGIN IMMEDIATE", "begin transaction");

	if (rc == LT_OK)
		v->in_tx = 1;
	return rc;
}

int lt_vault_commit(lt_vault *v)
{
	int (*hook)(lt_vault *) = v->before_commit;
	int rc = LT_OK;

	/* Whatever must commit atomically with the transaction (the ledger
	 * seals its events) is written just before it commits. */
	v->before_commit = NULL;
	if (hook)
		rc = hook(v);
	if (rc == LT_OK)
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
	v->before_commit = NULL;
	if (v->in_tx) {
		sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
		v->in_tx = 0;
	}
}

/* ---------------------------------------------------------------------
 * Connecting and migrating
 * ------------------------------------------------------------------- */

static int open_db(lt_vault *v, const char *path, int flags)
{
	int rc = sqlite3_open_v2(path, &v->db, flags, NULL);

	if (rc != SQLITE_OK)
		return lt_vault_sqlite_error(v, rc, "open database");
	sqlite3_busy_timeout(v->db, v->lock_timeout_ms);
	sqlite3_extended_result_codes(v->db, 0);
	if (v->read_only)
		return exec(v, "PRAGMA query_only=ON", "set pragmas");
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
	if (v->read_only && version > SCHEMA_VERSION)
		return lt_error_set(LT_EVAULT, "vault schema version %d is newer "
				    "than this leaktrace understands (%d)",
				    version, SCHEMA_VERSION);
	if (v->read_only)
		return lt_error_set(LT_EVAULT, "vault %s needs its schema upgraded "
				    "(version %d to %d), which opening it "
				    "read-only cannot do; run a command that "
				    "writes to it (such as 'leaktrace access') "
				    "first", v->dir, version, SCHEMA_VERSION);
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

/* ---------------------------------------------------------------------
 * The vault area's operations
 * ------------------------------------------------------------------- */

/* "dir/name", newly allocated; NULL when out of memory. */
static char *db_path(const char *dir, const char *name)
{
	lt_buf b = {0};

	if (lt_buf_printf(&b, "%s/%s", dir, name)) {
		lt_buf_free(&b);
		return NULL;
	}
	return lt_buf_detach(&b, NULL);
}

static int sqlite_exists(const char *dir)
{
	char *path = db_path(dir, DB_NAME);
	struct stat sb;
	int found = path && stat(path, &sb) == 0;

	free(path);
	return found;
}

/*
 * Open the database read-only: SQLITE_OPEN_READONLY, no journal mode
 * set, no migration.  A WAL database read while no -wal file is there
 * (no connection has it open) would leave an empty -wal and -shm behind,
 * so it is then read as an immutable file: nothing at all is written in
 * the directory.  (A writer starting meanwhile is not seen; read-only is
 * for looking at a vault, or a copy of one kept as evidence.)
 */
static int open_read_only(lt_vault *v, const char *path)
{
	lt_buf uri = {0}, wal = {0};
	struct stat sb;
	const char *p;
	int rc, immutable;

	if (lt_buf_printf(&wal, "%s-wal", path)) {
		lt_buf_free(&wal);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	immutable = lstat(wal.data, &sb) != 0 && errno == ENOENT;
	lt_buf_free(&wal);
	/* file: URI, with the characters URIs reserve escaped. */
	rc = lt_buf_puts(&uri, "file:");
	for (p = path; rc == LT_OK && *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			rc = lt_buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			rc = lt_buf_append(&uri, p, 1);
	}
	if (rc == LT_OK)
		rc = lt_buf_puts(&uri, immutable ? "?mode=ro&immutable=1"
						 : "?mode=ro");
	if (rc) {
		lt_buf_free(&uri);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	rc = open_db(v, uri.data, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	lt_buf_free(&uri);
	return rc;
}

static int sqlite_open(lt_vault *v, const char *dir)
{
	char *path = db_path(dir, DB_NAME);
	int rc;

	if (!path)
		return lt_error_set(LT_ENOMEM, "out of memory");
	if (v->read_only)
		rc = open_read_only(v, path);
	else
		rc = open_db(v, path, SQLITE_OPEN_READWRITE);
	free(path);
	return rc ? rc : migrate(v);
}

static int sqlite_meta_get(lt_vault *v, const char *key, char *out,
			   size_t outlen)
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

static void sqlite_close(lt_vault *v)
{
	lt_vault_rollback(v);
	if (v->db)
		sqlite3_close_v2(v->db);
	v->db = NULL;
}

static int sqlite_create(lt_vault *v, const char *dir, const char *key_check,
			 double threshold)
{
	char *tmppath = db_path(dir, DB_NAME ".new");
	char sql[256];
	int rc, fd;

	if (!tmppath)
		return lt_error_set(LT_ENOMEM, "out of memory");
	unlink(tmppath);
	/* Made here, private whatever the umask: SQLite gives its -wal and
	 * -shm files the database's mode. */
	fd = open(tmppath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		rc = lt_error_set(LT_EVAULT, "cannot create %s: %s", tmppath,
				  strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	if ((rc = open_db(v, tmppath, SQLITE_OPEN_READWRITE)))
		goto out;
	if ((rc = migrate(v)))
		goto out;
	snprintf(sql, sizeof(sql),
		 "INSERT INTO meta(key, value) VALUES('key_check', '%s'),"
		 "('threshold', '%g'), ('created_at', datetime('now'))",
		 key_check, threshold);
	if ((rc = exec(v, sql, "write vault settings")))
		goto out;
	/* Fold the WAL into the main file so that one rename moves it all. */
	rc = exec(v, "PRAGMA journal_mode=DELETE", "finish database");
out:
	sqlite_close(v);
	free(tmppath);
	return rc;
}

static int sqlite_publish(lt_vault *v, const char *dir)
{
	char *tmppath = db_path(dir, DB_NAME ".new");
	char *dbpath = db_path(dir, DB_NAME);
	int rc = LT_OK;

	(void)v;
	if (!tmppath || !dbpath)
		rc = lt_error_set(LT_ENOMEM, "out of memory");
	else if (rename(tmppath, dbpath) != 0)
		rc = lt_error_set(LT_EVAULT, "cannot create %s: %s", dbpath,
				  strerror(errno));
	free(tmppath);
	free(dbpath);
	return rc;
}

static void sqlite_discard(const char *dir)
{
	char *tmppath = db_path(dir, DB_NAME ".new");

	if (tmppath)
		unlink(tmppath);
	free(tmppath);
}

const struct lt_store_vault_ops lt_sqlite_vault_ops = {
	.data_name = DB_NAME,
	.exists = sqlite_exists,
	.create = sqlite_create,
	.publish = sqlite_publish,
	.discard = sqlite_discard,
	.open = sqlite_open,
	.meta_get = sqlite_meta_get,
	.close = sqlite_close,
};
