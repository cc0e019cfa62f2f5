/*
 * bench_pdf_copy.c - PDF originals issued in their own look (pdfcopy.h):
 * a PDF of about ten pages (the sample memos, set by leaktrace's own
 * Cairo typesetting, unmarked) is registered, issued to 100 recipients as
 * marked copies of that file (records and manifest included), and one
 * copy file is traced (vault open; Poppler's words of the copy and of the
 * original, identification, the marks, scoring and the event included).
 * Then how far two copies differ on the page: the largest change of a
 * line distance and of a word gap, and the layout bits a page carries.
 *
 * Prints figures only; timings never decide anything.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "leaktrace/leaktrace.h"

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_pdf_copy: %s: %s\n", what,
			lt_error_message());
		exit(1);
	}
}

/* An unmarked PDF of the sample memos, about `words` words. */
static void make_pdf(lt_buf *pdf, size_t words)
{
	static const char *const parts[] = {
		"samples/memo-audit.txt", "samples/memo-budget.txt",
		"samples/memo-compliance.txt", "samples/memo-health.txt",
		"samples/memo-logistics.txt", "samples/memo-security.txt",
	};
	lt_render_options ro = {0};
	lt_layout_plan *plan = NULL;
	lt_slot_set *set = NULL;
	lt_buf text = {0};
	uint8_t *sym;
	size_t have = 0, i, k;

	while (have < words) {
		for (i = 0; i < 6 && have < words; i++) {
			lt_buf b = {0};

			check(lt_text_read_file(&b, parts[i], 0, NULL), parts[i]);
			for (k = 0; k < b.len; k++)
				have += b.data[k] == ' ' || b.data[k] == '\n';
			lt_buf_append(&text, b.data, b.len);
			lt_buf_puts(&text, "\n\n");
			lt_buf_free(&b);
		}
	}
	check(lt_slots_find(&set, text.data, text.len), "slots");
	check(lt_layout_plan_new(&plan, set, &ro), "layout");
	sym = calloc(set->n + lt_layout_slots(plan) + 1, 1);
	check(lt_render_pdf(pdf, plan, set, sym, &ro), "render");
	free(sym);
	lt_layout_plan_free(plan);
	lt_slot_set_free(set);
	lt_buf_free(&text);
}

int main(void)
{
	char dir[] = "/tmp/leaktrace-bench-pdf.XXXXXX", path[512];
	lt_vault *v;
	lt_document_info *info;
	lt_issue_result *res;
	lt_trace_result *tr;
	lt_issue_options opt = {0};
	lt_extract *a, *b;
	lt_buf pdf = {0};
	char *list[100];
	size_t pages, i;
	double t0, t_reg, t_issue, t_trace, line, gap, bits;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/vault", dir);
	check(lt_vault_init(path), "init");
	check(lt_vault_open(&v, path), "open");
	make_pdf(&pdf, 5000);
	t0 = now();
	check(lt_document_register_buffer(&info, v, pdf.data, pdf.len,
					  "long.pdf", "long", NULL), "register");
	t_reg = now() - t0;
	pages = info->pages;
	bits = info->cap_layout;
	printf("pdf-original: %zu words on %zu pages (%zu-byte PDF), %.0f "
	       "layout bits (%.1f a page); register %.3f s\n", info->words,
	       pages, pdf.len, bits, bits / (double)pages, t_reg);
	lt_document_info_free(info);
	for (i = 0; i < 100; i++) {
		list[i] = malloc(32);
		snprintf(list[i], 32, "Recipient %zu", i);
	}
	snprintf(path, sizeof(path), "%s/copies", dir);
	t0 = now();
	check(lt_issue_ex(&res, v, "long", (const char *const *)list, 100, path,
			  &opt), "issue");
	t_issue = now() - t0;
	printf("pdf-original: issue 100 copies of a %zu-page PDF in its own "
	       "look: %.2f s (%.1f ms a copy)\n", pages, t_issue,
	       t_issue * 10.0);
	t0 = now();
	check(lt_trace_file(&tr, v, res->copies[37].path), "trace");
	t_trace = now() - t0;
	printf("pdf-original: trace one copy file: %.0f ms, %zu layout marks "
	       "read, verdict %s, %s\n", t_trace * 1e3, tr->layout_observed,
	       lt_verdict_name(tr->verdict),
	       tr->nsuspects && tr->suspects[0].accused ?
	       tr->suspects[0].recipient : "nobody accused");
	check(lt_extract_file(&a, res->copies[1].path), "extract");
	check(lt_extract_file(&b, res->copies[2].path), "extract");
	check(lt_pdf_copy_differences(&line, &gap, a->words, a->nwords,
				      b->words, b->nwords), "compare");
	printf("pdf-original: two copies differ by at most %.3f pt in a line "
	       "distance and %.3f pt in a word gap\n", line, gap);
	lt_extract_free(a);
	lt_extract_free(b);
	lt_trace_result_free(tr);
	lt_issue_result_free(res);
	for (i = 0; i < 100; i++)
		free(list[i]);
	lt_vault_close(v);
	lt_buf_free(&pdf);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	return system(path) ? 1 : 0;
}
