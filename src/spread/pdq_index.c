/*
 * pdq_index.c - Hamming-distance search over PDQ hashes by multi-index
 * hashing (pdq.h; Norouzi, Punjani and Fleet, 2012).
 *
 * The 256 bits are cut into 16 chunks of 16 bits.  For each chunk a table
 * maps every 16-bit value to the stored hashes having that value there
 * (one array of offsets, 65,537 a chunk, and one of members, in the manner
 * of a compressed sparse row matrix).  If a stored hash is within distance
 * d of the query, its 16 chunk distances sum to at most d, so at least one
 * of them is at most r = floor(d / 16) (pigeonhole).  A query therefore
 * looks up, in each chunk's table, the values within r bits of the query's
 * chunk (1 value for r = 0, 17 for r = 1, 137 for r = 2) and checks each
 * hash found with the full 256-bit distance.  A hash found through several
 * chunks is reported only from the first chunk that could have found it,
 * which needs no per-query memory.  Beyond r = 2 the enumeration costs
 * more than it saves, and every hash is compared instead.
 *
 * Adding appends to the entry array; the tables are rebuilt, all at once,
 * by the next query.
 */
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/pdq.h"

#define CHUNKS 16
#define CHUNK_VALUES 65536
#define MAX_TABLE_RADIUS 2

struct entry {
	lt_pdq_hash hash;
	int64_t id;
};

struct lt_pdq_index {
	struct entry *entries;
	size_t n, cap;
	uint32_t *offsets;   /* CHUNKS x (CHUNK_VALUES + 1), or NULL */
	uint32_t *members;   /* CHUNKS x built: entry numbers by value */
	size_t built;        /* entries the tables cover */
};

/* Chunk c (0..15) of a hash: bytes 2c and 2c+1 as one 16-bit value. */
static unsigned chunk(const lt_pdq_hash *h, int c)
{
	return (unsigned)h->bytes[2 * c] << 8 | h->bytes[2 * c + 1];
}

int lt_pdq_index_new(lt_pdq_index **out)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return lt_error_set(LT_ENOMEM, "out of memory (PDQ index)");
	return LT_OK;
}

void lt_pdq_index_free(lt_pdq_index *ix)
{
	if (!ix)
		return;
	free(ix->entries);
	free(ix->offsets);
	free(ix->members);
	free(ix);
}

size_t lt_pdq_index_size(const lt_pdq_index *ix)
{
	return ix->n;
}

int lt_pdq_index_add(lt_pdq_index *ix, const lt_pdq_hash *hash, int64_t id)
{
	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 1024;
		struct entry *e;

		/* Entry numbers are 32-bit in the tables. */
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		if (ix->n >= cap)
			return lt_error_set(LT_ENOMEM, "PDQ index full "
					    "(%zu hashes)", ix->n);
		if (!(e = realloc(ix->entries, cap * sizeof(*e))))
			return lt_error_set(LT_ENOMEM, "out of memory adding "
					    "to a PDQ index of %zu hashes",
					    ix->n);
		ix->entries = e;
		ix->cap = cap;
	}
	ix->entries[ix->n].hash = *hash;
	ix->entries[ix->n].id = id;
	ix->n++;
	return LT_OK;
}

/* (Re)build the chunk tables over every entry. */
static int build(lt_pdq_index *ix)
{
	uint32_t *off = ix->offsets, *mem;
	size_t i;
	int c;

	if (!off && !(off = malloc(sizeof(*off) * CHUNKS *
				   (CHUNK_VALUES + 1))))
		return lt_error_set(LT_ENOMEM, "out of memory building a PDQ "
				    "index");
	ix->offsets = off;
	if (!(mem = malloc(sizeof(*mem) * CHUNKS * (ix->n ? ix->n : 1))))
		return lt_error_set(LT_ENOMEM, "out of memory building a PDQ "
				    "index of %zu hashes", ix->n);
	free(ix->members);
	ix->members = mem;
	memset(off, 0, sizeof(*off) * CHUNKS * (CHUNK_VALUES + 1));
	for (c = 0; c < CHUNKS; c++) {
		uint32_t *o = off + (size_t)c * (CHUNK_VALUES + 1);
		uint32_t *m = mem + (size_t)c * ix->n;
		unsigned v;

		for (i = 0; i < ix->n; i++)
			o[chunk(&ix->entries[i].hash, c) + 1]++;
		for (v = 0; v < CHUNK_VALUES; v++)
			o[v + 1] += o[v];
		/* Fill using o[v] as the cursor, then shift back. */
		for (i = 0; i < ix->n; i++)
			m[o[chunk(&ix->entries[i].hash, c)]++] = (uint32_t)i;
		for (v = CHUNK_VALUES; v > 0; v--)
			o[v] = o[v - 1];
		o[0] = 0;
	}
	ix->built = ix->n;
	return LT_OK;
}

