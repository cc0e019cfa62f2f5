/*
 * slots_cmds.c - `leaktrace slots`: the marks issue would use now, the
 * suggested marks with their context, and the author's decisions on them.
 *
 *   slots ID                         what issue writes now, and a summary
 *                                    of the suggestions
 *   slots ID --suggested             every suggestion: number, family,
 *                                    variants, decision, reason, context
 *   slots ID --approve N...          approve suggestions by number
 *   slots ID --reject N...           (N: 3, 3,5 or 3-7; several allowed)
 *   slots ID --approve-all [FAMILY...]
 *   slots ID --reject-all [FAMILY...]
 *                                    every suggestion of these families, or
 *                                    every suggestion when none is named
 *
 * Listing opens the vault read-only; a decision opens it to write and is
 * refused (exit 2) once the document has issued copies (document.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "leaktrace/leaktrace.h"
#include "cli.h"
#include "slots_cmds.h"

enum { OPT_SUGGESTED = 256, OPT_APPROVE, OPT_REJECT, OPT_APPROVE_ALL,
       OPT_REJECT_ALL };

/* Most suggestion numbers one command takes (ranges included). */
#define MAX_NUMBERS 100000

/* Print a variant on one line (line breaks as "\n"). */
static void print_variant(const char *v)
{
	putchar('"');
	for (; *v; v++) {
		if (*v == '\n')
			fputs("\\n", stdout);
		else
			putchar(*v);
	}
	putchar('"');
}

static void print_variants(const lt_slot *s)
{
	size_t k;

	for (k = 0; k < s->nvariants; k++) {
		if (k)
			fputs(" | ", stdout);
		print_variant(s->variants[k]);
	}
}

static double per_100(double bits, size_t words)
{
	return words ? 100.0 * bits / (double)words : 0.0;
}

/* The capacity lines `slots` and `register` share. */
void cli_print_capacity(const lt_document_info *d)
{
	printf("Default marks: %.1f bits lexical (%.1f per 100 words; survive "
	       "retyping and OCR), %.1f bits typographic (survive copy-paste)\n",
	       d->default_cap_lexical, per_100(d->default_cap_lexical, d->words),
	       d->default_cap_typographic);
	printf("With every suggestion approved%s: %.1f bits lexical (%.1f per "
	       "100 words), %.1f bits typographic\n",
	       d->rejected ? " but those rejected" : "", d->all_cap_lexical,
	       per_100(d->all_cap_lexical, d->words), d->all_cap_typographic);
	printf("Issue uses now: %.1f bits lexical (%.1f per 100 words), %.1f "
	       "bits typographic\n", d->cap_lexical,
	       per_100(d->cap_lexical, d->words), d->cap_typographic);
	if (d->pages && d->format && !strcmp(d->format, "pdf"))
		printf("PDF copies in the original's own look: %zu page%s, %.0f "
		       "bits layout (sub-point moves of its text lines; its text "
		       "is the original's, so the marks above apply only to "
		       "copies converted with --format txt|md|png)\n", d->pages,
		       d->pages == 1 ? "" : "s", d->cap_layout);
	else if (d->pages)
		printf("Printed copies (--format pdf|png): %zu page%s, %.0f bits "
		       "layout (sub-point line and word shifts; survive printing "
		       "and phone photos)\n", d->pages, d->pages == 1 ? "" : "s",
		       d->cap_layout);
	if (d->figures)
		printf("Figures: %zu, %zu image slots (%.0f bits; survive print, "
		       "photo, screenshot and JPEG of a figure)\n", d->figures,
		       d->image_slots, d->cap_image);
	if (d->suggestions)
		printf("Suggestions: %zu (%zu approved, %zu rejected, %zu pending); "
		       "review them with 'leaktrace slots %s --suggested'\n",
		       d->suggestions, d->approved, d->rejected,
		       d->suggestions - d->approved - d->rejected, d->id);
}

/* Suggestion number of each group's first slot (0 for none). */
static size_t *numbering(const lt_slot_set *set, size_t **first, size_t *n)
{
	size_t *number, i;

	if (lt_document_suggestions(first, n, set))
		return NULL;
	if (!(number = calloc(set->n + 1, sizeof(*number)))) {
		free(*first);
		*first = NULL;
		return NULL;
	}
	for (i = 0; i < *n; i++)
		number[(*first)[i]] = i + 1;
	return number;
}

