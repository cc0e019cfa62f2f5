/*
 * bench_docx.c - Word originals through liblt: a DOCX of about ten pages
 * (5,000 words of the sample memos, one w:p a paragraph, with a styles
 * part) is registered, issued to 100 recipients as DOCX files (every copy
 * a whole package written to disk, records and manifest included), and
 * one copy file is traced (vault open; reading the package, the text,
 * identification, slots, scoring and the event included).  Then the memo
 * with two figures (tests/data/docx/memo-figure.docx: a 1000 x 700 PNG
 * and an 800 x 560 JPEG) is issued to 100 recipients, every figure of
 * every copy is compared with the original's (PSNR), and one figure taken
 * out of a copy is traced.
 *
 * Prints figures only; timings never decide anything.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "bench.h"
#include "leaktrace/leaktrace.h"
#include "render/image_mark.h"

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_docx: %s: %s\n", what, lt_error_message());
		exit(1);
	}
}

/* Text as XML character data. */
static void put_escaped(lt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&')
			lt_buf_puts(b, "&amp;");
		else if (s[i] == '<')
			lt_buf_puts(b, "&lt;");
		else if (s[i] == '>')
			lt_buf_puts(b, "&gt;");
		else
			lt_buf_putc(b, s[i]);
	}
}

/* word/document.xml of the sample memos, about `words` words. */
static void long_document_xml(lt_buf *xml, size_t words, size_t *paras)
{
	static const char *const parts[] = {
		"samples/memo-audit.txt", "samples/memo-budget.txt",
		"samples/memo-compliance.txt", "samples/memo-health.txt",
		"samples/memo-logistics.txt", "samples/memo-security.txt",
	};
	size_t have = 0;

	*paras = 0;
	lt_buf_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?><w:document xmlns:w=\"http://schemas."
		    "openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
	while (have < words) {
		for (size_t i = 0; i < 6 && have < words; i++) {
			lt_buf b = {0};
			char *p, *end;

			check(lt_text_read_file(&b, parts[i], 0, NULL), parts[i]);
			for (p = b.data, end = b.data + b.len; p < end;) {
				char *q = strstr(p, "\n\n");
				size_t n = q ? (size_t)(q - p) : (size_t)(end - p);

				lt_buf_puts(xml, "<w:p><w:r><w:t xml:space=\"preserve\">");
				for (size_t k = 0; k < n; k++)
					have += p[k] == ' ' || p[k] == '\n';
				/* a hard-wrapped line is one paragraph */
				for (size_t k = 0; k < n; k++)
					if (p[k] == '\n')
						p[k] = ' ';
				put_escaped(xml, p, n);
				lt_buf_puts(xml, "</w:t></w:r></w:p>");
				(*paras)++;
				p = q ? q + 2 : end;
			}
			lt_buf_free(&b);
		}
	}
	lt_buf_puts(xml, "</w:body></w:document>");
}

