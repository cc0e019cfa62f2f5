/*
 * document.c - registering originals: read, find slots, choose the code's
 * bias scheme, index for identification, record; and looking them up.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "issue/document_internal.h"
#include "identify/match.h"
#include "store/vault_internal.h"

#define MAX_DOCUMENT_BYTES (16u << 20)

int lt_document_id_valid(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 64 || id[0] == '.' || id[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* A document id from a file name: its base name without extension,
 * with other characters turned into '-'. */
static void id_from_path(const char *path, char id[65])
{
	const char *base = strrchr(path, '/');
	const char *dot;
	size_t n, i;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		char c = base[i];

		id[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')
				? c : '-';
	}
	id[n] = '\0';
	if (n == 0 || id[0] == '.' || id[0] == '-')
		snprintf(id, 65, "doc");
}

static const char *format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown")))
		return "md";
	return "txt";
}

void lt_document_info_free(lt_document_info *info)
{
	if (!info)
		return;
	free(info->id);
	free(info->title);
	free(info->format);
	free(info->registered_at);
	free(info);
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? strdup((const char *)s) : NULL;
}

static int document_get(lt_document_info **out, lt_vault *v, const char *id)
{
	sqlite3_stmt *st;
	lt_document_info *d;
	int rc;

	*out = NULL;
	if ((rc = lt_vault_prepare(v, &st,
		"SELECT d.id, d.title, d.format, d.registered_at, d.words, "
		"d.nslots, d.bias, d.cap_lexical, d.cap_typographic, "
		"d.lexical_slots, d.typographic_slots, "
		"(SELECT count(*) FROM copies c WHERE c.doc = d.rowid) "
		"FROM documents d WHERE d.id = ?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
					    id);
		return lt_vault_sqlite_error(v, rc, "read document");
	}
	if (!(d = calloc(1, sizeof(*d)))) {
		sqlite3_finalize(st);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	d->id = dup_col(st, 0);
	d->title = dup_col(st, 1);
	d->format = dup_col(st, 2);
	d->registered_at = dup_col(st, 3);
	d->words = (size_t)sqlite3_column_int64(st, 4);
	d->nslots = (size_t)sqlite3_column_int64(st, 5);
	snprintf(d->bias, sizeof(d->bias), "%s", sqlite3_column_text(st, 6));
	d->cap_lexical = sqlite3_column_double(st, 7);
	d->cap_typographic = sqlite3_column_double(st, 8);
	d->lexical_slots = (size_t)sqlite3_column_int64(st, 9);
	d->typographic_slots = (size_t)sqlite3_column_int64(st, 10);
	d->copies = (size_t)sqlite3_column_int64(st, 11);
	sqlite3_finalize(st);
	if (!d->id || !d->format || !d->registered_at) {
		lt_document_info_free(d);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	*out = d;
	return LT_OK;
}

int lt_document_get(lt_document_info **out, lt_vault *v, const char *id)
{
	return lt_vault_keep_error(v, document_get(out, v, id));
}

static int document_slots(lt_slot_set **out, lt_vault *v, const char *id)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = lt_vault_prepare(v, &st, "SELECT slots FROM documents WHERE id=?")))
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = lt_slot_set_load(out, sqlite3_column_blob(st, 0),
				      (size_t)sqlite3_column_bytes(st, 0));
		if (rc)
			rc = lt_error_set(LT_EVAULT, "vault is damaged: slots of "
					  "document '%s': %s", id, lt_error_message());
	} else if (rc == SQLITE_DONE) {
		rc = lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault", id);
	} else {
		rc = lt_vault_sqlite_error(v, rc, "read document");
	}
	sqlite3_finalize(st);
	return rc;
}

int lt_document_slots(lt_slot_set **out, lt_vault *v, const char *id)
{
	return lt_vault_keep_error(v, document_slots(out, v, id));
}

