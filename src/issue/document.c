/*
 * document.c - registering originals: read, find slots, choose the code's
 * bias scheme, index for identification, record; and looking them up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"
#include "identify/match.h"
#include "ledger/event.h"
#include "store/vault_internal.h"
#include "store/copies.h"
#include "store/docs.h"

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

static int document_get(lt_document_info **out, lt_vault *v, const char *id)
{
	lt_document_info *d;
	int64_t rowid = 0;
	int rc;

	*out = NULL;
	if (!(d = calloc(1, sizeof(*d))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_docs_info(v, id, d, &rowid)) ||
	    (rc = lt_store_copies_count(v, rowid, &d->copies))) {
		lt_document_info_free(d);
		return rc;
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
	lt_store_doc d = {0};
	int rc;

	*out = NULL;
	if ((rc = lt_store_docs_load(v, id, 0, &d)) == LT_OK &&
	    (rc = lt_slot_set_load(out, d.slots.data, d.slots.len)))
		rc = lt_error_set(LT_EVAULT, "vault is damaged: slots of "
				  "document '%s': %s", id, lt_error_message());
	lt_store_doc_clear(&d);
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
	lt_store_doc_new row = {0};
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
	lt_time_now(now);
	row.id = id;
	row.title = title;
	row.source = path;
	row.format = format_of(path);
	row.registered_at = now;
	row.words = tok->n;
	row.nslots = set->n;
	row.lexical_slots = nlex;
	row.typographic_slots = ntypo;
	row.bias = lt_bias_scheme_name(scheme);
	row.cap_lexical = clex;
	row.cap_typographic = ctypo;
	row.slots = saved.data;
	row.slots_len = saved.len;
	if ((rc = lt_store_docs_add(v, &row, &rowid))) {
		if (rc == LT_EEXISTS)
			rc = lt_error_set(LT_EEXISTS, "document '%s' is already "
					  "registered (choose another --id)", id);
		goto fail;
	}
	if ((rc = lt_match_index(v, rowid, tok)))
		goto fail;
	lt_buf_printf(&detail, "{\"words\":%zu,\"slots\":%zu,\"bias\":\"%s\"}",
		      tok->n, set->n, lt_bias_scheme_name(scheme));
	if ((rc = lt_ledger_event(v, "register", id, detail.data)))
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
