/*
 * cli.c — the cgoc command line.
 *
 *   cgoc [options] input.gc [-o output.c]
 *
 * Exit status: 0 on success (warnings allowed), 1 when any error was
 * reported (the output file is then left as it was), 2 for bad usage.
 */
#include "translate.h"

#include "buf.h"
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CGOC_VERSION
#define CGOC_VERSION "unknown"
#endif

static void usage(FILE *out)
{
    fputs("usage: cgoc [options] <input.gc> [-o <output.c>]\n"
          "\n"
          "Translates C with Go's concurrency (go, chan, <-, select, defer) into ISO C11\n"
          "that calls the cgoc runtime (#include <cgo.h>, link with -lcgo -lpthread).\n"
          "A .gh header translates to a .h header the same way.\n"
          "\n"
          "options:\n"
          "  -o <file>          write the output to <file> ('-' for standard output);\n"
          "                     default: the input with .gc -> .c, .gh -> .h, or\n"
          "                     standard output when the input is '-'\n"
          "  -I <dir>, -I<dir>  add a header search directory    } given to the type\n"
          "  -D <name>[=<val>]  define a macro                   } checker, so it sees\n"
          "  -U <name>          undefine a macro                 } what the C compiler\n"
          "  -std=<standard>    C standard of the input (c11 ...) } will see\n"
          "  --no-line          do not emit #line directives\n"
          "  --color=<when>     colour diagnostics: auto (default), always, never\n"
          "  -h, --help         show this help\n"
          "  --version          show the version\n",
          out);
}

/* prog.gc -> prog.c, x.gh -> x.h, anything else -> <name>.c */
static char *default_output(const char *input)
{
    if (strcmp(input, "-") == 0)
        return xstrndup("-", 1);
    size_t len = strlen(input);
    buf out = {0};
    if (len > 3 && strcmp(input + len - 3, ".gh") == 0) {
        buf_append(&out, input, len - 3);
        buf_puts(&out, ".h");
    } else if (len > 3 && strcmp(input + len - 3, ".gc") == 0) {
        buf_append(&out, input, len - 3);
        buf_puts(&out, ".c");
    } else {
        buf_append(&out, input, len);
        buf_puts(&out, ".c");
    }
    return out.data;
}

/* Takes the value of an option given as "-Xvalue" or "-X value". */
static const char *option_value(int argc, char **argv, int *i, size_t prefix_len)
{
    if (argv[*i][prefix_len] != '\0')
        return argv[*i] + prefix_len;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

int main(int argc, char **argv)
{
    translate_options opt = {.line_markers = true};
    const char *output = NULL;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("cgoc %s\n", CGOC_VERSION);
            return 0;
        } else if (strcmp(a, "--no-line") == 0) {
            opt.line_markers = false;
        } else if (strncmp(a, "--color=", 8) == 0) {
            const char *when = a + 8;
            if (strcmp(when, "auto") == 0)
                diag_set_color(DIAG_COLOR_AUTO);
            else if (strcmp(when, "always") == 0)
                diag_set_color(DIAG_COLOR_ALWAYS);
            else if (strcmp(when, "never") == 0)
                diag_set_color(DIAG_COLOR_NEVER);
            else {
                fprintf(stderr, "cgoc: error: --color takes auto, always or never, not '%s'\n", when);
                return 2;
            }
        } else if (strncmp(a, "-o", 2) == 0) {
            output = option_value(argc, argv, &i, 2);
            if (!output) {
                fputs("cgoc: error: -o needs a file name\n", stderr);
                return 2;
            }
        } else if (a[0] == '-' && (a[1] == 'I' || a[1] == 'D' || a[1] == 'U')) {
            const char *value = option_value(argc, argv, &i, 2);
            if (!value) {
                fprintf(stderr, "cgoc: error: -%c needs an argument\n", a[1]);
                return 2;
            }
            translate_add_compiler_arg(&opt, a[1], value);
        } else if (strncmp(a, "-std=", 5) == 0) {
            translate_add_compiler_arg(&opt, 's', a + 5);
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "cgoc: error: unknown option '%s' (see cgoc --help)\n", a);
            return 2;
        } else if (opt.input) {
            fprintf(stderr, "cgoc: error: more than one input file ('%s' and '%s'); cgoc translates one file per run\n",
                    opt.input, a);
            return 2;
        } else {
            opt.input = a;
        }
    }
    if (!opt.input) {
        usage(stderr);
        return 2;
    }

    char *derived = output ? NULL : default_output(opt.input);
    opt.output = output ? output : derived;
    if (strcmp(opt.output, "-") != 0 && strcmp(opt.output, opt.input) == 0) {
        fprintf(stderr, "cgoc: error: the output '%s' would overwrite the input\n", opt.output);
        free(derived);
        return 2;
    }
    int status = translate_file(&opt);
    free(derived);
    translate_options_free(&opt);
    return status;
}
