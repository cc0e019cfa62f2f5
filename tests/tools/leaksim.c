/*
 * leaksim.c - simulate how copies leak, for the end-to-end tests and the
 * demo: excerpts, retyping with typos, and collusion attacks that mix
 * several recipients' copies.
 *
 *   leaksim excerpt FILE FIRST COUNT      paragraphs FIRST..FIRST+COUNT-1
 *   leaksim retype FILE SEED RATE         straight quotes, single spaces,
 *                                         no special spaces, RATE typos
 *                                         per letter (e.g. 0.005)
 *   leaksim ocr FILE SEED RATE            look-alike letter confusions
 *   leaksim interleave FILE...            contiguous runs of lines taken
 *                                         from each copy in turn
 *   leaksim majority VAULT DOC FILE...    per-slot majority of the copies
 *   leaksim minority VAULT DOC FILE...    per-slot minority
 *   leaksim coinflip VAULT DOC SEED FILE...  per-slot random pick
 *
 * Output goes to stdout.  The slot attacks read each copy's symbols with
 * the library (as an attacker who compares copies would see them) and
 * write the mixed copy.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/leaktrace.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static double rng_unit(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static void die(const char *what)
{
	fprintf(stderr, "leaksim: %s: %s\n", what, lt_error_message());
	exit(2);
}

static void read_text(lt_buf *b, const char *path)
{
	if (lt_text_read_file(b, path, 0, NULL))
		die(path);
}

/* Paragraphs are separated by blank lines. */
static int cmd_excerpt(const char *path, int first, int count)
{
	lt_buf b = {0};
	const char *p, *start = NULL;
	int para = 0, in_para = 0, printed = 0;

	read_text(&b, path);
	for (p = b.data; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p + 1) : strlen(p);
		int blank = 1;

		for (size_t i = 0; i < len; i++)
			if (p[i] != ' ' && p[i] != '\n' && p[i] != '\r' && p[i] != '\t')
				blank = 0;
		if (blank) {
			if (in_para)
				para++;
			in_para = 0;
		} else {
			if (!in_para && para >= first && para < first + count &&
			    printed++)
				putchar('\n');
			in_para = 1;
			if (para >= first && para < first + count)
				fwrite(p, 1, len, stdout);
		}
		(void)start;
		p += len;
	}
	lt_buf_free(&b);
	return 0;
}

static const char keyboard[] = "qwertyuiopasdfghjklzxcvbnm";

static int cmd_retype(const char *path, uint64_t seed, double rate)
{
	lt_buf b = {0}, f = {0};
	size_t i;
	int space = 0;

	read_text(&b, path);
	/* Straight quotes and plain dashes, as a keyboard types them. */
	if (lt_text_fold(&f, b.data, b.len, LT_FOLD_PUNCT))
		die("fold");
	rng_state = seed * 2654435761u + 88172645463325252ull;
	for (i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.data[i];

		/* No-break and other special spaces become one plain space;
		 * runs of spaces within a line collapse. */
		if (c == 0xC2 && i + 1 < f.len && (unsigned char)f.data[i + 1] == 0xA0) {
			i++;
			c = ' ';
		} else if (c == 0xE2 && i + 2 < f.len &&
			   (unsigned char)f.data[i + 1] == 0x80 &&
			   (((unsigned char)f.data[i + 2] >= 0x80 &&
			     (unsigned char)f.data[i + 2] <= 0x8B) ||
			    (unsigned char)f.data[i + 2] == 0xAF)) {
			i += 2;
			c = ' ';
		}
		if (c == ' ') {
			if (!space)
				putchar(' ');
			space = 1;
			continue;
		}
		space = 0;
		if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) &&
		    rng_unit() < rate) {
			switch (rng() % 4) {
			case 0: /* wrong key */
				putchar(keyboard[rng() % 26]);
				break;
			case 1: /* dropped letter */
				break;
			case 2: /* doubled letter */
				putchar(c);
				putchar(c);
				break;
			default: /* swapped with the next letter */
				if (i + 1 < f.len && f.data[i + 1] >= 'a' &&
				    f.data[i + 1] <= 'z') {
					putchar(f.data[i + 1]);
					putchar(c);
					i++;
				} else {
					putchar(c);
				}
			}
			continue;
		}
		putchar(c);
	}
	lt_buf_free(&b);
	lt_buf_free(&f);
	return 0;
}

/*
 * OCR-like noise: letters confused with look-alikes (l/1, O/0, rn/m, e/c,
 * i/l), quotes and dashes flattened, at `rate` per letter.  Digits are left
 * alone, as a reader checking numbers would confirm them.
 */