static int list_active(const lt_document_info *d, const lt_slot_set *set)
{
	size_t i, nsug, *first = NULL, *number = numbering(set, &first, &nsug);

	if (!number)
		return cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
	if (d->image_slots && !d->figures) {
		/* a figure: its marks are in the picture, not in text */
		printf("%s: a %dx%d %s figure, %zu image slots (%.0f bits), all "
		       "used by issue\n", d->id, d->image_width, d->image_height,
		       d->format, d->image_slots, d->cap_image);
		free(number);
		free(first);
		return 0;
	}
	printf("%s: %zu slots found, %zu used by issue now\n", d->id, set->n,
	       d->lexical_slots + d->typographic_slots);
	cli_print_capacity(d);
	for (i = 0; i < set->n; i++) {
		const lt_slot *s = &set->slots[i];

		if (!lt_slot_active(s))
			continue;
		printf("%6u  %-22s", s->start, lt_slot_family_name(s->family));
		print_variants(s);
		if (s->use == LT_SLOT_SUGGESTED)
			printf("  (suggestion %zu, approved)", number[s->group]);
		putchar('\n');
	}
	free(first);
	free(number);
	return 0;
}

static int list_suggested(const lt_document_info *d, const lt_slot_set *set)
{
	size_t i, j, nsug, *first = NULL, *number = numbering(set, &first, &nsug);
	lt_buf ctx = {0};

	if (!number)
		return cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
	printf("%s: %zu suggestions (%zu approved, %zu rejected, %zu pending); "
	       "approving the pending ones adds %.1f bits lexical, %.1f "
	       "typographic\n", d->id,
	       nsug, d->approved, d->rejected,
	       d->suggestions - d->approved - d->rejected,
	       d->all_cap_lexical - d->cap_lexical,
	       d->all_cap_typographic - d->cap_typographic);
	if (nsug && !d->copies)
		printf("Approve with 'leaktrace slots %s --approve N...' or "
		       "'--approve-all [FAMILY...]'; reject likewise.\n", d->id);
	else if (nsug)
		printf("Its copies are issued: the decisions are fixed.\n");
	for (i = 0; i < nsug; i++) {
		const lt_slot *s = &set->slots[first[i]];
		size_t also = 0;

		for (j = first[i] + 1; j < set->n; j++)
			also += set->slots[j].group == first[i];
		printf("%5zu  %-18s %-9s ", i + 1, lt_slot_family_name(s->family),
		       lt_slot_decision_name(s->decision));
		print_variants(s);
		if (also)
			printf("  (and %zu more place%s: one choice per copy)", also,
			       also == 1 ? "" : "s");
		putchar('\n');
		lt_buf_clear(&ctx);
		if (lt_slot_context(&ctx, set, first[i], 50) == LT_OK && ctx.data)
			printf("       %s\n", ctx.data);
		if (*lt_slot_why_text(s->why))
			printf("       why suggested: %s\n", lt_slot_why_text(s->why));
	}
	lt_buf_free(&ctx);
	free(first);
	free(number);
	return 0;
}

/* Parse "3", "3,5", "3-7" into nums; 0 or the exit status. */
static int parse_numbers(const char *arg, unsigned **nums, size_t *n,
			 size_t *cap)
{
	const char *p = arg;

	while (*p) {
		unsigned long a, b;
		char *end;

		if (*p < '0' || *p > '9')
			goto bad;
		errno = 0;
		a = strtoul(p, &end, 10);
		b = a;
		if (*end == '-') {
			p = end + 1;
			if (*p < '0' || *p > '9')
				goto bad;
			b = strtoul(p, &end, 10);
		}
		if (errno || a == 0 || b < a || b > 1000000 ||
		    (*end && *end != ','))
			goto bad;
		if (b - a + 1 > MAX_NUMBERS - *n)
			return cli_usage("too many suggestion numbers (at most %s)",
					 "100000");
		for (; a <= b; a++) {
			if (*n == *cap) {
				size_t nc = *cap ? 2 * *cap : 16;
				unsigned *g = realloc(*nums, nc * sizeof(*g));

				if (!g)
					return cli_fail(lt_error_set(LT_ENOMEM,
								     "out of memory"));
				*nums = g;
				*cap = nc;
			}
			(*nums)[(*n)++] = (unsigned)a;
		}
		p = *end ? end + 1 : end;
		if (*end && !*p)
			goto bad;
	}
	return 0;
bad:
	return cli_usage("not a suggestion number: '%s' (give numbers as "
			 "'slots ID --suggested' lists them: 3, 3,5 or 3-7)", arg);
}

