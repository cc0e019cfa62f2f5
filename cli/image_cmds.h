/*
 * image_cmds.h - `leaktrace pdq` and `leaktrace export-hashes`: PDQ image
 * hashes through the command line, called from main.c's command table.
 */
#ifndef LT_CLI_IMAGE_CMDS_H
#define LT_CLI_IMAGE_CMDS_H

#include "cli.h"

/* pdq FILE... [--fast] [--orient] [--dihedral]
 * pdq FILE --register ID --page N [--copy COPY_ID] */
int cli_pdq(const cli *c);

/* export-hashes [ID] [--out FILE] */
int cli_export_hashes(const cli *c);

#endif
