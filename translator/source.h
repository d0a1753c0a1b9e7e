/*
 * source.h — a loaded input file and its line map.
 *
 * The whole file is held in memory (NUL-terminated for the parser's
 * convenience; `len` excludes the NUL). Offsets are bytes; lines and columns
 * are 1-based, columns counted in bytes as clang does.
 */
#ifndef CGOC_SOURCE_H
#define CGOC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct source {
    char *path;         /* as given on the command line; "<stdin>" for - */
    char *text;         /* len bytes + a NUL */
    size_t len;
    uint32_t *line_starts; /* offset of the first byte of each line */
    size_t nlines;
} source;

/* Reads path ("-" = standard input). On failure prints a diagnostic naming
 * the file and the system's reason, and returns false. */
bool source_load(source *src, const char *path);
void source_free(source *src);

/* 1-based line and column of a byte offset (offset may be len). */
void source_position(const source *src, size_t offset, unsigned *line, unsigned *col);

/* The text of 1-based line `line` without its newline. */
const char *source_line(const source *src, unsigned line, size_t *len);

#endif