/* A package with that main part and a styles part. */
static void make_docx(lt_buf *out, const lt_buf *xml)
{
	static const char styles[] = "<?xml version=\"1.0\"?><w:styles xmlns:w="
		"\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t size;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za || zip_file_add(za, "word/document.xml",
				zip_source_buffer(za, xml->data, xml->len, 0), 0) < 0 ||
	    zip_file_add(za, "word/styles.xml",
			 zip_source_buffer(za, styles, sizeof(styles) - 1, 0), 0) < 0 ||
	    zip_close(za) < 0) {
		fprintf(stderr, "bench_docx: cannot build the package\n");
		exit(1);
	}
	zip_source_open(src);
	zip_source_seek(src, 0, SEEK_END);
	size = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	lt_buf_reserve(out, (size_t)size);
	out->len = (size_t)zip_source_read(src, out->data, (zip_uint64_t)size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* Part `name` of the package file `path`, decoded (NULL when absent). */
static lt_image *package_image(const char *path, const char *name)
{
	zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
	zip_file_t *f;
	zip_stat_t st;
	lt_image *img = NULL;
	char *data;

	if (!za)
		return NULL;
	if (zip_stat(za, name, 0, &st) == 0 && (f = zip_fopen(za, name, 0))) {
		if ((data = malloc(st.size + 1)) &&
		    zip_fread(f, data, st.size) == (zip_int64_t)st.size &&
		    lt_image_decode(&img, data, st.size, name, NULL) != LT_OK)
			img = NULL;
		free(data);
		zip_fclose(f);
	}
	zip_discard(za);
	return img;
}

/* The memo with figures: issue 100 copies, their figures' PSNR, trace one
 * figure taken out of a copy. */
static void figures(lt_vault *v, const char *dir, char **list)
{
	static const char *const parts[] = {"word/media/rId20.png",
					    "word/media/rId23.jpg"};
	static const char memo[] = "tests/data/docx/memo-figure.docx";
	lt_document_info *info;
	lt_issue_result *res;
	lt_trace_result *tr;
	lt_issue_options opt = {0};
	char path[512];
	double t0, t_issue, lo = 1e9, sum = 0;
	size_t i, k, n = 0;

	check(lt_document_register(&info, v, memo, "memo", NULL), "register");
	printf("docx figures: %s, %zu figures, %zu image slots\n", memo,
	       info->figures, info->image_slots);
	lt_document_info_free(info);
	snprintf(path, sizeof(path), "%s/figures", dir);
	t0 = now();
	check(lt_issue_ex(&res, v, "memo", (const char *const *)list, 100, path,
			  &opt), "issue");
	t_issue = now() - t0;
	printf("docx figures: issue 100 copies with 2 figures: %.2f s (%.1f ms "
	       "a copy)\n", t_issue, t_issue * 10.0);
	for (k = 0; k < 2; k++) {
		lt_image *orig = package_image(memo, parts[k]);

		for (i = 0; orig && i < res->n; i++) {
			lt_image *copy = package_image(res->copies[i].path,
						       parts[k]);
			double p = copy ? lt_image_psnr(orig, copy) : 0;

			sum += p;
			n++;
			if (p < lo)
				lo = p;
			lt_image_free(copy);
		}
		lt_image_free(orig);
	}
	printf("docx figures: PSNR of the %zu marked figures: mean %.2f dB, "
	       "lowest %.2f dB\n", n, n ? sum / n : 0, lo);
	{
		lt_image *fig = package_image(res->copies[41].path, parts[0]);
		lt_buf png = {0};
		FILE *f = NULL;

		snprintf(path, sizeof(path), "%s/figure.png", dir);
		check(!fig || lt_image_encode(&png, fig, LT_IMAGE_PNG, 0) ||
		      !(f = fopen(path, "wb")), "extract a figure");
		fwrite(png.data, 1, png.len, f);
		fclose(f);
		t0 = now();
		check(lt_trace_file(&tr, v, path), "trace a figure");
		printf("docx figures: trace one figure taken out of a copy: %.0f "
		       "ms, verdict %s, %s\n", (now() - t0) * 1e3,
		       lt_verdict_name(tr->verdict),
		       tr->nsuspects && tr->suspects[0].accused ?
		       tr->suspects[0].recipient : "nobody accused");
		lt_trace_result_free(tr);
		lt_image_free(fig);
		lt_buf_free(&png);
	}
	lt_issue_result_free(res);
}

int main(void)
{
	char dir[] = "/tmp/leaktrace-bench-docx.XXXXXX", path[512];
	lt_vault *v;
	lt_document_info *info;
	lt_issue_result *res;
	lt_trace_result *tr;
	lt_issue_options opt = {0};
	lt_buf xml = {0}, docx = {0};
	char *list[100];
	size_t paras, pages, i;
	double t0, t_reg, t_issue, t_trace;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/vault", dir);
	check(lt_vault_init(path), "init");
	check(lt_vault_open(&v, path), "open");
	long_document_xml(&xml, 5000, &paras);
	make_docx(&docx, &xml);
	t0 = now();
	check(lt_document_register_buffer(&info, v, docx.data, docx.len,
					  "long.docx", "long", NULL), "register");
	t_reg = now() - t0;
	pages = info->pages;
	printf("docx: %zu words in %zu paragraphs (%zu-byte package, %zu "
	       "pages printed), %zu slots; register %.3f s\n", info->words,
	       paras, docx.len, pages, info->nslots, t_reg);
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
	printf("docx: issue 100 copies of a %zu-page document: %.2f s (%.1f ms "
	       "a copy)\n", pages, t_issue, t_issue * 10.0);
	t0 = now();
	check(lt_trace_file(&tr, v, res->copies[37].path), "trace");
	t_trace = now() - t0;
	printf("docx: trace one copy file: %.0f ms, verdict %s, %s\n",
	       t_trace * 1e3, lt_verdict_name(tr->verdict),
	       tr->nsuspects && tr->suspects[0].accused ?
	       tr->suspects[0].recipient : "nobody accused");
	lt_trace_result_free(tr);
	lt_issue_result_free(res);
	figures(v, dir, list);
	for (i = 0; i < 100; i++)
		free(list[i]);
	lt_vault_close(v);
	lt_buf_free(&xml);
	lt_buf_free(&docx);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	return system(path) ? 1 : 0;
}
