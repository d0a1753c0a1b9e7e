/*
 * lower.h — the rewriter shared by every construct family.
 *
 * One recursive emitter runs twice over the tree:
 *  - render mode builds the text clang types (types.h): each dialect
 *    construct becomes a typed stand-in, and the rendered byte range of
 *    every node is remembered so types can be looked up per node;
 *  - lower mode builds the output: the input with each dialect construct
 *    replaced by ISO C calling the runtime.
 * Emitting a node copies its source text with the replacements of the
 * constructs inside it applied, so constructs nest freely.
 * Helpers a construct needs at file scope (receive functions, goroutine
 * trampolines, static sites) go to `file_scope` and are placed before the
 * top-level declaration being emitted.
 */
#ifndef CGOC_LOWER_H
#define CGOC_LOWER_H

#include "buf.h"
#include "parse.h"
#include "types.h"

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

struct source;
struct translate_options;

/* Output text plus the .gc line the compiler believes the current output
 * line is (after #line directives), so #line is emitted only when needed. */
typedef struct stream {
    buf text;
    long vline; /* < 0: unknown, the next source copy re-synchronises */
} stream;

typedef struct node_range {
    uintptr_t id; /* TSNode id, 0 = empty */
    uint32_t start, end;
    uint32_t src_start; /* the node's offset in the .gc file */
} node_range;

typedef struct named_helper {
    char *key;
    char *name;
} named_helper;

typedef struct lower {
    const struct source *src;
    const struct translate_options *opt;
    bool render;
    stream *out;
    stream file_scope;
    node_range *ranges; /* render mode: node -> rendered range */
    size_t ranges_cap, ranges_count;
    types *types;
    unsigned next_id;
    named_helper *helpers;
    size_t nhelpers;
    buf path_literal; /* the .gc path as a C string literal */
    /* the user's main: renamed, and run by a generated main() */
    bool has_main;
    int main_params;
    /* defer/go-block state of the function being emitted */
    struct fn_scope *scope;
    /* a node emitted as other text (main -> cgoc_main) */
    TSNode rename;
    struct goblock *goblock; /* innermost go block being emitted */
    const char *rename_to;
    bool needs_stdlib; /* the output calls malloc/free/abort (dynamic defers) */
} lower;

/* Emission */
void emit_src(lower *L, size_t from, size_t to);
void emit_gen(lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emit_node(lower *L, TSNode node);
/* Copies node's text with its children emitted (no handler for node itself). */
void emit_children(lower *L, TSNode node);
/* Emits the children of node whose start lies in [from, to), with the gaps. */
void emit_span(lower *L, TSNode node, size_t from, size_t to);
/* "&(const cgo_site){"file.gc", LINE}" for the line of offset. */
void emit_site(lower *L, size_t offset);
void stream_sync(lower *L, stream *s, size_t offset);

/* The .gc offset of the node rendered exactly at [start, end), or of the
 * narrowest node whose rendering contains that range. */
bool source_offset_of_rendering(const lower *L, size_t start, size_t end, size_t *offset);
/* Types of nodes (render ranges recorded by the render pass). */
bool node_type(const lower *L, TSNode node, CXType *out);
/* The clang expression cursor of node (DeclRefExpr for an identifier). */
bool node_cursor(const lower *L, TSNode node, CXCursor *out);
/* Reports "cannot determine the type" and returns false when unknown. */
bool need_type(lower *L, TSNode node, CXType *out);
bool type_decl_or_error(lower *L, TSNode at, CXType t, const char *name, buf *out);

/* Helpers */
TSNode field(TSNode node, const char *name);
bool node_is(TSNode node, const char *type);
unsigned fresh_id(lower *L);
/* Returns the name of a file-scope helper registered under key, or NULL. */
const char *helper_lookup(lower *L, const char *key);
void helper_add(lower *L, const char *key, const char *name);
/* Appends generated text to the file-scope stream. */
void file_scope_gen(lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_of(const lower *L, TSNode node, buf *out);
/* Lowers node into a separate string (no #line; for expressions). */
void lower_to(lower *L, TSNode node, buf *out);

/* Construct families (chan.c, go.c, select.c, defer.c, main.c). Each
 * returns true when it handled the node. */
bool chan_emit(lower *L, TSNode node);
bool go_emit(lower *L, TSNode node);
bool select_emit(lower *L, TSNode node);
bool defer_emit(lower *L, TSNode node);
bool main_emit(lower *L, TSNode node);
void main_finish(lower *L);

/* Reports implicit channel conversions against Go's direction rules. */
void chan_check_conversions(lower *L);
/* Shared by select/go/defer (chan.c). */
bool channel_operand(lower *L, TSNode operand, CXType *elem, chan_dir *dir, const char *what);
bool check_recv_dir(lower *L, TSNode operand, chan_dir dir, CXType elem);
bool check_send(lower *L, TSNode node, TSNode ch, TSNode value, CXType *elem);
void emit_send(lower *L, TSNode node, TSNode ch, TSNode value);
TSNode declared_name(TSNode declarator);
void promoted_member(lower *L, TSNode arg, CXType t, const char *name, buf *out, bool *ok);
/* break/continue/goto may not leave a go or defer block; neither may return
 * a value. `what` names the block in messages. (goblock.c) */
bool check_block_jumps(lower *L, TSNode body, const char *what);
/* The argument block of go statement `id` (go.c, shared with goblock.c):
 * its struct at file scope (with the check that cgo_go's copy can hold its
 * alignment), and the opening of the aligned local that fills it, up to
 * and including "= {". */
void go_args_struct(lower *L, unsigned id, const char *members);
void go_args_open(lower *L, unsigned id);
/* Identifier rewriting inside go blocks (goblock.c). */
bool goblock_emit_identifier(lower *L, TSNode node);
void go_block(lower *L, TSNode node, TSNode body);
struct fn_scope *scope_open(lower *L, TSNode body, bool returns_value, CXType ret);
void scope_prologue(lower *L);
void scope_epilogue(lower *L, size_t at);
void scope_close(lower *L);

#endif
