/*
 * diag.h — clang-style diagnostics.
 *
 *   file.gc:12:5: error: expected ';' after send statement
 *       c <- v
 *             ^
 *             ;
 *
 * Several per run; after DIAG_MAX_ERRORS errors the run stops with clang's
 * "too many errors" line. Colour (clang's palette) when stderr is a terminal,
 * unless NO_COLOR is set or --color says otherwise.
 */
#ifndef CGOC_DIAG_H
#define CGOC_DIAG_H

#include <stdbool.h>
#include <stddef.h>

struct source;

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

enum { DIAG_MAX_ERRORS = 20 };

typedef enum diag_color { DIAG_COLOR_AUTO, DIAG_COLOR_ALWAYS, DIAG_COLOR_NEVER } diag_color;

void diag_set_color(diag_color mode);

/* A diagnostic at a byte offset of src. fixit, if not NULL, is text the user
 * should insert there, printed under the caret. */
void diag_at(const struct source *src, size_t offset, diag_level level, const char *fixit,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "cgoc: error: ..." for problems that have no source position. */
void diag_tool_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

unsigned diag_error_count(void);
unsigned diag_warning_count(void);

/* True once DIAG_MAX_ERRORS errors were reported: stop looking for more. */
bool diag_too_many(void);

#endif
