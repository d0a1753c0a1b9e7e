/* goblock.c — `go { }`: the block becomes the body of a file-scope
 * function run as a goroutine.
 *
 * The enclosing locals the block uses are captured into an environment
 * struct at the go statement: by value (a copy taken now; arrays too), or,
 * when the block takes the variable's address (&wg, &a[i], &s.f), by
 * pointer, shared with the enclosing function (so are block-scope `static`
 * and `extern` variables: one object). Inside the body every use of
 * a captured variable is rewritten to its place in the environment. */
#include "lower.h"

#include "diag.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct capture {
    CXCursor decl;
    TSNode first_use;
    char *name;
    bool shared;
    bool is_array;
} capture;

struct goblock {
    struct goblock *outer;
    capture *caps;
    size_t ncaps;
};

typedef struct scan_ctx {
    lower *L;
    TSNode body;
    size_t body_rstart, body_rend; /* rendered range of the body */
    struct goblock *gb;
    bool ok;
} scan_ctx;

/* Whether the identifier is (part of) the operand of a unary &. */
static bool address_taken(TSNode id)
{
    TSNode n = id;
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); n = p, p = ts_node_parent(p)) {
        if (node_is(p, "parenthesized_expression"))
            continue;
        if (node_is(p, "field_expression") && ts_node_eq(field(p, "argument"), n)) {
            /* s.f is part of s; p->f is not */
            TSNode op = ts_node_child(p, 1);
            if (strcmp(ts_node_type(op), ".") == 0)
                continue;
            return false;
        }
        if (node_is(p, "subscript_expression") && ts_node_eq(field(p, "argument"), n))
            continue; /* &a[i]: for an array this is part of a */
        if (node_is(p, "pointer_expression")) {
            TSNode op = ts_node_child(p, 0);
            return strcmp(ts_node_type(op), "&") == 0;
        }
        return false;
    }
    return false;
}

static bool assigned(TSNode id)
{
    TSNode p = ts_node_parent(id);
    while (node_is(p, "parenthesized_expression"))
        id = p, p = ts_node_parent(p);
    if (node_is(p, "assignment_expression"))
        return ts_node_eq(field(p, "left"), id);
    return node_is(p, "update_expression");
}

static unsigned render_offset(CXCursor decl)
{
    unsigned off;
    clang_getFileLocation(clang_getCursorLocation(decl), NULL, NULL, NULL, &off);
    return off;
}

static bool is_local_variable(CXCursor decl)
{
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
        return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    if (sc == CX_SC_Static || sc == CX_SC_Extern)
        return false;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) != CXCursor_TranslationUnit;
}

/* A `static` or `extern` variable declared in a block: one object for the
 * whole program, but its name is visible only in that block, so the
 * goroutine's function reaches it through a pointer (a shared capture). */
static bool is_block_static(CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    return (sc == CX_SC_Static || sc == CX_SC_Extern) &&
           clang_getCursorKind(clang_getCursorSemanticParent(decl)) != CXCursor_TranslationUnit;
}

static walk_step scan_visit(TSNode node, void *arg)
{
    scan_ctx *c = arg;
    lower *L = c->L;
    if (node_is(node, "identifier")) {
        CXCursor ref, use;
        if (!node_cursor(L, node, &use) || clang_getCursorKind(use) != CXCursor_DeclRefExpr)
            return WALK_OVER;
        ref = clang_getCursorReferenced(use);
        bool block_static = is_block_static(ref);
        if (!is_local_variable(ref) && !block_static)
            return WALK_OVER;
        unsigned off = render_offset(ref);
        if (off >= c->body_rstart && off < c->body_rend)
            return WALK_OVER; /* declared inside the block */
        capture *cap = NULL;
        for (size_t i = 0; i < c->gb->ncaps; i++)
            if (clang_equalCursors(c->gb->caps[i].decl, ref))
                cap = &c->gb->caps[i];
        if (!cap) {
            CXType t = clang_getCursorType(ref);
            if (clang_getCanonicalType(t).kind == CXType_VariableArray) {
                CXString s = clang_getCursorSpelling(ref);
                diag_at(L->src, ts_node_start_byte(node), DIAG_ERROR, NULL,
                        "cannot capture variable-length array '%s' in a go block; pass a pointer to it",
                        clang_getCString(s));
                clang_disposeString(s);
                c->ok = false;
                return WALK_OVER;
            }
            c->gb->caps = xrealloc(c->gb->caps, (c->gb->ncaps + 1) * sizeof *c->gb->caps);
            cap = &c->gb->caps[c->gb->ncaps++];
            memset(cap, 0, sizeof *cap);
            cap->decl = ref;
            cap->first_use = node;
            CXString s = clang_getCursorSpelling(ref);
            cap->name = xstrndup(clang_getCString(s), strlen(clang_getCString(s)));
            clang_disposeString(s);
            cap->is_array = clang_getCanonicalType(t).kind == CXType_ConstantArray;
        }
        if (address_taken(node) || block_static)
            cap->shared = true;
        return WALK_OVER;
    }
    if (node_is(node, "go_statement") && !ts_node_eq(node, ts_node_parent(c->body)))
        return WALK_INTO; /* nested go blocks capture through this one */
    return WALK_INTO;
}

