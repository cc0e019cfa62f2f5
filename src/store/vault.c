/*
 * vault.c - the vault directory, whatever the storage backend: creating
 * and opening it, the secret key, key derivation and choosing the backend
 * (store/store.h).  The backend's own part (today SQLite: the database,
 * schema, transactions and event log) is in store/sqlite_vault.c.
 *
 * Layout of a vault directory:
 *   key        32 random bytes, mode 0600; never printed or logged
 *   vault.db   the SQLite backend's database
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/error.h"
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
	if (opts && opts->read_only)
		return lt_error_set(LT_EUSAGE, "opening a vault read-only is not "
				    "supported yet");
	if (!(v = calloc(1, sizeof(*v))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	v->ops = backend();
	v->lock_timeout_ms = lock_timeout_ms(opts);
	/* The OCR context is the reading stage's (read/vault_ocr.c): the
	 * vault only keeps the one it is given, or what to make its own with. */
	v->ocr = opts ? opts->ocr : NULL;
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
