/*
 * slots.h - marking opportunities: finding them, writing a copy, reading
 * them back from a leak.
 *
 * A slot is a byte range of the plain original text that can be written in
 * q >= 2 ways a reader takes as the same.  Slots come from rule families
 * (serial comma, optional "that", synonyms, quotes, no-break spaces, ...)
 * and from the author's markup {{a|b|c}}.  Rules never change numbers'
 * values, names, text inside quotations, negations or the legal force of a
 * sentence.
 *
 * Data flow: registered text --lt_slots_find--> slot set (plain text +
 * slots) --lt_slots_render(symbols)--> a marked copy.  Later: leaked text +
 * alignment --lt_slots_read--> observed symbols (-1 where unreadable).
 */
#ifndef LEAKTRACE_SLOTS_H
#define LEAKTRACE_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Channels (see SPEC.md, "The marking channels"). */
typedef enum lt_channel {
	LT_CHANNEL_LEXICAL = 0,     /* survives retyping and OCR */
	LT_CHANNEL_TYPOGRAPHIC = 1, /* survives copy-paste of digital text */
	LT_CHANNEL_LAYOUT = 2       /* rendered pages only */
} lt_channel;

/* Maximum alphabet size of one slot. */
#define LT_SLOT_MAX_VARIANTS 8

typedef struct lt_slot {
	uint32_t start;    /* byte range [start, end) in the plain original */
	uint32_t end;
	uint16_t family;   /* rule family, see lt_slot_family_name() */
	uint8_t channel;   /* lt_channel */
	uint8_t nvariants; /* q, 2..LT_SLOT_MAX_VARIANTS */
	char *variants[LT_SLOT_MAX_VARIANTS]; /* NUL-terminated UTF-8;
		variants[0] is the original's own text of [start, end) */
} lt_slot;

/*
 * A document's slots.  `plain` is the original with author markup removed
 * (each {{a|b}} replaced by its first variant); slot offsets refer to it.
 * Slots are sorted by start, do not overlap, and between any two slots
 * there is at least one whole token that belongs to no slot, so that every
 * slot has fixed tokens on both sides to anchor its reading.
 */
typedef struct lt_slot_set {
	char *plain;
	size_t plain_len;
	lt_slot *slots;
	size_t n;
} lt_slot_set;

/*
 * Find the slots of a document.  `text` is valid UTF-8, possibly with
 * {{a|b|c}} markup (a malformed or nested markup is LT_EINPUT naming the
 * byte offset).  House style is honoured: a family whose variants the
 * document already uses inconsistently, or whose choice the document fixes
 * (e.g. it spells "defence"), offers no slot that would clash.
 */
int lt_slots_find(lt_slot_set **out, const char *text, size_t len);
void lt_slot_set_free(lt_slot_set *set);

/* Number of rule families, and the name of each ("serial-comma", ...). */
size_t lt_slot_family_count(void);
const char *lt_slot_family_name(unsigned family);
/* The channel a family belongs to. */
lt_channel lt_slot_family_channel(unsigned family);

/* Count of word tokens in the plain text (for slots-per-100-words). */
size_t lt_slot_set_words(const lt_slot_set *set);

/* Number of slots of one channel, and their capacity in bits
 * (the sum of log2 q over those slots). */
size_t lt_slot_set_count(const lt_slot_set *set, lt_channel channel);
double lt_slot_set_capacity(const lt_slot_set *set, lt_channel channel);

/*
 * Write the copy whose choice at slot i is symbols[i] (< nvariants) to
 * `out`: the plain text with each slot's range replaced by its variant.
 * Line structure is kept.
 */
int lt_slots_render(lt_buf *out, const lt_slot_set *set,
		    const uint8_t *symbols);

/*
 * Read the symbols a leaked text shows.  `orig_tok` are the tokens of
 * set->plain, `leak_tok` those of `leak`, `al` their alignment.  For each
 * slot, symbols[i] receives the variant the leak shows, or -1 when it
 * cannot be read (not in the excerpt, anchors not aligned, or no variant
 * clearly closer than the others).  A typographic family whose marked
 * variants appear nowhere in the leak (a retyped or OCR'd text: straight
 * quotes and single spaces throughout) is treated as erased: all its slots
 * read -1, never as evidence.  The decision depends only on the leak, so
 * the accusation test stays rigorous.
 */
int lt_slots_read(int16_t *symbols, const lt_slot_set *set,
		  const lt_tokens *orig_tok, const char *leak, size_t leak_len,
		  const lt_tokens *leak_tok, const lt_alignment *al);

/*
 * Serialise a slot set (plain text and slots) to a compact, versioned JSON
 * string for storage, and back.  lt_slot_set_load() validates everything
 * (offsets inside the text, sorted, 2..8 variants, UTF-8) and fails with
 * LT_EINPUT on anything malformed.
 */
int lt_slot_set_save(lt_buf *out, const lt_slot_set *set);
int lt_slot_set_load(lt_slot_set **out, const char *json, size_t len);

#ifdef __cplusplus
}
#endif
#endif
