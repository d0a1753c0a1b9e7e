/*
 * parse.h — parsing a .gc file with the cgoc tree-sitter grammar, and the
 * syntax check of dialect code.
 *
 * cgoc is not the judge of plain C: the C compiler is. A region tree-sitter
 * cannot parse but that holds no dialect construct (macro-heavy C does this)
 * is left alone and copied verbatim. Only errors in or next to dialect
 * constructs are reported, with messages that say what to write.
 */
#ifndef CGOC_PARSE_H
#define CGOC_PARSE_H

#include <stdbool.h>
#include <tree_sitter/api.h>

struct source;

typedef struct parsed {
    TSParser *parser;
    TSTree *tree;
} parsed;

bool parse_source(const struct source *src, parsed *out);
void parse_free(parsed *p);

/* Pre-order walk of the subtree at root with a cursor (ts_node_child(i) in a
 * loop would be quadratic on wide nodes). visit returns WALK_INTO to descend,
 * WALK_OVER to skip the node's children, WALK_STOP to end the walk. */
typedef enum walk_step { WALK_INTO, WALK_OVER, WALK_STOP } walk_step;
void parse_walk(TSNode root, walk_step (*visit)(TSNode node, void *ctx), void *ctx);

/* True for node types the dialect adds to C (channel_type, send_statement…). */
bool parse_is_dialect_node(TSNode node);

/* Reports syntax errors in dialect code (through diag). Sets *uses_dialect
 * when the file contains any dialect construct. */
void parse_check_syntax(const parsed *p, const struct source *src, bool *uses_dialect);

#endif
