/*
 * svg.c - the timeline chart of one document's sightings: one row per
 * platform, a dot per sighting placed by its time (long quiet gaps cut
 * out of the axis), the first sighting marked, sightings without a time in
 * a band of their own.  Inline SVG in the page; every label is escaped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "base/time.h"
#include "report/report_internal.h"

/* ===================================================================
 * Timeline chart
 * =================================================================== */

#define CHART_W 1100
#define LABEL_W 150   /* platform labels on the left */
#define PLOT_PAD 24   /* space inside the plot at both ends */
#define UNKNOWN_W 110 /* band for sightings without a time */
#define ROW_H 54
#define TOP_H 44      /* room for the first sighting's label */
#define AXIS_H 66
#define MARK_R 6.5
#define FIRST_R 9.5
#define LANES 5

typedef struct platform_row {
	const char *name;
	size_t count;
	int64_t earliest; /* INT64_MAX when no timed sighting */
	size_t first_index;
} platform_row;

const char *lt_report_platform_label(const char *p)
{
	if (!strcmp(p, "discord"))
		return "Discord";
	if (!strcmp(p, "telegram"))
		return "Telegram";
	if (!strcmp(p, "x"))
		return "X (Twitter)";
	if (!strcmp(p, "file"))
		return "Files";
	return NULL;
}

static const char *platform_colour(const char *p, size_t row)
{
	static const char *const others[] = {
		"#2f9e44", "#e8590c", "#9c36b5", "#0c8599", "#5c940d", "#c2255c"
	};

	if (!strcmp(p, "discord"))
		return "#5865f2";
	if (!strcmp(p, "telegram"))
		return "#1c93d1";
	if (!strcmp(p, "x"))
		return "#14171a";
	if (!strcmp(p, "file"))
		return "#b7791f";
	return others[row % (sizeof(others) / sizeof(others[0]))];
}

/* Time-axis ticks: a step in seconds, or in months when `months` > 0. */
typedef struct tick_step {
	int64_t seconds;
	int months;
} tick_step;

