/*
 * translate.h — one run of cgoc: load, parse, check, rewrite, write.
 *
 * Data flows one way: .gc text -> tree-sitter tree -> (typed facts) ->
 * edits -> C text. The output is the input with the byte ranges of dialect
 * constructs replaced; everything else is copied as it is.
 */
#ifndef CGOC_TRANSLATE_H
#define CGOC_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct translate_options {
    const char *input;   /* path or "-" */
    const char *output;  /* path or "-" */
    bool line_markers;   /* emit #line directives */
    /* Compiler flags for the type checker, as clang arguments ("-Idir"...). */
    char **compiler_args;
    size_t ncompiler_args;
} translate_options;

/* kind: 'I', 'D', 'U' or 's' (-std=). */
void translate_add_compiler_arg(translate_options *opt, char kind, const char *value);
void translate_options_free(translate_options *opt);

struct source;
struct buf;

/* Translates a loaded source into out. Returns false when errors were
 * reported (through diag); out is then incomplete and must not be used. */
bool translate_source(const translate_options *opt, const struct source *src, struct buf *out);

/* Loads opt->input, translates it and writes opt->output (atomically: on
 * error the output file is left untouched). Returns the process exit status:
 * 0 ok, 1 errors reported. */
int translate_file(const translate_options *opt);

#endif
