/*
 * vault.c - the vault directory, whatever the storage backend: creating
 * and opening it, the secret key, key derivation and choosing the backend
 * (store/store.h).  The backend's own part (today SQLite: the database,
 * schema, transactions and event log) is in store/sqlite_vault.c.
 *
 * Layout of a vault directory (mode 0700, owned by the user running
 * leaktrace; open() refuses anything else, as the files hold every
 * original's text, the recipient lists and the secret keys):
 *   key          32 random bytes, mode 0600; never printed or logged
 *   signing.key  the ledger's Ed25519 key, mode 0600 (ledger/keys.c)
 *   vault.db     the SQLite backend's database (and its -wal and -shm),
 *                mode 0600
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/error.h"
#include "base/file.h"
#include "leaktrace/error.h"
#include "leaktrace/ocr.h"
#include "store/vault_internal.h"

#define KEY_NAME "key"
#define KEY_CHECK_CONTEXT "leaktrace key check v1"

/* The backend a vault is opened with. */
static const lt_store_ops *backend(void)
{
	return &lt_store_sqlite;
}

/* "dir/name", newly allocated; NULL when out of memory. */
static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
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

/* ---------------------------------------------------------------------
 * Opening
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

static int read_key(lt_vault *v, const char *path)
{
	struct stat sb;
	ssize_t n;
	int fd, rc;

	/* Never follow a link or block on a FIFO planted as the key. */
	if ((rc = lt_file_open_regular(&fd, AT_FDCWD, path, path, 1)))
		return lt_error_set(LT_EVAULT, "vault key file %s", lt_error_message());
	if (fstat(fd, &sb) != 0 || sb.st_size != LT_KEY_BYTES) {
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

/* ---------------------------------------------------------------------
 * Ownership and modes
 * ------------------------------------------------------------------- */

/*
 * Refuse `path` (the vault directory when `is_dir`, else one of its files;
 * a file that is absent is fine unless `must_exist`) unless it is what it
 * should be, belongs to the user running leaktrace and nobody else may
 * read or change it.  The directory itself may be reached through a
 * symbolic link; its files may not.
 */
static int check_private(const char *path, int is_dir, int must_exist)
{
	const char *what = is_dir ? "vault directory" : "vault file";
	unsigned mode;
	struct stat sb;

	if ((is_dir ? stat(path, &sb) : lstat(path, &sb)) != 0) {
		if (errno == ENOENT && !must_exist)
			return LT_OK;
		return lt_error_set(LT_EVAULT, "%s %s: %s", what, path,
				    strerror(errno));
	}
	if (is_dir && !S_ISDIR(sb.st_mode))
		return lt_error_set(LT_EVAULT, "no vault at %s: not a directory",
				    path);
	if (!is_dir && !S_ISREG(sb.st_mode))
		return lt_error_set(LT_EVAULT, "%s %s is %s, not a regular file; "
				    "remove it", what, path,
				    S_ISLNK(sb.st_mode) ? "a symbolic link" :
				    S_ISFIFO(sb.st_mode) ? "a FIFO (named pipe)" :
				    S_ISDIR(sb.st_mode) ? "a directory" :
				    S_ISSOCK(sb.st_mode) ? "a socket" : "a device");
	if (sb.st_uid != geteuid())
		return lt_error_set(LT_EVAULT, "%s %s is owned by another user "
				    "(uid %u, not %u); a vault must belong to "
				    "the user who runs leaktrace", what, path,
				    (unsigned)sb.st_uid, (unsigned)geteuid());
	mode = (unsigned)sb.st_mode & 07777;
	if (mode & 022)
		return lt_error_set(LT_EVAULT, "%s %s is writable by others (mode "
				    "%04o); run chmod %s %s", what, path, mode,
				    is_dir ? "700" : "600", path);
	if (mode & 077)
		return lt_error_set(LT_EVAULT, "%s %s is readable by others (mode "
				    "%04o); run chmod %s %s", what, path, mode,
				    is_dir ? "700" : "600", path);
	return LT_OK;
}

/* The vault directory and every file of it that holds secrets. */
static int check_vault_modes(const lt_vault *v, const char *dir)
{
	const char *data = v->ops->vault->data_name;
	char *names[6] = {0};
	size_t i;
	int rc;

	if ((rc = check_private(dir, 1, 1)))
		return rc;
	names[0] = path_join(dir, KEY_NAME);
	names[1] = path_join(dir, "signing.key");
	names[2] = path_join(dir, data);
	if (names[2]) {
		size_t n = strlen(names[2]) + 5;

		if ((names[3] = malloc(n)))
			snprintf(names[3], n, "%s-wal", names[2]);
		if ((names[4] = malloc(n)))
			snprintf(names[4], n, "%s-shm", names[2]);
	}
	for (i = 0; i < 5 && rc == LT_OK; i++)
		rc = names[i] ? check_private(names[i], 0, i == 0 || i == 2)
			      : lt_error_set(LT_ENOMEM, "out of memory");
	for (i = 0; i < 5; i++)
		free(names[i]);
	return rc;
}

int lt_vault_open(lt_vault **out, const char *dir)
{
	return lt_vault_open_ex(out, dir, NULL);
}

int lt_vault_open_ex(lt_vault **out, const char *dir,
		     const lt_vault_options *opts)
{
	lt_vault *v;
	char *keypath = NULL;
	char want[65], have[65], thr[64];
	struct stat sb;
	int rc;

	*out = NULL;
	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to initialise");
	if (!(v = calloc(1, sizeof(*v))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	v->ops = backend();
	v->lock_timeout_ms = lock_timeout_ms(opts);
	v->read_only = opts && opts->read_only;
	/* The OCR context is the reading stage's (read/vault_ocr.c): the
	 * vault only keeps the one it is given, or what to make its own with. */
	v->ocr = opts ? opts->ocr : NULL;
	if (!v->ocr && opts && opts->ocr_options)
		v->ocr_budget = opts->ocr_options->budget;
	if (!v->ocr && opts && opts->ocr_options && opts->ocr_options->tessdata &&
	    !(v->tessdata = strdup(opts->ocr_options->tessdata))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	v->dir = strdup(dir);
	keypath = path_join(dir, KEY_NAME);
	if (!v->dir || !keypath) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		rc = lt_error_set(LT_EVAULT, "no vault at %s (run 'leaktrace init')",
				  dir);
		goto fail;
	}
	if (!v->ops->vault->exists(dir)) {
		rc = lt_error_set(LT_EVAULT, "no vault at %s: %s is missing (run "
				  "'leaktrace init')", dir, v->ops->vault->data_name);
		goto fail;
	}
	if ((rc = check_vault_modes(v, dir)))
		goto fail;
	if ((rc = read_key(v, keypath)))
		goto fail;
	if ((rc = v->ops->vault->open(v, dir)))
		goto fail;
	if ((rc = v->ops->vault->meta_get(v, "key_check", have, sizeof(have))))
		goto fail;
	key_check(v->key, want);
	if (sodium_memcmp(want, have, 64) != 0) {
		rc = lt_error_set(LT_EVAULT, "the key file in %s does not belong to "
				  "this vault", dir);
		goto fail;
	}
	if ((rc = v->ops->vault->meta_get(v, "threshold", thr, sizeof(thr))))
		goto fail;
	v->threshold = strtod(thr, NULL);
	if (!(v->threshold > 0 && v->threshold < 1)) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: bad threshold");
		goto fail;
	}
	free(keypath);
	*out = v;
	return LT_OK;
fail:
	free(keypath);
	lt_vault_close(v);
	return rc;
}

void lt_vault_close(lt_vault *v)
{
	if (!v)
		return;
	v->ops->vault->close(v);
	sodium_memzero(v->key, sizeof(v->key));
	if (v->own_ocr && v->free_ocr)
		v->free_ocr(v->own_ocr);
	free(v->tessdata);
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

const char *lt_vault_dir(const lt_vault *v)
{
	return v->dir;
}

double lt_vault_threshold(const lt_vault *v)
{
	return v->threshold;
}

int lt_vault_read_only(const lt_vault *v)
{
	return v->read_only;
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
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0 || fchmod(fd, 0600) != 0 ||
	    write(fd, key, LT_KEY_BYTES) != LT_KEY_BYTES ||
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

/* 1 when the directory `dir` holds nothing, 0 when it does or cannot
 * be read. */
static int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return 0;
	while (empty && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/*
 * An existing directory to make a vault in: it must be the user's own; an
 * empty one is made private (mode 0700) whatever it was; one that already
 * holds something is taken only when nobody else can read it.
 */
static int make_private_dir(const char *dir)
{
	struct stat sb;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = LT_OK;

	if (fd < 0 || fstat(fd, &sb) != 0)
		rc = lt_error_set(LT_EVAULT, "cannot use %s as a vault directory: "
				  "%s", dir, strerror(errno));
	else if (sb.st_uid != geteuid())
		rc = lt_error_set(LT_EVAULT, "vault directory %s is owned by "
				  "another user (uid %u, not %u)", dir,
				  (unsigned)sb.st_uid, (unsigned)geteuid());
	else if ((sb.st_mode & 077) && !dir_is_empty(dir))
		rc = lt_error_set(LT_EVAULT, "vault directory %s is not empty and "
				  "others may %s it (mode %04o); run chmod 700 "
				  "%s or choose a new directory", dir,
				  sb.st_mode & 022 ? "write to" : "read",
				  (unsigned)sb.st_mode & 07777, dir);
	else if ((sb.st_mode & 07777) != 0700 && fchmod(fd, 0700) != 0)
		rc = lt_error_set(LT_EVAULT, "cannot make vault directory %s "
				  "private (chmod 700): %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

int lt_vault_init(const char *dir)
{
	lt_vault v = {0};
	char *keypath = NULL;
	char check[65];
	struct stat sb;
	int rc, made_dir = 0, created = 0;

	if (sodium_init() < 0)
		return lt_error_set(LT_EINTERNAL, "libsodium failed to initialise");
	v.ops = backend();
	v.lock_timeout_ms = LT_VAULT_LOCK_TIMEOUT_MS;
	if (!(keypath = path_join(dir, KEY_NAME))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (v.ops->vault->exists(dir) || stat(keypath, &sb) == 0) {
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
	} else if ((rc = make_private_dir(dir))) {
		goto out;
	}
	randombytes_buf(v.key, sizeof(v.key));
	key_check(v.key, check);
	created = 1;
	if ((rc = v.ops->vault->create(&v, dir, check, LT_DEFAULT_THRESHOLD)))
		goto out;
	if ((rc = write_key(dir, v.key)))
		goto out;
	if ((rc = v.ops->vault->publish(&v, dir)))
		unlink(keypath);
out:
	sodium_memzero(v.key, sizeof(v.key));
	if (rc && created) {
		v.ops->vault->discard(dir);
		if (made_dir)
			rmdir(dir);
	}
	free(keypath);
	return rc;
}