/* Print the outcome of a decision; 0 or the exit status. */
static int report_decision(const cli *c, lt_vault *v, const char *id,
			   lt_slot_decision decision, const char *family,
			   int every, size_t matched, size_t changed)
{
	const char *verb = decision == LT_DECISION_APPROVED ? "Approved"
							    : "Rejected";
	lt_document_info *d;
	int rc;

	if ((rc = lt_document_get(&d, v, id)))
		return cli_fail_vault(v, rc);
	if (c->json) {
		json_t *o = json_pack("{s:s, s:s, s:s?, s:I, s:I, s:{s:f, s:f}, "
				      "s:{s:I, s:I, s:I, s:I}}", "document", d->id,
				      "decision", lt_slot_decision_name(decision),
				      "family", family, "matched",
				      (json_int_t)matched, "changed",
				      (json_int_t)changed, "capacity", "lexical",
				      d->cap_lexical, "typographic",
				      d->cap_typographic, "suggestions", "total",
				      (json_int_t)d->suggestions, "pending",
				      (json_int_t)(d->suggestions - d->approved -
						   d->rejected), "approved",
				      (json_int_t)d->approved, "rejected",
				      (json_int_t)d->rejected);

		lt_document_info_free(d);
		return cli_emit(o);
	}
	if (matched == 0)
		printf("'%s' has no %s%ssuggestions: nothing recorded.\n", d->id,
		       family ? family : "", family ? " " : "");
	else if (family)
		printf("%s the %zu %s suggestion%s of '%s' (%zu already %s).\n",
		       verb, matched, family, matched == 1 ? "" : "s", d->id,
		       matched - changed, matched - changed == 1 ? "was" : "were");
	else
		printf("%s %s%zu suggestion%s of '%s' (%zu already %s).\n", verb,
		       every ? "all " : "", matched, matched == 1 ? "" : "s", d->id,
		       matched - changed, matched - changed == 1 ? "was" : "were");
	printf("Issue now uses %.1f bits lexical (%.1f per 100 words), %.1f bits "
	       "typographic; %zu suggestion%s pending.\n", d->cap_lexical,
	       per_100(d->cap_lexical, d->words), d->cap_typographic,
	       d->suggestions - d->approved - d->rejected,
	       d->suggestions - d->approved - d->rejected == 1 ? "" : "s");
	lt_document_info_free(d);
	return 0;
}

/* Record the decision the options asked for; 0 or the exit status. */
static int decide(const cli *c, const char *id, lt_slot_decision decision,
		  int by_family, char **args, int nargs, const unsigned *nums,
		  size_t nnums)
{
	lt_vault *v;
	size_t matched = 0, changed = 0, m, k;
	int rc, i;

	if ((rc = cli_open_vault(c->vault, &v)))
		return rc;
	if (by_family && nargs == 0) {
		rc = lt_document_review_family(v, id, NULL, decision, &matched,
					       &changed);
		if (rc == LT_OK)
			rc = report_decision(c, v, id, decision, NULL, 1, matched,
					     changed);
		else
			rc = cli_fail_vault(v, rc);
	} else if (by_family) {
		/* Every name checked before anything is recorded. */
		for (i = 0; i < nargs; i++) {
			if (lt_slot_family_by_name(args[i]) < 0) {
				lt_vault_close(v);
				return cli_usage("no rule family is named '%s' (see the "
						 "families 'slots ID --suggested' "
						 "lists)", args[i]);
			}
		}
		for (i = 0, rc = 0; i < nargs && rc == 0; i++) {
			rc = lt_document_review_family(v, id, args[i], decision,
						       &matched, &changed);
			if (rc == LT_OK)
				rc = report_decision(c, v, id, decision, args[i], 0,
						     matched, changed);
			else
				rc = cli_fail_vault(v, rc);
		}
	} else {
		rc = lt_document_review(v, id, nums, nnums, decision, &changed);
		if (rc == LT_OK) {
			/* Distinct numbers given. */
			for (m = 0, k = 0; k < nnums; k++) {
				size_t j;

				for (j = 0; j < k && nums[j] != nums[k]; j++)
					;
				m += j == k;
			}
			rc = report_decision(c, v, id, decision, NULL, 0, m,
					     changed);
		} else {
			rc = cli_fail_vault(v, rc);
		}
	}
	lt_vault_close(v);
	return rc;
}

