/*
 * time.h - the one ISO 8601 parser and formatter of liblt (UTC, proleptic
 * Gregorian calendar), and civil-date arithmetic for timelines.
 */
#ifndef LT_BASE_TIME_H
#define LT_BASE_TIME_H

#include <stddef.h>
#include <stdint.h>

/* A broken-down UTC time. */
typedef struct lt_civil {
	int64_t year;
	int month, day, hour, minute, second; /* month and day from 1 */
} lt_civil;

/*
 * Parse "YYYY-MM-DD(T|t| )HH:MM[:SS[(.|,)fff]][Z|z|+HH[:]MM|-HH[:]MM]" (no
 * zone means UTC; the fraction is dropped) of exactly `len` bytes into
 * seconds since 1970-01-01T00:00:00Z.  Fields are range-checked (month
 * 1-12, day within the month, hour 0-23, minute 0-59, second 0-60).
 * Returns 0, or -1 when `s` is not such a time.
 */
int lt_time_parse(const char *s, size_t len, int64_t *secs);

/* lt_time_parse() of a NUL-terminated string. */
int lt_time_parse_str(const char *s, int64_t *secs);

/* Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ" into out[32]. */
void lt_time_format(int64_t secs, char out[32]);

/* The current UTC time as lt_time_format() writes it. */
void lt_time_now(char out[32]);

/* Days since 1970-01-01 of a civil date (no range check). */
int64_t lt_time_days_from_civil(int64_t year, int month, int day);

/* Seconds since the epoch to a broken-down UTC time. */
lt_civil lt_time_civil(int64_t secs);

#endif
