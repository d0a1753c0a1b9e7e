/* diag.c — printing diagnostics the way clang does. */
#include "diag.h"

#include "source.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static diag_color color_mode = DIAG_COLOR_AUTO;
static unsigned errors, warnings;
static bool stopped;

void diag_set_color(diag_color mode) { color_mode = mode; }

static bool use_color(void)
{
    if (color_mode != DIAG_COLOR_AUTO)
        return color_mode == DIAG_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    return !(no_color && *no_color) && isatty(STDERR_FILENO);
}

/* clang's colours: bold location and message, red error, magenta warning,
 * black-bold note, green caret and fix-it. */
#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

static const char *level_name(diag_level level)
{
    switch (level) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

static const char *level_color(diag_level level)
{
    return level == DIAG_ERROR ? RED : level == DIAG_WARNING ? MAGENTA : BOLD;
}

/* Prints the source line and, below it, padding that keeps tabs as tabs so
 * the caret lines up whatever the terminal's tab width. */
static void print_snippet(const source *src, unsigned line, unsigned col, const char *fixit,
                          bool color)
{
    size_t len;
    const char *text = source_line(src, line, &len);
    fprintf(stderr, "%.*s\n", (int)len, text);
    size_t pad = col - 1 < len ? col - 1 : len;
    char *indent = malloc(pad + 1);
    if (!indent)
        return;
    for (size_t i = 0; i < pad; i++)
        indent[i] = text[i] == '\t' ? '\t' : ' ';
    indent[pad] = '\0';
    fprintf(stderr, "%s%s^%s\n", indent, color ? GREEN : "", color ? RESET : "");
    if (fixit)
        fprintf(stderr, "%s%s%s%s\n", indent, color ? GREEN : "", fixit, color ? RESET : "");
    free(indent);
}

void diag_at(const source *src, size_t offset, diag_level level, const char *fixit,
             const char *fmt, ...)
{
    if (stopped)
        return;
    bool color = use_color();
    unsigned line, col;
    source_position(src, offset, &line, &col);
    fprintf(stderr, "%s%s:%u:%u: %s%s:%s%s ", color ? BOLD : "", src->path, line, col,
            color ? level_color(level) : "", level_name(level), color ? RESET : "",
            color ? BOLD : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", color ? RESET : "");
    print_snippet(src, line, col, fixit, color);

    if (level == DIAG_ERROR && ++errors >= DIAG_MAX_ERRORS) {
        fprintf(stderr, "%sfatal error: %stoo many errors emitted, stopping now%s\n",
                color ? RED : "", color ? BOLD : "", color ? RESET : "");
        stopped = true;
    } else if (level == DIAG_WARNING) {
        warnings++;
    }
}

void diag_tool_error(const char *fmt, ...)
{
    bool color = use_color();
    fprintf(stderr, "cgoc: %serror:%s ", color ? RED : "", color ? RESET : "");
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    errors++;
}

unsigned diag_error_count(void) { return errors; }
unsigned diag_warning_count(void) { return warnings; }
bool diag_too_many(void) { return stopped; }