static int cmd_ocr(const char *path, uint64_t seed, double rate)
{
	lt_buf b = {0}, f = {0};
	size_t i;

	read_text(&b, path);
	if (lt_text_fold(&f, b.data, b.len, LT_FOLD_PUNCT))
		die("fold");
	rng_state = seed * 2654435761u + 7;
	for (i = 0; i < f.len; i++) {
		char c = f.data[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

		if (letter && rng_unit() < rate) {
			switch (c) {
			case 'l': putchar('1'); continue;
			case 'O': putchar('0'); continue;
			case 'm': fputs("rn", stdout); continue;
			case 'e': putchar('c'); continue;
			case 'i': putchar('l'); continue;
			case 'r':
				if (i + 1 < f.len && f.data[i + 1] == 'n') {
					putchar('m');
					i++;
					continue;
				}
				break;
			default:
				break;
			}
		}
		putchar(c);
	}
	lt_buf_free(&b);
	lt_buf_free(&f);
	return 0;
}

/* Split each copy into lines; copies keep the original's line structure. */
static char **lines_of(lt_buf *b, size_t *n)
{
	size_t cap = 16;
	char **l = malloc(cap * sizeof(*l)), *p = b->data;

	*n = 0;
	while (p && *p) {
		char *eol = strchr(p, '\n');

		if (*n == cap)
			l = realloc(l, (cap *= 2) * sizeof(*l));
		l[(*n)++] = p;
		if (!eol)
			break;
		*eol = '\0';
		p = eol + 1;
	}
	return l;
}

static int cmd_interleave(int nfiles, char **files)
{
	lt_buf b[8] = {{0}};
	char **lines[8];
	size_t n[8], total, i;
	int k;

	if (nfiles < 2 || nfiles > 8) {
		fprintf(stderr, "leaksim: interleave needs 2-8 files\n");
		return 2;
	}
	for (k = 0; k < nfiles; k++) {
		read_text(&b[k], files[k]);
		lines[k] = lines_of(&b[k], &n[k]);
	}
	total = n[0];
	for (i = 0; i < total; i++) {
		size_t from = i * (size_t)nfiles / total;

		puts(i < n[from] ? lines[from][i] : "");
	}
	for (k = 0; k < nfiles; k++) {
		free(lines[k]);
		lt_buf_free(&b[k]);
	}
	return 0;
}

enum { MAJORITY, MINORITY, COINFLIP };

static int cmd_mix(int how, const char *vault, const char *doc, int nfiles,
		   char **files)
{
	lt_vault *v;
	lt_slot_set *set;
	lt_tokens *orig;
	int16_t *sym[8];
	uint8_t *out;
	lt_buf text = {0};
	size_t i;
	int k;

	if (nfiles < 2 || nfiles > 8) {
		fprintf(stderr, "leaksim: need 2-8 copies\n");
		return 2;
	}
	if (lt_vault_open(&v, vault) || lt_document_slots(&set, v, doc))
		die(vault);
	lt_vault_close(v);
	if (lt_tokenize(&orig, set->plain, set->plain_len))
		die("tokenize");
	for (k = 0; k < nfiles; k++) {
		lt_buf b = {0};
		lt_tokens *t;
		lt_alignment *al;

		read_text(&b, files[k]);
		sym[k] = calloc(set->n + 1, sizeof(int16_t));
		if (lt_tokenize(&t, b.data, b.len) || lt_align(&al, orig, t) ||
		    lt_slots_read(sym[k], set, orig, b.data, b.len, t, al))
			die(files[k]);
		lt_alignment_free(al);
		lt_tokens_free(t);
		lt_buf_free(&b);
	}
	out = calloc(set->n + 1, 1);
	for (i = 0; i < set->n; i++) {
		int count[LT_SLOT_MAX_VARIANTS] = {0}, best = -1;

		for (k = 0; k < nfiles; k++)
			if (sym[k][i] >= 0)
				count[sym[k][i]]++;
		if (how == COINFLIP) {
			best = sym[rng() % (uint64_t)nfiles][i];
		} else {
			for (k = 0; k < set->slots[i].nvariants; k++) {
				if (!count[k])
					continue;
				if (best < 0 || (how == MAJORITY ? count[k] > count[best]
							       : count[k] < count[best]))
					best = k;
			}
		}
		out[i] = (uint8_t)(best < 0 ? 0 : best);
	}
	if (lt_slots_render(&text, set, out))
		die("render");
	fwrite(text.data, 1, text.len, stdout);
	for (k = 0; k < nfiles; k++)
		free(sym[k]);
	free(out);
	lt_buf_free(&text);
	lt_tokens_free(orig);
	lt_slot_set_free(set);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[1], "excerpt"))
		return cmd_excerpt(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc >= 5 && !strcmp(argv[1], "retype"))
		return cmd_retype(argv[2], strtoull(argv[3], NULL, 10),
				  strtod(argv[4], NULL));
	if (argc >= 5 && !strcmp(argv[1], "ocr"))
		return cmd_ocr(argv[2], strtoull(argv[3], NULL, 10),
			       strtod(argv[4], NULL));
	if (argc >= 4 && !strcmp(argv[1], "interleave"))
		return cmd_interleave(argc - 2, argv + 2);
	if (argc >= 6 && !strcmp(argv[1], "majority"))
		return cmd_mix(MAJORITY, argv[2], argv[3], argc - 4, argv + 4);
	if (argc >= 6 && !strcmp(argv[1], "minority"))
		return cmd_mix(MINORITY, argv[2], argv[3], argc - 4, argv + 4);
	if (argc >= 7 && !strcmp(argv[1], "coinflip")) {
		rng_state = strtoull(argv[4], NULL, 10) * 2654435761u + 1;
		return cmd_mix(COINFLIP, argv[2], argv[3], argc - 5, argv + 5);
	}
	fprintf(stderr, "usage: leaksim excerpt|retype|ocr|interleave|majority|"
		"minority|coinflip ...\n");
	return 2;
}