static tick_step choose_step(int64_t span, int max_ticks)
{
	static const int64_t secs[] = {
		60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600,
		12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400
	};
	static const int months[] = { 1, 2, 3, 6, 12, 24, 60, 120, 600 };
	tick_step s = { 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (span / secs[i] <= max_ticks) {
			s.seconds = secs[i];
			return s;
		}
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (span / ((int64_t)months[i] * 2629746) <= max_ticks)
			break;
	s.months = months[i < sizeof(months) / sizeof(months[0]) ? i : i - 1];
	return s;
}

/* The first tick at or after t0. */
static int64_t first_tick(int64_t t0, tick_step s)
{
	lt_civil c;
	int64_t m;

	if (s.seconds) {
		int64_t q = t0 >= 0 ? (t0 + s.seconds - 1) / s.seconds
				    : -(-t0 / s.seconds);

		return q * s.seconds;
	}
	c = lt_time_civil(t0);
	m = c.year * 12 + (c.month - 1);
	if (c.day != 1 || c.hour || c.minute || c.second)
		m++;
	while (m % s.months)
		m++;
	return lt_time_days_from_civil(m / 12, (int)(m % 12) + 1, 1) * 86400;
}

static int64_t next_tick(int64_t t, tick_step s)
{
	lt_civil c;
	int64_t m;

	if (s.seconds)
		return t + s.seconds;
	c = lt_time_civil(t);
	m = c.year * 12 + (c.month - 1) + s.months;
	return lt_time_days_from_civil(m / 12, (int)(m % 12) + 1, 1) * 86400;
}

/*
 * A tick's label: the main line (time of day, day, month or year as the
 * step needs) and, on the first tick and wherever the larger unit
 * changes, a second line with that unit.
 */
static void tick_labels(int64_t t, int64_t prev, int is_first, tick_step s,
			char *main_line, char *second, size_t size)
{
	lt_civil c = lt_time_civil(t), p = lt_time_civil(prev);

	second[0] = '\0';
	if (s.seconds && s.seconds < 86400) {
		snprintf(main_line, size, "%02d:%02d", c.hour, c.minute);
		if (is_first || c.day != p.day || c.month != p.month ||
		    c.year != p.year)
			snprintf(second, size, "%d %s %lld", c.day,
				 lt_report_month_names[c.month - 1],
				 (long long)c.year);
	} else if (s.seconds) {
		snprintf(main_line, size, "%d %s", c.day,
			 lt_report_month_names[c.month - 1]);
		if (is_first || c.year != p.year)
			snprintf(second, size, "%lld", (long long)c.year);
	} else if (s.months < 12) {
		snprintf(main_line, size, "%s",
			 lt_report_month_names[c.month - 1]);
		if (is_first || c.year != p.year)
			snprintf(second, size, "%lld", (long long)c.year);
	} else {
		snprintf(main_line, size, "%lld", (long long)c.year);
	}
}

/*
 * The time axis is one or more stretches (segments) side by side.  A gap
 * between sightings that dwarfs everything else (a file found years after
 * the posts) is cut out of the axis and drawn as a break labelled with its
 * length, so that one outlier does not squeeze every other mark into a
 * corner.
 */
#define MAX_SEGMENTS 4
#define BREAK_W 34
#define MIN_BREAK (2 * 86400) /* shorter gaps are never cut */

typedef struct segment {
	int64_t t0, t1; /* time range shown, padded */
	double x0, x1;  /* where it is drawn */
	int64_t gap;    /* the time cut out before it (0 for the first) */
} segment;

static int cmp_time(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Split the axis [x0, x1] into segments; 0 when nothing has a time. */
static int make_segments(const item *its, size_t n, double x0, double x1,
			 segment *seg, size_t *nseg)
{
	int64_t *ts, raw0[MAX_SEGMENTS], raw1[MAX_SEGMENTS], cut_total = 0;
	unsigned char *cut;
	size_t m = 0, i, k, ns;
	double width;

	*nseg = 0;
	if (!(ts = malloc((n + 1) * sizeof(*ts))) || !(cut = calloc(n + 1, 1))) {
		free(ts);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (its[i].has_time)
			ts[m++] = its[i].t;
	if (m == 0) {
		free(ts);
		free(cut);
		return LT_OK;
	}
	qsort(ts, m, sizeof(*ts), cmp_time);
	/* Cut the largest gap while it is at least three times everything
	 * that remains on the axis. */
	for (ns = 1; ns < MAX_SEGMENTS; ns++) {
		size_t best = m;
		int64_t g;

		for (i = 0; i + 1 < m; i++)
			if (!cut[i] && (best == m ||
			    ts[i + 1] - ts[i] > ts[best + 1] - ts[best]))
				best = i;
		if (best == m)
			break;
		g = ts[best + 1] - ts[best];
		if (g < MIN_BREAK || g < 3 * (ts[m - 1] - ts[0] - cut_total - g))
			break;
		cut[best] = 1;
		cut_total += g;
	}
	for (i = 0, k = 0; i < m; i++) {
		if (i == 0 || cut[i - 1]) {
			raw0[k] = ts[i];
			seg[k].gap = i ? ts[i] - ts[i - 1] : 0;
			k++;
		}
		raw1[k - 1] = ts[i];
	}
	width = (x1 - x0 - BREAK_W * (double)(k - 1)) / (double)k;
	for (i = 0; i < k; i++) {
		int64_t span = raw1[i] - raw0[i];

		/* Pad so that marks do not sit on the edges. */
		if (span < 3600) {
			seg[i].t0 = raw0[i] - (3600 - span) / 2 - 600;
			seg[i].t1 = raw1[i] + (3600 - span) / 2 + 600;
		} else {
			seg[i].t0 = raw0[i] - span / 20;
			seg[i].t1 = raw1[i] + span / 20;
		}
		seg[i].x0 = x0 + (double)i * (width + BREAK_W);
		seg[i].x1 = seg[i].x0 + width;
	}
	*nseg = k;
	free(ts);
	free(cut);
	return LT_OK;
}

/* Where time `t` is drawn (it lies in one of the segments). */
static double time_x(const segment *seg, size_t nseg, int64_t t)
{
	size_t i;

	for (i = 0; i + 1 < nseg && t > seg[i].t1; i++)
		;
	return seg[i].x0 + (seg[i].x1 - seg[i].x0) *
	       (double)(t - seg[i].t0) / (double)(seg[i].t1 - seg[i].t0);
}

/* "3 days", "2.5 years": the length of a gap cut out of the axis. */
static void format_gap(int64_t g, char *buf, size_t size)
{
	if (g >= 2 * 31556952)
		snprintf(buf, size, "%.1f years", (double)g / 31556952.0);
	else if (g >= 60 * 86400)
		snprintf(buf, size, "%.0f months", (double)g / 2629746.0);
	else
		snprintf(buf, size, "%.0f days", (double)g / 86400.0);
}

/* Ticks, grid lines and labels of one segment of the axis. */
static void axis_segment(writer *w, const segment *sg, double plot_w,
			 double axis_y)
{
	int max_ticks = (int)(8.0 * (sg->x1 - sg->x0) / plot_w + 0.5);
	int64_t tick, prev = sg->t0;
	tick_step step;
	int is_first = 1;

	step = choose_step(sg->t1 - sg->t0, max_ticks < 2 ? 2 : max_ticks);
	for (tick = first_tick(sg->t0, step); tick <= sg->t1;
	     tick = next_tick(tick, step)) {
		double tx = sg->x0 + (sg->x1 - sg->x0) * (double)(tick - sg->t0) /
			    (double)(sg->t1 - sg->t0);
		char line1[48], line2[48];

		tick_labels(tick, prev, is_first, step, line1, line2, sizeof(line1));
		putf(w, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
			"y2=\"%.1f\" stroke=\"#e1e4e8\"/>\n", tx, tx, TOP_H, axis_y);
		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#57606a\"/>\n", tx, tx, axis_y, axis_y + 5);
		putf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\" font-size=\"12\" fill=\"#3d444d\">",
		     tx, axis_y + 19);
		esc(w, line1);
		if (line2[0]) {
			putf(w, "<tspan x=\"%.1f\" dy=\"15\" fill=\"#57606a\">", tx);
			esc(w, line2);
			put(w, "</tspan>");
		}
		put(w, "</text>\n");
		prev = tick;
		is_first = 0;
	}
}

/* The tooltip of a mark: platform, channel, author, time, url, trace. */
static void mark_title(writer *w, const item *it)
{
	const lt_sighting *g = it->g;
	const char *label = lt_report_platform_label(g->platform);
	char when[64];

	put(w, "<title>");
	esc(w, label ? label : g->platform);
	if (g->channel[0]) {
		put(w, " \xc2\xb7 channel ");
		esc(w, g->channel);
	}
	if (g->message[0]) {
		put(w, " \xc2\xb7 message ");
		esc(w, g->message);
	}
	put(w, "\nauthor: ");
	esc(w, g->author ? g->author : "unknown");
	put(w, "\nposted: ");
	if (it->has_time) {
		lt_report_format_time(it->t, when, sizeof(when));
		esc(w, when);
	} else {
		esc(w, g->posted_at ? g->posted_at : "time unknown");
	}
	if (g->url) {
		put(w, "\nurl: ");
		esc(w, g->url);
	}
	put(w, "\ntraced to: ");
	esc(w, g->recipient ? g->recipient : "nobody (not traced)");
	if (it->verified[0]) {
		put(w, "\nverified: ");
		esc(w, it->verified);
	}
	put(w, "</title>");
}

/*
 * Give each mark of a row a lane so that marks closer than a diameter do
 * not hide each other: lane 0 on the row's line, then alternately above
 * and below.
 */
static void assign_lanes(item *its, size_t n, const char *platform,
			 const double *x)
{
	double last[LANES];
	size_t i;
	int l, best;

	for (l = 0; l < LANES; l++)
		last[l] = -1e9;
	for (i = 0; i < n; i++) {
		if (strcmp(its[i].g->platform, platform))
			continue;
		best = 0;
		for (l = 0; l < LANES; l++) {
			if (x[i] - last[l] >= 2 * MARK_R + 1) {
				best = l;
				break;
			}
			if (last[l] < last[best])
				best = l;
		}
		its[i].lane = best;
		last[best] = x[i];
	}
}

static double lane_offset(int lane)
{
	static const double off[LANES] = { 0, -12, 12, -22, 22 };

	return off[lane];
}

/* Index of the first sighting: earliest posted_at, else first recorded. */
size_t lt_report_first_sighting(const item *its, size_t n)
{
	size_t i, best = 0;
	int found = 0;

	for (i = 0; i < n; i++)
		if (its[i].has_time && (!found || its[i].t < its[best].t)) {
			best = i;
			found = 1;
		}
	if (found)
		return best;
	for (i = 1; i < n; i++)
		if (strcmp(its[i].g->first_seen, its[best].g->first_seen) < 0)
			best = i;
	return best;
}

int lt_report_timeline(writer *w, item *its, size_t n, size_t first)
{
	platform_row *rows;
	double *x = NULL;
	size_t nrows = 0, i, r, nunknown = 0, k;
	double plot_x0 = LABEL_W + PLOT_PAD, plot_x1, height, axis_y;
	segment seg[MAX_SEGMENTS];
	size_t nseg;

	if (!(rows = calloc(n, sizeof(*rows))) || !(x = calloc(n, sizeof(*x)))) {
		free(rows);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		for (r = 0; r < nrows; r++)
			if (!strcmp(rows[r].name, its[i].g->platform))
				break;
		if (r == nrows) {
			rows[nrows].name = its[i].g->platform;
			rows[nrows].earliest = INT64_MAX;
			rows[nrows].first_index = i;
			nrows++;
		}
		rows[r].count++;
		if (its[i].has_time) {
			if (its[i].t < rows[r].earliest)
				rows[r].earliest = its[i].t;
		} else {
			nunknown++;
		}
	}
	/* Rows in the order the platforms were reached. */
	for (i = 1; i < nrows; i++)
		for (r = i; r > 0 && (rows[r].earliest < rows[r - 1].earliest ||
		     (rows[r].earliest == rows[r - 1].earliest &&
		      rows[r].first_index < rows[r - 1].first_index)); r--) {
			platform_row tmp = rows[r];

			rows[r] = rows[r - 1];
			rows[r - 1] = tmp;
		}
	plot_x1 = CHART_W - PLOT_PAD - (nunknown ? UNKNOWN_W : 0);
	height = TOP_H + (double)nrows * ROW_H + AXIS_H;
	axis_y = TOP_H + (double)nrows * ROW_H;
	if (make_segments(its, n, plot_x0, plot_x1, seg, &nseg)) {
		free(rows);
		free(x);
		return lt_error_code();
	}
	for (i = 0, k = 0; i < n; i++) {
		if (its[i].has_time) {
			x[i] = time_x(seg, nseg, its[i].t);
		} else {
			/* Spread the undated ones evenly over their band. */
			x[i] = plot_x1 + PLOT_PAD + 12 +
			       (UNKNOWN_W - 36) * (nunknown > 1
				? (double)k / (double)(nunknown - 1) : 0.5);
			k++;
		}
	}
	for (r = 0; r < nrows; r++)
		assign_lanes(its, n, rows[r].name, x);

	putf(w, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %.0f\" role=\"img\" "
		"font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
		"sans-serif\">\n", CHART_W, height);
	put(w, "<desc>Sightings over time, one row per platform</desc>\n");
	/* Row bands and labels. */
	for (r = 0; r < nrows; r++) {
		double y = TOP_H + (double)r * ROW_H;
		const char *label = lt_report_platform_label(rows[r].name);

		putf(w, "<rect class=\"row-band\" x=\"0\" y=\"%.1f\" width=\"%d\" "
			"height=\"%d\" fill=\"%s\"/>\n", y, CHART_W, ROW_H,
			r % 2 ? "#ffffff" : "#f6f8fa");
		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#d0d7de\" stroke-dasharray=\"2 3\"/>\n", plot_x0,
			plot_x1, y + ROW_H / 2.0, y + ROW_H / 2.0);
		putf(w, "<circle cx=\"16\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n",
		     y + ROW_H / 2.0, platform_colour(rows[r].name, r));
		putf(w, "<text class=\"platform\" x=\"28\" y=\"%.1f\" "
			"font-size=\"14\" font-weight=\"600\" fill=\"#1f2328\">",
		     y + ROW_H / 2.0 + 1);
		esc(w, label ? label : rows[r].name);
		putf(w, "<tspan x=\"28\" dy=\"15\" font-size=\"11.5\" "
			"font-weight=\"400\" fill=\"#57606a\">%zu sighting%s</tspan>"
			"</text>\n", rows[r].count, rows[r].count == 1 ? "" : "s");
	}
	/* Time axis with ticks and grid lines. */
	putf(w, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
		"y2=\"%.1f\" stroke=\"#57606a\"/>\n", plot_x0 - PLOT_PAD / 2.0,
	     plot_x1 + PLOT_PAD / 2.0, axis_y, axis_y);
	for (i = 0; i < nseg; i++) {
		axis_segment(w, &seg[i], plot_x1 - plot_x0, axis_y);
		if (i) {
			double bx = (seg[i - 1].x1 + seg[i].x0) / 2;
			char gap[32];

			format_gap(seg[i].gap, gap, sizeof(gap));
			putf(w, "<g class=\"axis-break\"><rect x=\"%.1f\" y=\"%.1f\" "
				"width=\"12\" height=\"12\" fill=\"#ffffff\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#57606a\" stroke-width=\"1.5\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"#57606a\" stroke-width=\"1.5\"/>"
				"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" "
				"stroke=\"#8c959f\" stroke-dasharray=\"1 4\"/>"
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				"font-size=\"10.5\" fill=\"#57606a\">+", bx - 6,
			     axis_y - 6, bx - 7, bx - 1, axis_y + 6, axis_y - 6,
			     bx + 1, bx + 7, axis_y + 6, axis_y - 6, bx, bx, TOP_H,
			     axis_y - 8, bx, axis_y + 52);
			esc(w, gap);
			put(w, "</text></g>\n");
		}
	}
	if (nunknown) {
		double bx = plot_x1 + PLOT_PAD;

		putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" "
			"stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>\n", bx, bx,
		     TOP_H - 6, axis_y + 6);
		putf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\" font-size=\"12\" fill=\"#57606a\">"
			"time unknown</text>\n", bx + UNKNOWN_W / 2.0 - 6,
		     axis_y + 19);
	}
	putf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
		"fill=\"#8c959f\">posted at (UTC)</text>\n", plot_x1 + PLOT_PAD / 2.0,
	     height - 4);

	/* Marks: one per sighting, the first one last so that it is on top. */
	for (k = 0; k <= n; k++) {
		size_t idx = k < n ? k : first;
		const item *it = &its[idx];
		double cy;
		int is_first_mark = idx == first;

		if (k < n && is_first_mark)
			continue;
		for (r = 0; r < nrows; r++)
			if (!strcmp(rows[r].name, it->g->platform))
				break;
		cy = TOP_H + (double)r * ROW_H + ROW_H / 2.0 +
		     (is_first_mark ? 0 : lane_offset(it->lane));
		putf(w, "<circle class=\"sighting%s%s\" data-id=\"%lld\" "
			"cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
			"fill-opacity=\"0.88\" stroke=\"%s\" stroke-width=\"%s\">",
		     is_first_mark ? " first" : "",
		     !strcmp(it->verified, "altered") ? " altered" : "",
		     (long long)it->g->id, x[idx], cy,
		     is_first_mark ? FIRST_R : MARK_R,
		     platform_colour(it->g->platform, r),
		     is_first_mark ? "#d9480f"
			: !strcmp(it->verified, "altered") ? "#e03131" : "#ffffff",
		     is_first_mark || !strcmp(it->verified, "altered") ? "3"
									: "1.5");
		mark_title(w, it);
		put(w, "</circle>\n");
		if (is_first_mark) {
			char when[64];
			int right = x[idx] > CHART_W - 300;
			const char *label =
				lt_report_platform_label(it->g->platform);

			putf(w, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
				"y2=\"%.1f\" stroke=\"#d9480f\" stroke-width=\"1.5\"/>\n",
			     x[idx], x[idx], 30.0, cy - FIRST_R - 2);
			putf(w, "<text class=\"first-label\" x=\"%.1f\" y=\"24\" "
				"text-anchor=\"%s\" font-size=\"13\" fill=\"#d9480f\" "
				"font-weight=\"700\">first: ", x[idx] + (right ? 6 : -6),
			     right ? "end" : "start");
			esc(w, label ? label : it->g->platform);
			if (it->g->channel[0]) {
				put(w, " #");
				esc(w, it->g->channel);
			}
			put(w, ", ");
			if (it->has_time) {
				lt_report_format_time(it->t, when,
						      sizeof(when));
				esc(w, when);
			} else {
				put(w, "time unknown");
			}
			put(w, "</text>\n");
		}
	}
	put(w, "</svg>\n");
	put(w, "<p class=\"legend\">"
	       "<svg class=\"swatch\" width=\"16\" height=\"16\"><circle cx=\"8\" "
	       "cy=\"8\" r=\"6\" fill=\"#8c959f\" stroke=\"#fff\"/></svg>one "
	       "sighting (colour: platform)"
	       "<svg class=\"swatch\" width=\"22\" height=\"22\"><circle cx=\"11\" "
	       "cy=\"11\" r=\"8\" fill=\"#8c959f\" stroke=\"#d9480f\" "
	       "stroke-width=\"3\"/></svg>the first sighting"
	       "<svg class=\"swatch\" width=\"18\" height=\"18\"><circle cx=\"9\" "
	       "cy=\"9\" r=\"6\" fill=\"#8c959f\" stroke=\"#e03131\" "
	       "stroke-width=\"3\"/></svg>a copy found altered"
	       " &#8212; hover a dot for its details.</p>\n");
	free(rows);
	free(x);
	return w->rc;
}
