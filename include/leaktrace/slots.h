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

/*
 * What the marking does with a slot.  A default slot is one a strict
 * editor of the document's own house style accepts in that sentence; it is
 * used by every copy.  A suggested slot is safe only in some sentences
 * (a synonym, a contraction, a number written as a word, ...): issue uses
 * it once the author has approved it, never before.
 */
typedef enum lt_slot_use {
	LT_SLOT_DEFAULT = 0,
	LT_SLOT_SUGGESTED = 1
} lt_slot_use;

/* The author's decision on a suggested slot (and on its whole group). */
typedef enum lt_slot_decision {
	LT_DECISION_PENDING = 0,
	LT_DECISION_APPROVED = 1,
	LT_DECISION_REJECTED = 2
} lt_slot_decision;

typedef struct lt_slot {
	uint32_t start;    /* byte range [start, end) in the plain original */
	uint32_t end;
	uint16_t family;   /* rule family, see lt_slot_family_name() */
	uint8_t channel;   /* lt_channel */
	uint8_t nvariants; /* q, 2..LT_SLOT_MAX_VARIANTS */
	char *variants[LT_SLOT_MAX_VARIANTS]; /* NUL-terminated UTF-8;
		variants[0] is the original's own text of [start, end) */
	uint8_t use;       /* lt_slot_use */
	uint8_t decision;  /* lt_slot_decision (suggested slots only) */
	uint8_t why;       /* suggested: the reason, lt_slot_why_text() */
	/* Index of the first slot of this slot's document-level group: where
	 * the original repeats a form, every occurrence is one slot of the
	 * group and a copy writes them all with the group's one choice (the
	 * first slot's symbol).  A slot alone is its own group.  Members
	 * share use, decision and nvariants; variant k means the same choice
	 * in each. */
	uint32_t group;
} lt_slot;

/* 1 when copies issued now write slot `s` as their codeword says (a
 * default slot, or an approved suggestion); 0 when they keep the
 * original's text there. */
static inline int lt_slot_active(const lt_slot *s)
{
	return s->use == LT_SLOT_DEFAULT || s->decision == LT_DECISION_APPROVED;
}

/* Why a slot is only suggested, in words ("a synonym may shift the
 * meaning", ...); "" for 0 or an unknown code. */
const char *lt_slot_why_text(unsigned why);

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
/* The family named `name`, or -1 when none is. */
int lt_slot_family_by_name(const char *name);
/* The channel a family belongs to. */
lt_channel lt_slot_family_channel(unsigned family);

/* Count of word tokens in the plain text (for slots-per-100-words). */
size_t lt_slot_set_words(const lt_slot_set *set);

/* Which slots a count or a capacity takes. */
typedef enum lt_slot_scope {
	LT_SCOPE_ACTIVE = 0,  /* what issue uses now: default + approved */
	LT_SCOPE_DEFAULT = 1, /* the default slots only */
	LT_SCOPE_ALL = 2      /* default and every suggestion not rejected */
} lt_slot_scope;

/* Number of marks of one channel (a document-level group counts once),
 * and their capacity in bits (the sum of log2 q over them).  The plain
 * functions take LT_SCOPE_ACTIVE. */
size_t lt_slot_set_count(const lt_slot_set *set, lt_channel channel);
double lt_slot_set_capacity(const lt_slot_set *set, lt_channel channel);
size_t lt_slot_set_count_ex(const lt_slot_set *set, lt_channel channel,
			    lt_slot_scope scope);
double lt_slot_set_capacity_ex(const lt_slot_set *set, lt_channel channel,
			       lt_slot_scope scope);

/*
 * Write the copy whose choice at slot i is symbols[i] (< nvariants) to
 * `out`: the plain text with each active slot's range replaced by the
 * variant its group's first slot chooses (symbols[group]); an inactive
 * slot keeps the original's text.  Line structure is kept.
 */
int lt_slots_render(lt_buf *out, const lt_slot_set *set,
		    const uint8_t *symbols);

/* The symbols a copy with codeword `symbols` actually writes: out[i] is
 * symbols[group of i] for an active slot, 0 (the original) for an
 * inactive one.  Every renderer (text, PDF, pictures) writes these. */
void lt_slots_effective(uint8_t *out, const lt_slot_set *set,
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
 * the accusation test stays rigorous.  An inactive slot reads -1; a
 * document-level group is read once, at its first slot (the choice most
 * of its readable occurrences show, -1 on a tie), its other slots -1, so
 * that one choice is never counted as several.
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
