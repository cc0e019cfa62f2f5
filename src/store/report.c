/*
 * report.c - the report area's dispatch to the vault's backend
 * (store/report.h), and freeing what it returns.
 */
#include <stdlib.h>

#include "store/report.h"

int lt_store_report_counts(lt_vault *v, size_t *documents, size_t *copies,
			   size_t *recipients)
{
	return v->ops->report->counts(v, documents, copies, recipients);
}

int lt_store_report_documents(lt_vault *v, const char *only,
			      lt_store_report_doc **out, size_t *n)
{
	return v->ops->report->documents(v, only, out, n);
}

void lt_store_report_documents_free(lt_store_report_doc *d, size_t n)
{
	size_t i;

	for (i = 0; d && i < n; i++) {
		free(d[i].id);
		free(d[i].title);
	}
	free(d);
}