/* Per-channel slot counts and capacities of a slot set under `scheme`. */
static void capacity(const lt_slot_set *set, lt_bias_scheme scheme,
		     uint8_t *q, size_t *nlex, size_t *ntypo, double *clex,
		     double *ctypo)
{
	size_t i;

	*nlex = *ntypo = 0;
	*clex = *ctypo = 0;
	for (i = 0; i < set->n; i++) {
		double bits = lt_code_capacity_bits(&set->slots[i].nvariants, 1,
						    scheme);

		q[i] = set->slots[i].nvariants;
		if (set->slots[i].channel == LT_CHANNEL_LEXICAL) {
			(*nlex)++;
			*clex += bits;
		} else {
			(*ntypo)++;
			*ctypo += bits;
		}
	}
}

/* A document's bytes in memory, decoded as a file's would be; messages
 * name `name`. */
static int decode_document(lt_buf *text, const void *data, size_t len,
			   const char *name)
{
	char msg[1024];
	int rc;

	if (len > MAX_DOCUMENT_BYTES)
		return lt_error_set(LT_EINPUT, "%s: too large (%zu bytes, limit "
				    "%u)", name, len, MAX_DOCUMENT_BYTES);
	if ((rc = lt_text_decode(text, data ? data : "", len, NULL))) {
		snprintf(msg, sizeof(msg), "%s", lt_error_message());
		rc = lt_error_set(rc, "%s: %s", name, msg);
	}
	return rc;
}

/* The bytes of a document registered from memory. */
typedef struct mem_input {
	const void *data;
	size_t len;
} mem_input;

/* Register the document named `path`: that file, or the bytes `mem`. */
static int register_document(lt_document_info **out, lt_vault *v,
			     const char *path, const mem_input *mem,
			     const char *id, const char *title)
{
	lt_buf text = {0}, saved = {0}, detail = {0};
	lt_slot_set *set = NULL;
	lt_tokens *tok = NULL;
	sqlite3_stmt *st = NULL;
	uint8_t *q = NULL;
	char idbuf[65], now[32];
	size_t nlex, ntypo;
	double clex, ctypo;
	lt_bias_scheme scheme;
	int64_t rowid;
	int rc;

	*out = NULL;
	if (id && !lt_document_id_valid(id))
		return lt_error_set(LT_EUSAGE, "bad document id '%s': use 1-64 "
				    "characters of A-Z a-z 0-9 . _ -", id);
	if (!id) {
		id_from_path(path, idbuf);
		id = idbuf;
	}
	if ((rc = mem ? decode_document(&text, mem->data, mem->len, path)
		      : lt_text_read_file(&text, path, MAX_DOCUMENT_BYTES, NULL)))
		goto out;
	if ((rc = lt_slots_find(&set, text.data, text.len))) {
		rc = lt_error_set(rc, "%s: %s", path, lt_error_message());
		goto out;
	}
	if ((rc = lt_tokenize(&tok, set->plain, set->plain_len)))
		goto out;
	if (tok->n < 20) {
		rc = lt_error_set(LT_EINPUT, "%s: too short to register (%zu words; "
				  "at least 20 needed)", path, tok->n);
		goto out;
	}
	if (!(q = malloc(set->n + 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < set->n; i++)
		q[i] = set->slots[i].nvariants;
	scheme = lt_code_choose_bias(q, set->n);
	capacity(set, scheme, q, &nlex, &ntypo, &clex, &ctypo);
	if ((rc = lt_slot_set_save(&saved, set)))
		goto out;

	if ((rc = lt_vault_begin(v)))
		goto out;
	if ((rc = lt_vault_prepare(v, &st,
		"INSERT INTO documents(id, title, source, format, registered_at, "
		"words, nslots, bias, cap_lexical, cap_typographic, slots, "
		"lexical_slots, typographic_slots) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")))
		goto fail;
	lt_time_now(now);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (title)
		sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, format_of(path), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (int64_t)tok->n);
	sqlite3_bind_int64(st, 7, (int64_t)set->n);
	sqlite3_bind_text(st, 8, lt_bias_scheme_name(scheme), -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 9, clex);
	sqlite3_bind_double(st, 10, ctypo);
	sqlite3_bind_blob(st, 11, saved.data, (int)saved.len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, (int64_t)nlex);
	sqlite3_bind_int64(st, 13, (int64_t)ntypo);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT) {
		rc = lt_error_set(LT_EEXISTS, "document '%s' is already registered "
				  "(choose another --id)", id);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		rc = lt_vault_sqlite_error(v, rc, "register document");
		goto fail;
	}
	rowid = sqlite3_last_insert_rowid(v->db);
	if ((rc = lt_match_index(v, rowid, tok)))
		goto fail;
	lt_buf_printf(&detail, "{\"words\":%zu,\"slots\":%zu,\"bias\":\"%s\"}",
		      tok->n, set->n, lt_bias_scheme_name(scheme));
	if ((rc = lt_vault_event(v, "register", id, detail.data)))
		goto fail;
	if ((rc = lt_vault_commit(v)))
		goto out;
	rc = lt_document_get(out, v, id);
	goto out;
fail:
	lt_vault_rollback(v);
out:
	lt_buf_free(&text);
	lt_buf_free(&saved);
	lt_buf_free(&detail);
	lt_slot_set_free(set);
	lt_tokens_free(tok);
	free(q);
	return rc;
}