int cli_slots(const cli *c)
{
	static const struct option opts[] = {
		{"suggested", no_argument, NULL, OPT_SUGGESTED},
		{"approve", required_argument, NULL, OPT_APPROVE},
		{"reject", required_argument, NULL, OPT_REJECT},
		{"approve-all", optional_argument, NULL, OPT_APPROVE_ALL},
		{"reject-all", optional_argument, NULL, OPT_REJECT_ALL},
		{NULL, 0, NULL, 0}
	};
	const char *bad = NULL, *family_opt = NULL;
	unsigned *nums = NULL;
	size_t nnums = 0, cap = 0;
	int got, rc = 0, n, suggested = 0, action = 0, i;
	lt_slot_decision decision = LT_DECISION_PENDING;
	lt_slot_set *set = NULL;
	lt_document_info *d = NULL;
	lt_vault *v;
	char **ops;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_SUGGESTED:
			suggested = 1;
			break;
		case OPT_APPROVE:
		case OPT_REJECT:
		case OPT_APPROVE_ALL:
		case OPT_REJECT_ALL:
			if (action && action != got) {
				free(nums);
				return cli_usage("%s", "slots: give one of --approve, "
						 "--reject, --approve-all and "
						 "--reject-all at a time");
			}
			action = got;
			if ((got == OPT_APPROVE || got == OPT_REJECT) &&
			    (rc = parse_numbers(optarg, &nums, &nnums, &cap))) {
				free(nums);
				return rc;
			}
			if ((got == OPT_APPROVE_ALL || got == OPT_REJECT_ALL) &&
			    optarg) {
				if (family_opt) {
					free(nums);
					return cli_usage("%s", "slots: name more "
							 "families after the "
							 "document ID");
				}
				family_opt = optarg;
			}
			break;
		case ':':
			free(nums);
			return cli_usage("%s needs suggestion numbers", bad);
		default:
			free(nums);
			return cli_usage("slots: unknown option '%s'", bad);
		}
	}
	ops = cli_operands(c, &n);
	if (n < 1) {
		free(nums);
		return cli_usage("%s", "slots needs a document ID");
	}
	if (action && suggested) {
		free(nums);
		return cli_usage("%s", "slots: --suggested lists; decide in a "
				 "separate command");
	}
	if (action == OPT_APPROVE || action == OPT_REJECT) {
		/* Further numbers after the document ID. */
		for (i = 1; i < n && rc == 0; i++)
			rc = parse_numbers(ops[i], &nums, &nnums, &cap);
		if (rc == 0)
			rc = decide(c, ops[0], action == OPT_APPROVE
				    ? LT_DECISION_APPROVED : LT_DECISION_REJECTED,
				    0, NULL, 0, nums, nnums);
		free(nums);
		return rc;
	}
	if (action) {
		char **fams = ops + 1;
		int nf = n - 1;

		decision = action == OPT_APPROVE_ALL ? LT_DECISION_APPROVED
						     : LT_DECISION_REJECTED;
		if (family_opt) {
			/* --approve-all=FAMILY [MORE...] */
			char **all = calloc((size_t)nf + 2, sizeof(*all));

			if (!all)
				return cli_fail(lt_error_set(LT_ENOMEM,
							     "out of memory"));
			all[0] = (char *)family_opt;
			for (i = 0; i < nf; i++)
				all[i + 1] = fams[i];
			rc = decide(c, ops[0], decision, 1, all, nf + 1, NULL, 0);
			free(all);
			return rc;
		}
		return decide(c, ops[0], decision, 1, fams, nf, NULL, 0);
	}
	if (n > 1)
		return cli_usage("slots takes one document ID (extra '%s')", ops[1]);
	if ((rc = cli_open_vault_read_only(c->vault, &v)))
		return rc;
	rc = lt_document_slots(&set, v, ops[0]);
	if (rc == LT_OK && (rc = lt_document_get(&d, v, ops[0])))
		lt_slot_set_free(set);
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (c->json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_document_slots_json(&out, d, set, suggested),
				  &out);
	} else if (suggested) {
		rc = list_suggested(d, set);
	} else {
		rc = list_active(d, set);
	}
	lt_document_info_free(d);
	lt_slot_set_free(set);
	return rc;
}
