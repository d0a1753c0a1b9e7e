/* corpus.h — tree-sitter corpus files (the format of `tree-sitter test`):
 *
 *   ==================
 *   name of the case
 *   ==================
 *
 *   source code
 *
 *   ---
 *
 *   (expected (s-expression))
 *
 * read into memory, and the S-expression helpers the grammar tests share. */
#ifndef CGOC_TEST_CORPUS_H
#define CGOC_TEST_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *name;     /* the header line */
    char *code;     /* the source between the header and the --- line */
    char *expected; /* the S-expression after the --- line, as written */
    int line;       /* line of the case's first header line, 1-based */
} corpus_case;

typedef struct {
    char *path;
    corpus_case *cases;
    size_t n;
} corpus_file;

/* Reads and splits a corpus file. Returns false (with a message on stderr) if
 * it cannot be read or is not in corpus format. */
bool corpus_read(const char *path, corpus_file *out);
void corpus_free(corpus_file *f);

/* Writes f back to its path with each case's expectation replaced by
 * actual[i] (pretty-printed). */
bool corpus_write(const corpus_file *f, char *const *actual);

/* Whitespace-normalised copy of an S-expression (runs of blanks become one
 * space, none after '(' or before ')'), for comparison. Caller frees. */
char *sexp_normalize(const char *s);

/* One node per line, two spaces of indent per level, fields before their
 * node, as `tree-sitter test` prints trees. Caller frees. */
char *sexp_pretty(const char *s);

#endif
