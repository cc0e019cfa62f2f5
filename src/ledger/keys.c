/*
 * keys.c - the ledger's Ed25519 signing key (ledger.h): `signing.key` in
 * the vault directory (mode 0600, created on first use, never replaced),
 * the public half the vault records, signing and checking tree heads, and
 * reading a public key given by a user.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "leaktrace/ledger.h"
#include "ledger/ledger_internal.h"
#include "store/ledger.h"
#include "store/vault_internal.h"

#define SIGNING_KEY_NAME "signing.key"
#define HEAD_MAGIC "leaktrace tree head v1\n"

static void hex_of(char out[65], const unsigned char *bin)
{
	sodium_bin2hex(out, 65, bin, 32);
}

int lt_ledger_hex_decode(unsigned char *out, size_t len, const char *hex)
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

char *lt_ledger_key_path(lt_vault *v)
{
	size_t n = strlen(v->dir) + strlen(SIGNING_KEY_NAME) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", v->dir, SIGNING_KEY_NAME);
	return p;
}

int lt_ledger_read_key(const char *path,
		       unsigned char sk[crypto_sign_SECRETKEYBYTES])
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
			rc = lt_ledger_read_key(path, sk);
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

int lt_ledger_signing_key(lt_vault *v,
			  unsigned char sk[crypto_sign_SECRETKEYBYTES],
			  int create)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char have[65], want[65];
	char *path;
	int rc;

	if (!v->dir)
		return lt_error_set(LT_EINTERNAL, "ledger: vault has no directory");
	if ((rc = lt_store_ledger_public_key_get(v, have)))
		return rc;
	if (!(path = lt_ledger_key_path(v)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	rc = lt_ledger_read_key(path, sk);
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
			rc = lt_store_ledger_public_key_set(v, want);
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
	if ((rc = lt_ledger_signing_key(v, sk, v->in_tx)))
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

	if ((rc = lt_store_ledger_public_key_get(v, hex)))
		return rc;
	if (!hex[0])
		return lt_error_set(LT_ENOTFOUND, "the ledger has signed nothing yet, "
				    "so it has no public key");
	if (lt_ledger_hex_decode(out, LT_SIGN_PUBLIC_BYTES, hex))
		return lt_error_set(LT_EVAULT, "vault is damaged: bad ledger public "
				    "key record");
	return LT_OK;
}

int lt_public_key_parse(unsigned char out[LT_SIGN_PUBLIC_BYTES], const char *arg)
{
	char buf[256];
	size_t n;
	FILE *f;

	if (!arg || !*arg)
		return lt_error_set(LT_EINPUT, "--pubkey needs a key");
	if (lt_ledger_hex_decode(out, LT_SIGN_PUBLIC_BYTES, arg) == 0)
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
	if (lt_ledger_hex_decode(out, LT_SIGN_PUBLIC_BYTES, buf) == 0)
		return LT_OK;
	return lt_error_set(LT_EINPUT, "%s: a public key file holds 64 hex digits "
			    "(as 'leaktrace log pubkey' prints)", arg);
}