/* Second scan: warnings for assignments to copies (needs `shared` final). */
typedef struct warn_ctx {
    lower *L;
    struct goblock *gb;
} warn_ctx;

static walk_step warn_visit(TSNode node, void *arg)
{
    warn_ctx *w = arg;
    if (!node_is(node, "identifier") || !assigned(node))
        return WALK_INTO;
    CXCursor use;
    if (!node_cursor(w->L, node, &use))
        return WALK_OVER;
    CXCursor ref = clang_getCursorReferenced(use);
    for (size_t i = 0; i < w->gb->ncaps; i++)
        if (clang_equalCursors(w->gb->caps[i].decl, ref) && !w->gb->caps[i].shared)
            diag_at(w->L->src, ts_node_start_byte(node), DIAG_WARNING, NULL,
                    "assignment to '%s' in a go block changes only the goroutine's copy; to share the "
                    "variable, use its address (&%s)",
                    w->gb->caps[i].name, w->gb->caps[i].name);
    return WALK_OVER;
}

/* break/continue/goto may not leave the block. */
typedef struct jump_ctx {
    lower *L;
    TSNode body;
    const char *what; /* "go block", "defer block" */
    bool ok;
} jump_ctx;

static bool inside_target(TSNode n, TSNode body, bool is_break)
{
    for (TSNode p = ts_node_parent(n); !ts_node_eq(p, body); p = ts_node_parent(p)) {
        if (node_is(p, "for_statement") || node_is(p, "while_statement") || node_is(p, "do_statement") ||
            node_is(p, "for_range_statement"))
            return true;
        if (is_break && (node_is(p, "switch_statement") || node_is(p, "select_statement")))
            return true;
        if (node_is(p, "go_statement") || node_is(p, "defer_statement"))
            return true; /* checked with that block */
    }
    return false;
}

typedef struct label_search {
    const char *name;
    size_t len;
    const char *text;
    bool found;
} label_search;

static walk_step find_label(TSNode n, void *arg)
{
    label_search *ls = arg;
    if (!node_is(n, "labeled_statement"))
        return WALK_INTO;
    TSNode l = field(n, "label");
    if (ts_node_end_byte(l) - ts_node_start_byte(l) == ls->len &&
        strncmp(ls->text + ts_node_start_byte(l), ls->name, ls->len) == 0) {
        ls->found = true;
        return WALK_STOP;
    }
    return WALK_INTO;
}

static bool label_inside(const lower *L, TSNode body, TSNode label)
{
    size_t s = ts_node_start_byte(label);
    label_search ls = {L->src->text + s, ts_node_end_byte(label) - s, L->src->text, false};
    parse_walk(body, find_label, &ls);
    return ls.found;
}

static walk_step jump_visit(TSNode node, void *arg)
{
    jump_ctx *j = arg;
    bool is_break = node_is(node, "break_statement");
    if (is_break || node_is(node, "continue_statement")) {
        if (!inside_target(node, j->body, is_break)) {
            diag_at(j->L->src, ts_node_start_byte(node), DIAG_ERROR, NULL, "'%s' cannot leave a %s",
                    is_break ? "break" : "continue", j->what);
            j->ok = false;
        }
    } else if (node_is(node, "goto_statement")) {
        if (!label_inside(j->L, j->body, field(node, "label"))) {
            diag_at(j->L->src, ts_node_start_byte(node), DIAG_ERROR, NULL, "'goto' cannot leave a %s", j->what);
            j->ok = false;
        }
    } else if (node_is(node, "return_statement") && ts_node_named_child_count(node) > 0 &&
               !node_is(ts_node_named_child(node, 0), "comment")) {
        diag_at(j->L->src, ts_node_start_byte(node), DIAG_ERROR, NULL,
                strcmp(j->what, "go block") == 0
                    ? "a go block cannot return a value (the goroutine's result would be discarded)"
                    : "a defer block cannot return a value ('return;' leaves the deferred block)");
        j->ok = false;
    } else if (node_is(node, "go_statement") && !ts_node_is_null(field(node, "body"))) {
        return WALK_OVER; /* its own function, checked on its own */
    } else if (node_is(node, "defer_statement") && !ts_node_is_null(field(node, "body")) &&
               strcmp(j->what, "defer block") == 0) {
        return WALK_OVER; /* a nested defer block is checked on its own */
    }
    return WALK_INTO;
}

bool check_block_jumps(lower *L, TSNode body, const char *what)
{
    jump_ctx jc = {L, body, what, true};
    parse_walk(body, jump_visit, &jc);
    return jc.ok;
}

bool goblock_emit_identifier(lower *L, TSNode node)
{
    if (!L->goblock || !node_is(node, "identifier"))
        return false;
    CXCursor use;
    if (!node_cursor(L, node, &use) || clang_getCursorKind(use) != CXCursor_DeclRefExpr)
        return false;
    CXCursor ref = clang_getCursorReferenced(use);
    for (size_t i = 0; i < L->goblock->ncaps; i++) {
        capture *c = &L->goblock->caps[i];
        if (clang_equalCursors(c->decl, ref)) {
            stream_sync(L, L->out, ts_node_start_byte(node));
            emit_gen(L, c->shared ? "(*cgoc_env.%s)" : "cgoc_env.%s", c->name);
            return true;
        }
    }
    return false;
}

