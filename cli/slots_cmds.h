/*
 * slots_cmds.h - `leaktrace slots`: the marks issue uses, the suggested
 * marks and the author's decisions on them.
 */
#ifndef LT_CLI_SLOTS_CMDS_H
#define LT_CLI_SLOTS_CMDS_H

#include "cli.h"
#include "leaktrace/document.h"

/* slots ID [--suggested | --approve N... | --reject N... |
 * --approve-all [FAMILY...] | --reject-all [FAMILY...]] */
int cli_slots(const cli *c);

/* The capacity lines `slots` and `register` print: the default marks,
 * with every suggestion, what issue uses now, and the suggestions. */
void cli_print_capacity(const lt_document_info *d);

#endif
