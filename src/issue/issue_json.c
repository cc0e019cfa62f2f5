/*
 * issue_json.c - the copies an issue wrote, as the JSON document of
 * `issue --json` and the web service's POST /documents/{id}/issue
 * (issue.h).
 */
#include "base/json.h"
#include "leaktrace/issue.h"

int lt_issue_result_json(lt_buf *out, const lt_issue_result *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < r->n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}",
			"recipient", r->copies[i].recipient, "copy",
			r->copies[i].copy, "path", r->copies[i].path,
			"reissued", r->copies[i].reissued));
	return lt_json_write(out, json_pack("{s:s, s:o}", "document",
					    r->document, "copies", arr));
}
