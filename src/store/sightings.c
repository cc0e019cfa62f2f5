/*
 * sightings.c - the sightings area's dispatch to the vault's backend
 * (store/sightings.h), and freeing the sightings it returns (scan.h).
 */
#include <stdlib.h>
#include <string.h>

#include "store/sightings.h"

int lt_store_sightings_find(lt_vault *v, int64_t doc, lt_sighting *g,
			    int *found)
{
	return v->ops->sightings->find(v, doc, g, found);
}

int lt_store_sightings_add(lt_vault *v, lt_store_sighting_new *s, size_t n,
			   const char *first_seen)
{
	return v->ops->sightings->add(v, s, n, first_seen);
}

int lt_store_sightings_list(lt_vault *v, int64_t doc, lt_sighting **out,
			    int64_t **docs, size_t *n)
{
	return v->ops->sightings->list(v, doc, out, docs, n);
}

void lt_sighting_clear(lt_sighting *g)
{
	free(g->document);
	free(g->platform);
	free(g->channel);
	free(g->message);
	free(g->source);
	free(g->attachment);
	free(g->kind);
	free(g->author);
	free(g->posted_at);
	free(g->url);
	free(g->verdict);
	free(g->copy);
	free(g->recipient);
	free(g->verify);
	free(g->first_seen);
	memset(g, 0, sizeof(*g));
}

void lt_sightings_free(lt_sighting *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lt_sighting_clear(&s[i]);
	free(s);
}
