/*
 * term.c - terminal-safe output for every command (cli.h).
 *
 * Much of what leaktrace prints comes from people it does not trust:
 * channel, author and file names from platform exports, the words of an
 * altered copy, the fields of a statement someone sent.  Printed raw, a
 * name like "\e[2K\rGENUINE" erases the line it is on and writes its own
 * verdict; a right-to-left override reverses what follows it.
 *
 * So standard error always, and standard output in text mode, are
 * replaced at start-up by streams that pass every byte through one
 * filter before it reaches the file descriptor:
 *
 *   - C0 controls other than newline and tab, and DEL, become "\x1b";
 *   - C1 controls (U+0080-U+009F) and the bidirectional embeddings,
 *     overrides and isolates (U+202A-U+202E, U+2066-U+2069) become
 *     "\u202E";
 *   - a byte that is not part of well-formed UTF-8 becomes "\xNN" (a lone
 *     0x9B is CSI on a terminal in 8-bit mode).
 *
 * A UTF-8 sequence split across two writes is held back until the rest
 * arrives.  JSON output (--json) is not filtered: jansson escapes control
 * characters itself and the bytes stay exact.  Machine formats printed in
 * text mode (the takedown CSV, a signed statement, exported hashes) stay
 * exact too unless standard output is a terminal (cli_stdout_exact).
 * Colour codes the tool means to send go around the filter (cli_paint).
 *
 * A field printed within one line (a channel name, a changed word) also
 * goes through cli_flat(), which escapes newlines and tabs as well, so it
 * cannot start a line of its own that reads like the tool's output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* ---------------------------------------------------------------------
 * The escaping rule
 * ------------------------------------------------------------------- */

typedef void (*put_fn)(void *ctx, const char *s, size_t n);

/*
 * The UTF-8 sequence at s (n bytes available): its length with the code
 * point in *cp; 0 if it is malformed; -1 if it is a correct beginning cut
 * short by the end of the data.
 */
static int utf8_sequence(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int len, i;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		*cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		*cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		*cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return len;
}

/* A code point a terminal acts on instead of showing. */
static int dangerous_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Pass s[0..n) to put() with everything a terminal would act on written
 * as a visible escape; newline and tab pass when `lines`.  Unless
 * `final`, a UTF-8 sequence cut short at the end is not consumed.
 * Returns the number of bytes consumed.
 */
static size_t escape(const unsigned char *s, size_t n, int final, int lines,
		     put_fn put, void *ctx)
{
	size_t i = 0, run = 0;
	char esc[16];

	while (i < n) {
		unsigned char c = s[i];
		uint32_t cp = 0;
		int len;

		if (c < 0x80) {
			if ((c >= 0x20 && c != 0x7F) ||
			    (lines && (c == '\n' || c == '\t'))) {
				i++;
				continue;
			}
			len = 0;
		} else {
			len = utf8_sequence(s + i, n - i, &cp);
			if (len < 0 && !final)
				break;
			if (len > 0 && !dangerous_code_point(cp)) {
				i += (size_t)len;
				continue;
			}
		}
		/* s[run..i) is safe; then the escape for what is at i. */
		if (i > run)
			put(ctx, (const char *)s + run, i - run);
		if (len > 0)
			snprintf(esc, sizeof(esc), "\\u%04X", (unsigned)cp);
		else
			snprintf(esc, sizeof(esc), "\\x%02x", c);
		put(ctx, esc, strlen(esc));
		i += len > 0 ? (size_t)len : 1;
		run = i;
	}
	if (i > run)
		put(ctx, (const char *)s + run, i - run);
	return i;
}

/* ---------------------------------------------------------------------
 * One-line fields
 * ------------------------------------------------------------------- */

typedef struct grow {
	char *data;
	size_t len, cap;
	int failed;
} grow;

static void grow_put(void *ctx, const char *s, size_t n)
{
	grow *g = ctx;

	if (g->failed)
		return;
	if (g->len + n + 1 > g->cap) {
		size_t cap = (g->len + n + 1) * 2;
		char *p = realloc(g->data, cap);

		if (!p) {
			g->failed = 1;
			return;
		}
		g->data = p;
		g->cap = cap;
	}
	memcpy(g->data + g->len, s, n);
	g->len += n;
	g->data[g->len] = '\0';
}

#define FLAT_SLOTS 16

const char *cli_flat(const char *s)
{
	static char *slots[FLAT_SLOTS];
	static unsigned next;
	grow g = {0};
	char **slot;

	if (!s)
		return NULL;
	escape((const unsigned char *)s, strlen(s), 1, 0, grow_put, &g);
	if (g.failed || !g.data) {
		free(g.data);
		return g.failed ? "?" : "";
	}
	slot = &slots[next++ % FLAT_SLOTS];
	free(*slot);
	*slot = g.data;
	return *slot;
}

/* ---------------------------------------------------------------------
 * Filtered standard streams
 * ------------------------------------------------------------------- */

typedef struct filter {
	int fd;
	unsigned char carry[4]; /* a UTF-8 sequence cut short */
	size_t ncarry;
	char out[4096];
	size_t nout;
	int failed;
} filter;

