/*
 * document.h - registering originals and looking them up.
 *
 * Registering reads a text or Markdown file, or a Word (DOCX) or PDF
 * file (its text; the file itself is kept in the vault, and copies of a
 * Word document are Word documents made from it), or a PNG or JPEG
 * figure (kept in the vault; its slots are image slots, its PDQ hash is
 * recorded as the original's page hash so that trace can tell which
 * figure a leaked picture is), finds its slots (see
 * slots.h), chooses its code's bias distribution from its capacity, indexes
 * it for identification, and records it with a "register" event, all in
 * one transaction.  The author then reviews the suggested marks
 * (lt_document_review) before the first copy is issued.
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
	char *format;        /* "txt", "md", "docx", "pdf", "png" or "jpeg" */
	char *registered_at; /* ISO 8601 UTC */
	size_t words;
	size_t nslots;
	size_t lexical_slots;
	size_t typographic_slots;
	double cap_lexical;     /* bits a single leaker's copy carries, */
	double cap_typographic; /* per channel */
	char bias[16];          /* the code's bias scheme */
	size_t copies;          /* copies issued so far */
	/* The fields above count and weigh what issue uses now: the default
	 * marks and the approved suggestions (a document-level group counts
	 * once; `nslots` is every slot found).  Here the same for the default
	 * marks alone, and for the default marks with every suggestion
	 * approved but those the author rejected (what approving the pending
	 * ones would give); and the suggestions by the author's decision. */
	size_t default_lexical_slots, default_typographic_slots;
	double default_cap_lexical, default_cap_typographic;
	size_t all_lexical_slots, all_typographic_slots;
	double all_cap_lexical, all_cap_typographic;
	size_t suggestions, approved, rejected; /* pending: the rest */
	/* Printed copies (issue --format pdf|png, A4): pages and layout
	 * bits (one a layout slot: sub-point line and word shifts that
	 * survive printing and photographs; render.h).  A PDF original:
	 * its own pages and the line slots of its own-look copies
	 * (pdfcopy.h). */
	size_t pages;
	double cap_layout;
	/* An image original (format "png" or "jpeg"): its size and its
	 * image slots, one bit each (render/image_mark.h); nslots is then
	 * the number of image slots.  All 0 for other documents. */
	int image_width, image_height;
	size_t image_slots;
	double cap_image;
	/* A Word original: its figures (raster media large enough for image
	 * marks, marked in every copy); image_slots and cap_image are then
	 * theirs, summed, and nslots stays the text's. */
	size_t figures;
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

/* The slot set of a registered document (free with lt_slot_set_free()),
 * with the author's decisions on its suggestions applied: lt_slot_active()
 * tells exactly which slots issue writes now. */
int lt_document_slots(lt_slot_set **out, lt_vault *v, const char *id);

/*
 * Reviewing suggested marks.
 *
 * A suggestion is one suggested group of a document's slot set: a
 * suggested slot alone, or every occurrence of a repeated form (one
 * choice per copy).  Suggestions are numbered 1, 2, ... in the order of
 * their first slots; the numbers never change, as a document's slots are
 * fixed when it is registered.  Issue uses a suggestion only once the
 * author has approved it; a rejected or pending one keeps the original's
 * text in every copy.
 *
 * Decisions are taken before the first copy is issued.  Once a document
 * has copies, its marks are fixed: a decision would make later copies
 * carry marks that earlier ones do not (or the reverse), and trace and
 * verify read every copy with one slot set (the accusation would stay
 * sound, as innocents' codewords stay independent of the leak, but an
 * earlier leaker's copy would score against them at every mark approved
 * since, and a copy carrying a mark rejected since would verify as
 * altered), so every decision is then refused (LT_EUSAGE).
 * Each call records its decisions in the vault and one "review" event in
 * the ledger, in one transaction; a decision that changes nothing (a
 * suggestion already approved, approved again) is not recorded twice.
 */

/* The suggestions of `set`: (*first)[k] is the index of the first slot of
 * suggestion k + 1, *n of them (free *first with free()). */
int lt_document_suggestions(size_t **first, size_t *n,
			    const lt_slot_set *set);

/*
 * Record `decision` (LT_DECISION_APPROVED or LT_DECISION_REJECTED) on
 * suggestions numbers[0..n) of document `id`.  LT_EUSAGE for a number that
 * is no suggestion's (the message says how many there are), an empty
 * list, or a document with issued copies; LT_ENOTFOUND for an unknown
 * document.  *changed (may be NULL) receives how many suggestions took a
 * new decision.
 */
int lt_document_review(lt_vault *v, const char *id, const unsigned *numbers,
		       size_t n, lt_slot_decision decision, size_t *changed);

/*
 * The same for every suggestion of the rule family named `family`
 * ("synonym"; see lt_slot_family_name()), or for every suggestion of the
 * document when `family` is NULL.  LT_EUSAGE for a name that is no
 * family's.  *matched receives how many suggestions the family has in the
 * document (0 is not an error), *changed how many took a new decision
 * (either may be NULL).
 */
int lt_document_review_family(lt_vault *v, const char *id, const char *family,
			      lt_slot_decision decision, size_t *matched,
			      size_t *changed);

/* "pending", "approved" or "rejected". */
const char *lt_slot_decision_name(unsigned decision);

/*
 * Append to `out` the text around slot `slot` of `set` on one line: about
 * `width` bytes each side (cut at a word, UTF-8 kept whole, "..." where
 * cut), the slot's own text in [brackets], line breaks and tabs as spaces.
 * LT_OK or LT_ENOMEM.
 */
int lt_slot_context(lt_buf *out, const lt_slot_set *set, size_t slot,
		    size_t width);

/* True when `id` is a well-formed document id. */
int lt_document_id_valid(const char *id);

/*
 * Append the JSON document of `register --json` for `d` to `out`:
 * document, slots, words, capacity {lexical, typographic, suggested} (what
 * issue uses now; suggested: the bits approving every pending suggestion
 * would add), slots_by_channel {lexical, typographic}, capacity_default
 * and capacity_with_suggestions (all but rejected suggestions approved;
 * each {lexical, typographic,
 * lexical_per_100_words, typographic_per_100_words, lexical_slots,
 * typographic_slots}), suggestions {total, pending, approved, rejected},
 * bias.  LT_OK or LT_ENOMEM.
 */
int lt_document_info_json(lt_buf *out, const lt_document_info *d);

/*
 * Append the JSON document of `slots --json` to `out`: document, words,
 * the capacities and suggestion counts of lt_document_info_json(), slots
 * [{at, end, family, channel, variants}] - exactly the slots issue writes
 * now, every occurrence of a group (with "group": its first slot's
 * index), an approved suggestion also with "suggestion": N, "decision"
 * and "reason" - and suggested [{suggestion, slot, at, end, family,
 * channel, variants, occurrences, decision, reason, context}]: the
 * suggestions issue does not use (pending or rejected).  With `all`,
 * "suggested" lists every suggestion, approved ones too (slots
 * --suggested).  LT_OK or LT_ENOMEM.
 */
int lt_document_slots_json(lt_buf *out, const lt_document_info *d,
			   const lt_slot_set *set, int all);

#ifdef __cplusplus
}
#endif
#endif
