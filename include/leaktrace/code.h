/*
 * code.h - collusion-secure codes and the accusation test.
 *
 * A document with n slots gets a symmetric Tardos code (Tardos 2003;
 * Skoric, Katzenbeisser and Celik 2008): per slot a secret bias vector p
 * over its q variants, and per recipient one symbol per slot drawn with
 * that bias from a keyed pseudo-random function of (document key,
 * recipient, slot).  Nobody without the key can tell which choices identify
 * whom.
 *
 * Given the symbols observed in a leak (-1 where unreadable) an lt_accuser
 * scores copies with the symmetric score and bounds, rigorously, the
 * probability that an innocent recipient scores at least as high: the
 * innocent's score is a sum of independent per-slot terms with known
 * distributions, so its upper tail is computed exactly on a grid (every
 * term rounded up) and compared with a Chernoff bound; the smaller is used.
 * Union-bounded over the document's recipients this is p_false; accuse only
 * when p_false is below the vault's threshold.
 *
 * Data flow: doc key + slot alphabet sizes --lt_code_new--> code
 * --lt_code_codeword--> symbols to render; observed symbols + code
 * --lt_accuser_new--> scores of stored codewords --> tail bound.
 */
#ifndef LEAKTRACE_CODE_H
#define LEAKTRACE_CODE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LT_KEY_BYTES 32

typedef enum lt_bias_scheme {
	LT_BIAS_UNIFORM = 0, /* p = 1/q: most evidence per slot against a single
				leaker; for documents too small to resist
				coalitions anyway */
	LT_BIAS_ARCSINE = 1  /* Tardos arcsine (Dirichlet(1/2) for q > 2) with a
				cutoff: collusion resistance for large codes */
} lt_bias_scheme;

const char *lt_bias_scheme_name(lt_bias_scheme s);
/* Parse a name written by lt_bias_scheme_name(); -1 if unknown. */
int lt_bias_scheme_parse(const char *name);

/*
 * Choose the bias distribution for a document from its capacity (the
 * alphabet sizes q[0..nslots-1]).  Deterministic; the caller records it.
 */
lt_bias_scheme lt_code_choose_bias(const uint8_t *q, size_t nslots);

/*
 * Expected information, in bits, that the slots carry to a single leaker
 * under the scheme (log2 q per slot for uniform biases, the mean entropy of
 * the arcsine draw otherwise).
 */
double lt_code_capacity_bits(const uint8_t *q, size_t nslots,
			     lt_bias_scheme scheme);

typedef struct lt_code lt_code;

/*
 * Build a document's code: derive every slot's bias from `doc_key` (32
 * secret bytes, from the vault key) under `scheme`.  q[i] in 2..8.
 */
int lt_code_new(lt_code **out, const uint8_t doc_key[LT_KEY_BYTES],
		const uint8_t *q, size_t nslots, lt_bias_scheme scheme);
void lt_code_free(lt_code *c);

/*
 * A copy of `base` followed by `extra` binary slots of bias 1/2 (the layout
 * marks of rendered pages).  Symbols of the base slots are unchanged; the
 * extra slots continue the same keyed stream, so a recipient's layout
 * symbols are as secret and as independent as the rest.
 */
int lt_code_extend(lt_code **out, const lt_code *base, size_t extra);

size_t lt_code_slots(const lt_code *c);
unsigned lt_code_q(const lt_code *c, size_t slot);
/* Probability of `symbol` at `slot` (the secret bias). */
double lt_code_bias(const lt_code *c, size_t slot, unsigned symbol);

/*
 * The codeword of one recipient (identified by the bytes of its name):
 * symbols[0..nslots-1].  Deterministic in (doc key, recipient).
 */
void lt_code_codeword(const lt_code *c, const void *recipient, size_t len,
		      uint8_t *symbols);

/*
 * Codewords of `count` recipients as one block, slot-major:
 * block[slot * count + j] is recipient j's symbol at `slot`.  This is the
 * stored form that scoring runs over.  Recipient j is identified by the
 * bytes of the NUL-terminated recipients[j] (same as lt_code_codeword with
 * len = strlen).  Returns LT_OK or LT_ENOMEM.
 */
int lt_code_block(const lt_code *c, const char *const *recipients,
		  size_t count, uint8_t *block);

typedef struct lt_accuser lt_accuser;

/*
 * A weighted observation: symbol y (0..q-1) read with reliability
 * w / LT_OBS_WEIGHT_MAX, w in 1..LT_OBS_WEIGHT_MAX.  A plain symbol (w =
 * LT_OBS_WEIGHT_MAX, the only form for w = full) has the full weight.
 * The reader sets w from the measurement alone (never from any
 * recipient's codeword); the slot's match and mismatch scores are scaled
 * by it, so the innocent's score stays a sum of independent terms with
 * known distributions and the tail below stays rigorous.
 */
#define LT_OBS_WEIGHT_MAX 8
#define LT_OBS_WEIGHT_SHIFT 4 /* symbols are below 16 */
#define LT_OBS(y, w)                                                       \
	((int16_t)((y) | ((w) % LT_OBS_WEIGHT_MAX) << LT_OBS_WEIGHT_SHIFT))
#define LT_OBS_SYMBOL(o) ((o) & ((1 << LT_OBS_WEIGHT_SHIFT) - 1))
#define LT_OBS_WEIGHT(o)                                                   \
	((o) >> LT_OBS_WEIGHT_SHIFT ? (o) >> LT_OBS_WEIGHT_SHIFT               \
				    : LT_OBS_WEIGHT_MAX)

/*
 * Prepare to score against the observation symbols[0..nslots-1] (-1 =
 * unread; a symbol, or a weighted one made with LT_OBS).  Precomputes
 * per-slot score values and the innocent-score tail.
 */
int lt_accuser_new(lt_accuser **out, const lt_code *c,
		   const int16_t *symbols);
void lt_accuser_free(lt_accuser *a);

/* Number of slots observed, and the information they carry in bits (a
 * weighted slot's bits times its weight). */
size_t lt_accuser_observed(const lt_accuser *a);
double lt_accuser_bits(const lt_accuser *a);

/*
 * Score every recipient of a slot-major block (see lt_code_block).  Scores
 * are sums of per-slot values rounded to a power-of-two grid, so these
 * float scores are exact and equal lt_accuser_score() of the same codeword.
 */
void lt_accuser_score_block(const lt_accuser *a, const uint8_t *block,
			    size_t count, float *scores);

/* Score one codeword exactly (in double). */
double lt_accuser_score(const lt_accuser *a, const uint8_t *symbols);

/*
 * Rigorous upper bound on P(an innocent recipient's score >= score).
 */
double lt_accuser_tail(const lt_accuser *a, double score);

/*
 * p_false for a recipient with `score` among `recipients` holders of the
 * document: min(1, recipients * tail).  Accuse only when below the
 * threshold.
 */
double lt_accuser_p_false(const lt_accuser *a, double score,
			  size_t recipients);

/* Bits a leak must carry to accuse at `threshold` among `recipients`:
 * log2(recipients / threshold). */
double lt_bits_needed(size_t recipients, double threshold);

#ifdef __cplusplus
}
#endif
#endif
