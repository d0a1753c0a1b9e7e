/* cgoc_grammar.h — the cgoc tree-sitter grammar (C extended with Go's
 * concurrency: go, chan, <-, select, defer).
 *
 * The parser is generated from grammar/grammar.js into grammar/src/parser.c
 * (see docs/grammar.md for the node types and how to regenerate it) and is
 * loaded by the system libtree-sitter. */
#ifndef CGOC_GRAMMAR_H
#define CGOC_GRAMMAR_H

#include <tree_sitter/api.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The cgoc language, for ts_parser_set_language(). */
const TSLanguage *tree_sitter_cgoc(void);

#ifdef __cplusplus
}
#endif

#endif
