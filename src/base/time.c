/*
 * time.c - ISO 8601 times to seconds and back, without the C library's
 * time zone state (so it is thread-safe and independent of TZ).
 */
#include <string.h>
#include <time.h>

#include "base/time.h"

int64_t lt_time_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

lt_civil lt_time_civil(int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400, z, era, doe, yoe, y, doy, mp;
	lt_civil c;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c.year = y + (c.month <= 2);
	c.hour = (int)(secs / 3600);
	c.minute = (int)(secs / 60 % 60);
	c.second = (int)(secs % 60);
	return c;
}

/* n decimal digits at s[i..] (all within len) into *out. */
static int digits(const char *s, size_t len, size_t i, int n, int *out)
{
	int v = 0;

	if (i + (size_t)n > len)
		return 0;
	for (int k = 0; k < n; k++) {
		char ch = s[i + k];

		if (ch < '0' || ch > '9')
			return 0;
		v = v * 10 + (ch - '0');
	}
	*out = v;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : days[m - 1];
}

int lt_time_parse(const char *s, size_t len, int64_t *out)
{
	int y, mo, d, h, mi, sec = 0, zh = 0, zm = 0, sign = 0;
	size_t i;

	if (!s || !digits(s, len, 0, 4, &y) || len < 16 || s[4] != '-' ||
	    !digits(s, len, 5, 2, &mo) || s[7] != '-' ||
	    !digits(s, len, 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
	    !digits(s, len, 11, 2, &h) || s[13] != ':' ||
	    !digits(s, len, 14, 2, &mi))
		return -1;
	i = 16;
	if (i < len && s[i] == ':') {
		if (!digits(s, len, i + 1, 2, &sec))
			return -1;
		i += 3;
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			size_t start = ++i;

			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == start)
				return -1;
		}
	}
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		sign = s[i] == '-' ? -1 : 1;
		if (!digits(s, len, i + 1, 2, &zh))
			return -1;
		i += 3;
		if (i < len && s[i] == ':')
			i++;
		if (!digits(s, len, i, 2, &zm))
			return -1;
		i += 2;
	}
	if (i != len || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60 ||
	    zh > 23 || zm > 59)
		return -1;
	*out = lt_time_days_from_civil(y, mo, d) * 86400 + h * 3600 +
	       mi * 60 + sec - sign * (zh * 3600 + zm * 60);
	return 0;
}

int lt_time_parse_str(const char *s, int64_t *secs)
{
	return s ? lt_time_parse(s, strlen(s), secs) : -1;
}

void lt_time_format(int64_t secs, char out[32])
{
	lt_civil c = lt_time_civil(secs);

	if (c.year < 0 || c.year > 9999) {
		out[0] = '\0';
		return;
	}
	/* Each field is range-bound, so the text always fits. */
	out[0] = (char)('0' + c.year / 1000);
	out[1] = (char)('0' + c.year / 100 % 10);
	out[2] = (char)('0' + c.year / 10 % 10);
	out[3] = (char)('0' + c.year % 10);
	out[4] = '-';
	out[5] = (char)('0' + c.month / 10);
	out[6] = (char)('0' + c.month % 10);
	out[7] = '-';
	out[8] = (char)('0' + c.day / 10);
	out[9] = (char)('0' + c.day % 10);
	out[10] = 'T';
	out[11] = (char)('0' + c.hour / 10);
	out[12] = (char)('0' + c.hour % 10);
	out[13] = ':';
	out[14] = (char)('0' + c.minute / 10);
	out[15] = (char)('0' + c.minute % 10);
	out[16] = ':';
	out[17] = (char)('0' + c.second / 10);
	out[18] = (char)('0' + c.second % 10);
	out[19] = 'Z';
	out[20] = '\0';
}

void lt_time_now(char out[32])
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	lt_time_format((int64_t)ts.tv_sec, out);
}