/* What one query carries through the bucket visits. */
struct query {
	const lt_pdq_index *ix;
	const lt_pdq_hash *q;
	int max, radius, chunk;
	lt_pdq_match_fn fn;
	void *ctx;
	int stop;
};

/* Check every entry of bucket `value` of the current chunk. */
static void visit(struct query *s, unsigned value)
{
	const uint32_t *o = s->ix->offsets +
			    (size_t)s->chunk * (CHUNK_VALUES + 1);
	const uint32_t *m = s->ix->members + (size_t)s->chunk * s->ix->built;
	uint32_t k;

	for (k = o[value]; k < o[value + 1] && !s->stop; k++) {
		const struct entry *e = &s->ix->entries[m[k]];
		int d = lt_pdq_distance(&e->hash, s->q), c, seen = 0;

		if (d > s->max)
			continue;
		/* Reported already through an earlier chunk? */
		for (c = 0; c < s->chunk && !seen; c++)
			seen = __builtin_popcount(chunk(&e->hash, c) ^
						  chunk(s->q, c)) <= s->radius;
		if (!seen && s->fn(s->ctx, e->id, &e->hash, d))
			s->stop = 1;
	}
}

int lt_pdq_index_query(lt_pdq_index *ix, const lt_pdq_hash *query,
		       int max_distance, lt_pdq_match_fn fn, void *ctx)
{
	struct query s;
	size_t i;
	int rc, a, b;

	if (max_distance < 0 || max_distance > LT_PDQ_BYTES * 8)
		return lt_error_set(LT_EUSAGE, "PDQ distance %d out of range "
				    "(0 to 256)", max_distance);
	if (ix->n == 0)
		return LT_OK;
	if (max_distance / CHUNKS > MAX_TABLE_RADIUS) {
		for (i = 0; i < ix->n; i++) {
			int d = lt_pdq_distance(&ix->entries[i].hash, query);

			if (d <= max_distance &&
			    fn(ctx, ix->entries[i].id, &ix->entries[i].hash, d))
				break;
		}
		return LT_OK;
	}
	if ((!ix->offsets || ix->built != ix->n) && (rc = build(ix)))
		return rc;
	memset(&s, 0, sizeof(s));
	s.ix = ix;
	s.q = query;
	s.max = max_distance;
	s.radius = max_distance / CHUNKS;
	s.fn = fn;
	s.ctx = ctx;
	for (s.chunk = 0; s.chunk < CHUNKS && !s.stop; s.chunk++) {
		unsigned v = chunk(query, s.chunk);

		visit(&s, v);
		if (s.radius < 1)
			continue;
		for (a = 0; a < 16 && !s.stop; a++) {
			visit(&s, v ^ (1u << a));
			if (s.radius < 2)
				continue;
			for (b = a + 1; b < 16 && !s.stop; b++)
				visit(&s, v ^ (1u << a) ^ (1u << b));
		}
	}
	return LT_OK;
}

/* Matches collected by lt_pdq_index_search. */
struct collect {
	lt_pdq_match *m;
	size_t n, cap;
	int failed;
};

static int collect_one(void *ctx, int64_t id, const lt_pdq_hash *hash,
		       int distance)
{
	struct collect *c = ctx;

	(void)hash;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		lt_pdq_match *m = realloc(c->m, cap * sizeof(*m));

		if (!m) {
			c->failed = 1;
			return 1;
		}
		c->m = m;
		c->cap = cap;
	}
	c->m[c->n].id = id;
	c->m[c->n].distance = distance;
	c->n++;
	return 0;
}

static int match_cmp(const void *a, const void *b)
{
	const lt_pdq_match *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance - y->distance;
	return (x->id > y->id) - (x->id < y->id);
}

int lt_pdq_index_search(lt_pdq_index *ix, const lt_pdq_hash *query,
			int max_distance, lt_pdq_match **out, size_t *n)
{
	struct collect c = {0};
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lt_pdq_index_query(ix, query, max_distance, collect_one,
				     &c))) {
		free(c.m);
		return rc;
	}
	if (c.failed) {
		free(c.m);
		return lt_error_set(LT_ENOMEM, "out of memory collecting PDQ "
				    "matches");
	}
	if (c.n > 1)
		qsort(c.m, c.n, sizeof(*c.m), match_cmp);
	*out = c.m;
	*n = c.n;
	return LT_OK;
}