static filter out_filter = { .fd = STDOUT_FILENO };
static filter err_filter = { .fd = STDERR_FILENO };
static FILE *real_stdout, *real_stderr;

static void write_all(filter *f, const char *s, size_t n)
{
	while (n > 0 && !f->failed) {
		ssize_t w = write(f->fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->failed = 1;
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

static void filter_put(void *ctx, const char *s, size_t n)
{
	filter *f = ctx;

	if (f->nout + n > sizeof(f->out)) {
		write_all(f, f->out, f->nout);
		f->nout = 0;
	}
	if (n > sizeof(f->out)) {
		write_all(f, s, n);
		return;
	}
	memcpy(f->out + f->nout, s, n);
	f->nout += n;
}

/* Filter what the stream hands over; hold back a cut UTF-8 sequence. */
static void filter_feed(filter *f, const char *data, size_t size, int final)
{
	size_t used;

	if (f->ncarry) {
		unsigned char joined[8];
		size_t take = size < 4 ? size : 4, n = f->ncarry;

		/* The held bytes and the first few new ones, together. */
		memcpy(joined, f->carry, n);
		memcpy(joined + n, data, take);
		used = escape(joined, n + take, final, 1, filter_put, f);
		if (used < n) { /* still cut short: size < 4 and !final */
			memcpy(f->carry, joined + used, n + take - used);
			f->ncarry = n + take - used;
			goto flush;
		}
		f->ncarry = 0;
		data += used - n;
		size -= used - n;
	}
	used = escape((const unsigned char *)data, size, final, 1, filter_put,
		      f);
	memcpy(f->carry, data + used, size - used);
	f->ncarry = size - used;
flush:
	write_all(f, f->out, f->nout);
	f->nout = 0;
}

static ssize_t filter_write(void *cookie, const char *data, size_t size)
{
	filter *f = cookie;

	filter_feed(f, data, size, 0);
	if (f->failed) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)size;
}

static int filter_close(void *cookie)
{
	filter *f = cookie;

	if (f->ncarry)
		filter_feed(f, "", 0, 1);
	return f->failed ? -1 : 0;
}

static FILE *filter_open(filter *f)
{
	static const cookie_io_functions_t io = {
		.write = filter_write, .close = filter_close
	};
	FILE *s = fopencookie(f, "w", io);

	if (s)
		setvbuf(s, NULL, isatty(f->fd) || f->fd == STDERR_FILENO
				 ? _IOLBF : _IOFBF, BUFSIZ);
	return s;
}

void cli_output_init(int json)
{
	FILE *s;

	if (!real_stderr && (s = filter_open(&err_filter))) {
		setvbuf(s, NULL, _IONBF, 0);
		fflush(stderr);
		real_stderr = stderr;
		stderr = s;
	}
	if (!json && !real_stdout && (s = filter_open(&out_filter))) {
		fflush(stdout);
		real_stdout = stdout;
		stdout = s;
	}
}

/* Put the stream back as it was and close its filter; 0 or -1. */
static int restore(FILE **std, FILE **real)
{
	FILE *s = *std;
	int rc;

	if (!*real)
		return 0;
	rc = fclose(s);
	*std = *real;
	*real = NULL;
	return rc;
}

void cli_stdout_exact(void)
{
	if (real_stdout && !isatty(STDOUT_FILENO)) {
		fflush(stdout);
		restore(&stdout, &real_stdout);
	}
}

int cli_output_finish(void)
{
	int rc = 0;

	if (restore(&stdout, &real_stdout))
		rc = -1;
	if (fflush(stdout))
		rc = -1;
	restore(&stderr, &real_stderr);
	return rc;
}

void cli_paint(const char *sgr)
{
	if (!real_stdout) {
		fputs(sgr, stdout);
		return;
	}
	fflush(stdout);
	write_all(&out_filter, sgr, strlen(sgr));
}

/* ---------------------------------------------------------------------
 * Names and titles
 * ------------------------------------------------------------------- */

int cli_check_text(const char *what, const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, chars = 0;
	const char *bad = NULL;

	while (i < n && !bad) {
		uint32_t cp = 0;
		int len = 1;

		if (p[i] < 0x20 || p[i] == 0x7F)
			bad = "a control character";
		else if (p[i] >= 0x80) {
			len = utf8_sequence(p + i, n - i, &cp);
			if (len <= 0)
				bad = "bytes that are not UTF-8";
			else if (dangerous_code_point(cp))
				bad = "a control character";
		}
		i += len > 0 ? (size_t)len : 1;
		chars++;
	}
	if (bad) {
		fprintf(stderr, "leaktrace: %s '%s' contains %s (character %zu); "
			"names and titles are plain text on one line\n", what,
			cli_flat(s), bad, chars);
		return EXIT_USAGE;
	}
	if (chars > max_chars) {
		fprintf(stderr, "leaktrace: %s is too long: %zu characters (at "
			"most %zu)\n", what, chars, max_chars);
		return EXIT_USAGE;
	}
	return 0;
}