int lt_document_register(lt_document_info **out, lt_vault *v,
			 const char *path, const char *id, const char *title)
{
	return lt_vault_keep_error(v, register_document(out, v, path, NULL, id,
							title));
}

int lt_document_register_buffer(lt_document_info **out, lt_vault *v,
				const void *data, size_t len, const char *name,
				const char *id, const char *title)
{
	mem_input mem = {data, len};

	*out = NULL;
	if (!name && !id)
		return lt_vault_keep_error(v, lt_error_set(LT_EUSAGE,
			"a document from memory needs an id or a name"));
	return lt_vault_keep_error(v, register_document(out, v,
							name ? name : id,
							&mem, id, title));
}

/* ---------------------------------------------------------------------
 * Loading a document for issue and trace
 * ------------------------------------------------------------------- */

void lt_doc_free(lt_doc *d)
{
	if (!d)
		return;
	free(d->id);
	lt_slot_set_free(d->set);
	lt_tokens_free(d->tok);
	lt_code_free(d->code);
	free(d);
}

int lt_doc_load(lt_doc **out, lt_vault *v, const char *id, int64_t rowid)
{
	unsigned char key[LT_KEY_BYTES];
	sqlite3_stmt *st;
	lt_doc *d;
	uint8_t *q = NULL;
	int rc, scheme;

	*out = NULL;
	if ((rc = lt_vault_prepare(v, &st, id
		? "SELECT rowid, id, bias, slots FROM documents WHERE id=?"
		: "SELECT rowid, id, bias, slots FROM documents WHERE rowid=?")))
		return rc;
	if (id)
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return lt_error_set(LT_ENOTFOUND, "no document '%s' in the vault",
					    id ? id : "?");
		return lt_vault_sqlite_error(v, rc, "read document");
	}
	if (!(d = calloc(1, sizeof(*d)))) {
		sqlite3_finalize(st);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	d->rowid = sqlite3_column_int64(st, 0);
	d->id = dup_col(st, 1);
	scheme = lt_bias_scheme_parse((const char *)sqlite3_column_text(st, 2));
	rc = lt_slot_set_load(&d->set, sqlite3_column_blob(st, 3),
			      (size_t)sqlite3_column_bytes(st, 3));
	sqlite3_finalize(st);
	if (rc) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: slots of document "
				  "'%s': %s", d->id ? d->id : "?", lt_error_message());
		goto fail;
	}
	if (!d->id) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	if (scheme < 0) {
		rc = lt_error_set(LT_EVAULT, "vault is damaged: document '%s' has an "
				  "unknown bias scheme", d->id);
		goto fail;
	}
	d->scheme = (lt_bias_scheme)scheme;
	if ((rc = lt_tokenize(&d->tok, d->set->plain, d->set->plain_len)))
		goto fail;
	if (!(q = malloc(d->set->n + 1))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < d->set->n; i++)
		q[i] = d->set->slots[i].nvariants;
	lt_vault_document_key(v, d->id, key);
	rc = lt_code_new(&d->code, key, q, d->set->n, d->scheme);
	sodium_memzero(key, sizeof(key));
	free(q);
	if (rc)
		goto fail;
	*out = d;
	return LT_OK;
fail:
	lt_doc_free(d);
	return rc;
}
