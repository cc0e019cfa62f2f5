/*
 * scan_cmds.h - `leaktrace scan` and `leaktrace sightings`: how far a
 * document has spread, called from main.c's command table.
 */
#ifndef LT_CLI_SCAN_CMDS_H
#define LT_CLI_SCAN_CMDS_H

#include "cli.h"

/* scan SOURCE... */
int cli_scan(const cli *c);

/* sightings [ID] [--csv] */
int cli_sightings(const cli *c);

#endif
