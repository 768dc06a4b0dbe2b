/* main.c: the ocop binary. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "render/render.h"

int main(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "ocop: cannot initialise libsodium\n");
        return 1;
    }
    atexit(ocop_render_shutdown);
    return cli_main(argc, argv);
}
