/*
 * document.h - registering originals and looking them up.
 *
 * Registering reads a text or Markdown file, finds its slots (see
 * slots.h), chooses its code's bias distribution from its capacity, indexes
 * it for identification, and records it with a "register" event, all in
 * one transaction.
 *
 * Threads and errors: as for the vault (vault.h) these functions take; a
 * failure is recorded in it (lt_vault_errmsg()).
 */
#ifndef LEAKTRACE_DOCUMENT_H
#define LEAKTRACE_DOCUMENT_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/slots.h"
#include "leaktrace/vault.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_document_info {
	char *id;
	char *title;         /* may be NULL */
	char *format;        /* "txt" or "md" */
	char *registered_at; /* ISO 8601 UTC */
	size_t words;
	size_t nslots;
	size_t lexical_slots;
	size_t typographic_slots;
	double cap_lexical;     /* bits a single leaker's copy carries, */
	double cap_typographic; /* per channel */
	char bias[16];          /* the code's bias scheme */
	size_t copies;          /* copies issued so far */
} lt_document_info;

/*
 * Register the document in `path`.  `id` (may be NULL: derived from the
 * file name) must be 1-64 characters of [A-Za-z0-9._-]; `title` may be
 * NULL.  LT_EEXISTS if the id is taken, LT_EINPUT for an unreadable or
 * empty text.  On success *out describes the document (free with
 * lt_document_info_free()).
 */
int lt_document_register(lt_document_info **out, lt_vault *v,
			 const char *path, const char *id, const char *title);

/*
 * As lt_document_register(), for `len` bytes of text in memory: the same
 * document as from a file holding them.  `name` stands for the file name
 * (the id is derived from it when `id` is NULL; ".md" makes it Markdown;
 * messages name it); one of `name` and `id` must be given.
 */
int lt_document_register_buffer(lt_document_info **out, lt_vault *v,
				const void *data, size_t len, const char *name,
				const char *id, const char *title);

/* Describe a registered document; LT_ENOTFOUND if unknown. */
int lt_document_get(lt_document_info **out, lt_vault *v, const char *id);
void lt_document_info_free(lt_document_info *info);

/* The slot set of a registered document (free with lt_slot_set_free()). */
int lt_document_slots(lt_slot_set **out, lt_vault *v, const char *id);

/* True when `id` is a well-formed document id. */
int lt_document_id_valid(const char *id);

/*
 * Append the JSON document of `register --json` for `d` to `out`:
 * document, slots, words, capacity {lexical, typographic},
 * slots_by_channel {lexical, typographic}, bias.  LT_OK or LT_ENOMEM.
 */
int lt_document_info_json(lt_buf *out, const lt_document_info *d);

/*
 * Append the JSON document of `slots --json` to `out`: document, words,
 * capacity {lexical, typographic}, slots [{at, end, family, channel,
 * variants}].  LT_OK or LT_ENOMEM.
 */
int lt_document_slots_json(lt_buf *out, const lt_document_info *d,
			   const lt_slot_set *set);

#ifdef __cplusplus
}
#endif
#endif