/* The rendered range of a node, from the render pass. */
bool node_render_range(const lower *L, TSNode node, size_t *start, size_t *end);

void go_block(lower *L, TSNode node, TSNode body)
{
    scan_ctx sc = {L, body, 0, 0, NULL, true};
    struct goblock gb = {L->goblock, NULL, 0};
    sc.gb = &gb;
    if (!node_render_range(L, body, &sc.body_rstart, &sc.body_rend)) {
        diag_at(L->src, ts_node_start_byte(node), DIAG_ERROR, NULL, "cgoc cannot analyse this go block");
        return;
    }
    parse_walk(body, scan_visit, &sc);
    jump_ctx jc = {L, body, "go block", true};
    parse_walk(body, jump_visit, &jc);
    warn_ctx wc = {L, &gb};
    parse_walk(body, warn_visit, &wc);
    unsigned id = fresh_id(L);
    bool ok = sc.ok && jc.ok;
    buf members = {0};
    for (size_t i = 0; i < gb.ncaps && ok; i++) {
        capture *c = &gb.caps[i];
        buf name = {0};
        buf_printf(&name, c->shared ? "(*%s)" : "%s", c->name);
        buf_puts(&members, "    ");
        ok = type_decl_or_error(L, c->first_use, clang_getCursorType(c->decl), buf_cstr(&name), &members);
        buf_puts(&members, ";\n");
        buf_free(&name);
    }
    unsigned line, col;
    source_position(L->src, ts_node_start_byte(node), &line, &col);
    if (ok) {
        /* The goroutine body, in a stream of its own: go blocks inside it
         * put their functions in file scope first. */
        if (gb.ncaps)
            go_args_struct(L, id, buf_cstr(&members));
        file_scope_gen(L, "static const cgo_site cgoc_site_%u = {%s, %u};\n", id, buf_cstr(&L->path_literal), line);
        stream fn = {.text = {0}, .vline = -1};
        stream *saved_out = L->out;
        struct fn_scope *saved_scope = L->scope;
        L->scope = NULL;
        L->out = &fn;
        emit_gen(L, "static void cgoc_go_%u(void *cgoc_args)\n", id);
        emit_src(L, ts_node_start_byte(body), ts_node_start_byte(body) + 1);
        if (gb.ncaps)
            emit_gen(L, " struct cgoc_go_%u cgoc_env = *(struct cgoc_go_%u *)cgoc_args;", id, id);
        else
            emit_gen(L, " (void)cgoc_args;");
        CXType none = {0};
        scope_open(L, body, false, none);
        scope_prologue(L);
        L->goblock = &gb;
        size_t close = ts_node_end_byte(body) - 1;
        emit_span(L, body, ts_node_start_byte(body) + 1, close);
        scope_epilogue(L, close);
        L->goblock = gb.outer;
        scope_close(L);
        emit_src(L, close, ts_node_end_byte(body));
        emit_gen(L, "\n");
        L->out = saved_out;
        L->scope = saved_scope;
        buf_append(&L->file_scope.text, fn.text.data, fn.text.len);
        L->file_scope.vline = -1;
        buf_free(&fn.text);

        /* At the go statement: fill the environment, start the goroutine. */
        if (!gb.ncaps) {
            emit_gen(L, "cgo_go_at(cgoc_go_%u, NULL, 0, &cgoc_site_%u);", id, id);
        } else {
            go_args_open(L, id);
            for (size_t i = 0; i < gb.ncaps; i++) {
                capture *c = &gb.caps[i];
                if (i)
                    emit_gen(L, ", ");
                if (c->shared) {
                    emit_gen(L, "&");
                    emit_node(L, c->first_use);
                } else if (c->is_array) {
                    emit_gen(L, "{0}");
                } else {
                    emit_node(L, c->first_use);
                }
            }
            emit_gen(L, "};");
            for (size_t i = 0; i < gb.ncaps; i++) {
                capture *c = &gb.caps[i];
                if (c->shared || !c->is_array)
                    continue;
                /* arrays are copied too (byte by byte: no <string.h> here) */
                emit_gen(L, " for (size_t cgoc_i = 0; cgoc_i < sizeof cgoc_args.%s; cgoc_i++) "
                            "((unsigned char *)cgoc_args.%s)[cgoc_i] = ((const unsigned char *)",
                         c->name, c->name);
                emit_node(L, c->first_use);
                emit_gen(L, ")[cgoc_i];");
            }
            emit_gen(L, " cgo_go_at(cgoc_go_%u, &cgoc_args, sizeof cgoc_args, &cgoc_site_%u); }", id, id);
        }
    }
    for (size_t i = 0; i < gb.ncaps; i++)
        free(gb.caps[i].name);
    free(gb.caps);
    buf_free(&members);
}
