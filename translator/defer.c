/* defer.c — function scopes, `defer CALL;`, `defer { }`, and returns.
 *
 * Deferred calls are resolved at translation time: a defer outside loops
 * can only be active at an exit point (a return, or the end of the body)
 * that comes after it in the source, so each exit point gets the calls of
 * the defers before it, last first, inline: zero runtime cost.
 *  - A defer directly in the function's outermost block always ran when a
 *    later exit is reached: its callee/arguments are evaluated into locals
 *    at the defer, and the call is made unconditionally.
 *  - A defer in an inner block (under an if...) gets a zero-initialised
 *    record at the top of the function with an `on` flag set at the defer.
 *  - `defer { }` is emitted inline at each exit point, seeing the variables
 *    as they are then.
 * `return expr;` evaluates expr into a temporary before the deferred calls.
 * Arguments that are literals stay literals in the generated call.
 *
 * A function with a defer inside a loop registers at run time instead
 * ("dynamic" scope): one registration per execution, so order is decided
 * by time, not by source position. Every defer of such a function (not only
 * the loop's) pushes a malloc'ed record on a list local to the function:
 * `struct cgoc_defer_link { next; kind; }` followed by the stored callee and
 * arguments. Every exit point pops the list, last first, and a switch on
 * `kind` runs each record's call (or `defer { }` block) inline, then frees
 * the record. Functions without loop defers keep the zero-cost scheme. */
#include "lower.h"

#include "diag.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct defer_info {
    TSNode node, call, body;
    unsigned id;
    bool conditional;
    bool in_loop;
    bool invalid; /* reported; never emitted (the output is discarded) */
    /* call form */
    const char *builtin; /* cgo_chan_close_at... for channel builtins */
    bool store_callee;
    TSNode fn;
    TSNode *args;
    uint32_t nargs;
    bool *literal;
    buf members; /* "T cgoc_dN_aI;" declarations, one per stored value */
} defer_info;

struct fn_scope {
    struct fn_scope *outer;
    TSNode body;
    bool returns_value;
    CXType ret;
    defer_info *defers;
    size_t ndefers;
    int in_defer_block;
    unsigned defer_exit; /* label that `return;` in the defer block being emitted jumps to */
    bool dynamic; /* some defer is inside a loop: run-time registration */
};

static bool is_loop(TSNode n)
{
    return node_is(n, "for_statement") || node_is(n, "while_statement") || node_is(n, "do_statement") ||
           node_is(n, "for_range_statement");
}

typedef struct collect_ctx {
    lower *L;
    struct fn_scope *scope;
    TSNode root;
} collect_ctx;

static walk_step collect_visit(TSNode node, void *arg)
{
    collect_ctx *c = arg;
    if (ts_node_eq(node, c->root))
        return WALK_INTO;
    if (node_is(node, "go_statement") && !ts_node_is_null(field(node, "body")))
        return WALK_OVER; /* a goroutine body is its own function */
    if (!node_is(node, "defer_statement"))
        return WALK_INTO;
    struct fn_scope *s = c->scope;
    s->defers = xrealloc(s->defers, (s->ndefers + 1) * sizeof *s->defers);
    defer_info *d = &s->defers[s->ndefers++];
    memset(d, 0, sizeof *d);
    d->node = node;
    d->call = field(node, "call");
    d->body = field(node, "body");
    d->conditional = !ts_node_eq(ts_node_parent(node), c->root);
    for (TSNode p = ts_node_parent(node); !ts_node_eq(p, c->root); p = ts_node_parent(p))
        if (is_loop(p)) {
            d->in_loop = true;
            s->dynamic = true;
            break;
        }
    return WALK_OVER;
}

static bool is_literal(TSNode n)
{
    return node_is(n, "string_literal") || node_is(n, "concatenated_string") || node_is(n, "number_literal") ||
           node_is(n, "char_literal") || node_is(n, "true") || node_is(n, "false") || node_is(n, "null");
}

static bool is_name(const lower *L, TSNode fn, const char *name)
{
    size_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
    return node_is(fn, "identifier") && e - s == strlen(name) && strncmp(L->src->text + s, name, e - s) == 0;
}

/* Types and storage of a `defer CALL;`. */
static bool prepare_call(lower *L, defer_info *d)
{
    if (!node_is(d->call, "call_expression")) {
        diag_at(L->src, ts_node_start_byte(d->call), DIAG_ERROR, NULL,
                "expression in defer must be a function call");
        return false;
    }
    d->fn = field(d->call, "function");
    TSNode args = field(d->call, "arguments");
    uint32_t n = ts_node_named_child_count(args);
    d->args = xmalloc((n + 1) * sizeof *d->args);
    d->literal = xmalloc((n + 1) * sizeof *d->literal);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (!node_is(a, "comment")) {
            d->literal[d->nargs] = is_literal(a);
            d->args[d->nargs++] = a;
        }
    }
    CXType at, elem;
    chan_dir dir;
    if (d->nargs == 1 && node_type(L, d->args[0], &at) && type_is_chan(at, &elem, &dir)) {
        if (is_name(L, d->fn, "close"))
            d->builtin = "cgo_chan_close_at";
        else if (is_name(L, d->fn, "free"))
            d->builtin = "cgo_chan_free_at";
        if (d->builtin && dir == CHAN_RECV && strcmp(d->builtin, "cgo_chan_close_at") == 0) {
            diag_at(L->src, ts_node_start_byte(d->args[0]), DIAG_ERROR, NULL,
                    "cannot close receive-only channel");
            return false;
        }
    }
    CXType callee_t, fn_t;
    bool indirect = false, have_fn = false;
    if (!d->builtin && node_type(L, d->fn, &callee_t) && type_function(callee_t, &fn_t, &indirect))
        have_fn = true;
    if (!d->builtin && !have_fn && !node_is(d->fn, "identifier")) {
        need_type(L, d->fn, &callee_t);
        return false;
    }
    d->store_callee = have_fn && (indirect || !node_is(d->fn, "identifier"));
    bool ok = true;
    char name[48];
    if (d->store_callee) {
        snprintf(name, sizeof name, indirect ? "cgoc_d%u_fn" : "(*cgoc_d%u_fn)", d->id);
        ok = type_decl_or_error(L, d->fn, indirect ? callee_t : fn_t, name, &d->members);
        buf_puts(&d->members, ";");
    }
    int nparams = have_fn && fn_t.kind == CXType_FunctionProto ? clang_getNumArgTypes(fn_t) : 0;
    for (uint32_t i = 0; i < d->nargs && ok; i++) {
        if (d->literal[i])
            continue;
        snprintf(name, sizeof name, "cgoc_d%u_a%u", d->id, i);
        buf_puts(&d->members, " ");
        if (d->builtin)
            buf_printf(&d->members, "cgo_chan *%s", name);
        else if ((int)i < nparams)
            ok = type_decl_or_error(L, d->args[i], clang_getArgType(fn_t, i), name, &d->members);
        else {
            CXType t;
            if (!need_type(L, d->args[i], &t))
                return false;
            promoted_member(L, d->args[i], t, name, &d->members, &ok);
        }
        buf_puts(&d->members, ";");
    }
    return ok;
}

struct fn_scope *scope_open(lower *L, TSNode body, bool returns_value, CXType ret)
{
    struct fn_scope *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->outer = L->scope;
    s->body = body;
    s->returns_value = returns_value;
    s->ret = ret;
    collect_ctx c = {L, s, body};
    parse_walk(body, collect_visit, &c);
    if (!L->render)
        for (size_t i = 0; i < s->ndefers; i++) {
            s->defers[i].id = fresh_id(L);
            if (!ts_node_is_null(s->defers[i].call))
                s->defers[i].invalid = !prepare_call(L, &s->defers[i]);
        }
    L->scope = s;
    return s;
}

void scope_close(lower *L)
{
    struct fn_scope *s = L->scope;
    L->scope = s->outer;
    for (size_t i = 0; i < s->ndefers; i++) {
        free(s->defers[i].args);
        free(s->defers[i].literal);
        buf_free(&s->defers[i].members);
    }
    free(s->defers);
    free(s);
}

/* Records of conditional defers, at the top of the function body; in a
 * dynamic scope the record types and the list. */
void scope_prologue(lower *L)
{
    struct fn_scope *s = L->scope;
    if (s->dynamic) {
        L->needs_stdlib = true;
        emit_gen(L, " struct cgoc_defer_link { struct cgoc_defer_link *next; int kind; } *cgoc_defers = NULL;");
        for (size_t i = 0; i < s->ndefers; i++) {
            defer_info *d = &s->defers[i];
            if (ts_node_is_null(d->body))
                emit_gen(L, " struct cgoc_d%u { struct cgoc_defer_link link;%s };", d->id,
                         d->members.len ? buf_cstr(&d->members) : "");
        }
        return;
    }
    for (size_t i = 0; i < s->ndefers; i++) {
        defer_info *d = &s->defers[i];
        if (!d->conditional)
            continue;
        /* members were written for locals: turn "T cgoc_dN_x;" into a struct */
        emit_gen(L, " struct { bool on;%s } cgoc_d%u = {0};", d->members.len ? buf_cstr(&d->members) : "",
                 d->id);
    }
}

/* The stored value of argument i (or the callee) of d. */
static void stored(lower *L, defer_info *d, const char *what)
{
    if (L->scope->dynamic)
        emit_gen(L, "((struct cgoc_d%u *)cgoc_l)->cgoc_d%u_%s", d->id, d->id, what);
    else if (d->conditional)
        emit_gen(L, "cgoc_d%u.cgoc_d%u_%s", d->id, d->id, what);
    else
        emit_gen(L, "cgoc_d%u_%s", d->id, what);
}

static walk_step find_own_return(TSNode node, void *arg)
{
    if (node_is(node, "go_statement") && !ts_node_is_null(field(node, "body")))
        return WALK_OVER; /* a return there ends the goroutine */
    if (node_is(node, "return_statement")) {
        *(bool *)arg = true;
        return WALK_STOP;
    }
    return WALK_INTO;
}

static void emit_deferred_call(lower *L, defer_info *d)
{
    if (d->invalid)
        return;
    if (!ts_node_is_null(d->body)) {
        /* `return;` in the block leaves the block only: a jump past it. */
        bool has_return = false;
        parse_walk(d->body, find_own_return, &has_return);
        unsigned saved = L->scope->defer_exit;
        L->scope->defer_exit = has_return ? fresh_id(L) : 0;
        L->scope->in_defer_block++;
        emit_gen(L, " ");
        emit_node(L, d->body);
        L->scope->in_defer_block--;
        if (has_return)
            emit_gen(L, " cgoc_dend_%u:;", L->scope->defer_exit);
        L->scope->defer_exit = saved;
        return;
    }
    emit_gen(L, " ");
    if (d->conditional && !L->scope->dynamic)
        emit_gen(L, "if (cgoc_d%u.on) ", d->id);
    if (d->builtin)
        emit_gen(L, "%s(", d->builtin);
    else if (d->store_callee) {
        emit_gen(L, "(");
        stored(L, d, "fn");
        emit_gen(L, ")(");
    } else {
        emit_node(L, d->fn);
        emit_gen(L, "(");
    }
    for (uint32_t i = 0; i < d->nargs; i++) {
        if (i)
            emit_gen(L, ", ");
        if (d->literal[i])
            emit_node(L, d->args[i]);
        else {
            char what[24];
            snprintf(what, sizeof what, "a%u", i);
            stored(L, d, what);
        }
    }
    if (d->builtin) {
        emit_gen(L, ", ");
        emit_site(L, ts_node_start_byte(d->node));
    }
    emit_gen(L, ");");
}

/* Whether defer d may have been registered when the exit at offset `at`
 * is reached: it comes before it, or a loop around d also holds the exit
 * (an earlier iteration registered it). Only those get a case at that exit
 * (a later `defer { }` may use variables not declared at the exit yet). */
static bool may_be_registered(const struct fn_scope *s, const defer_info *d, size_t at)
{
    if (ts_node_start_byte(d->node) < at)
        return true;
    for (TSNode p = ts_node_parent(d->node); !ts_node_eq(p, s->body); p = ts_node_parent(p))
        if (is_loop(p) && ts_node_start_byte(p) <= at && at < ts_node_end_byte(p))
            return true;
    return false;
}

/* A dynamic scope's exit: pop and run every registered record. */
static void run_dynamic_defers(lower *L, size_t at)
{
    struct fn_scope *s = L->scope;
    emit_gen(L, " while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers;"
                " cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) {");
    for (size_t i = s->ndefers; i-- > 0;) {
        if (!may_be_registered(s, &s->defers[i], at))
            continue;
        emit_gen(L, " case %u: {", s->defers[i].id);
        emit_deferred_call(L, &s->defers[i]);
        emit_gen(L, " } break;");
    }
    emit_gen(L, " default: break; } free(cgoc_l); }");
}

/* The deferred calls active at an exit point at offset `at`, last first. */
static bool run_defers(lower *L, size_t at)
{
    struct fn_scope *s = L->scope;
    if (s->dynamic) {
        run_dynamic_defers(L, at);
        return true;
    }
    bool any = false;
    for (size_t i = s->ndefers; i-- > 0;)
        if (ts_node_start_byte(s->defers[i].node) < at) {
            emit_deferred_call(L, &s->defers[i]);
            any = true;
        }
    return any;
}

static bool any_defer_before(const struct fn_scope *s, size_t at)
{
    if (s->dynamic)
        return s->ndefers > 0; /* a loop may have registered a later defer */
    for (size_t i = 0; i < s->ndefers; i++)
        if (ts_node_start_byte(s->defers[i].node) < at)
            return true;
    return false;
}

/* Falling off the end of the body. */
void scope_epilogue(lower *L, size_t at)
{
    if (L->scope && L->scope->ndefers)
        run_defers(L, at);
}

static void emit_return(lower *L, TSNode node)
{
    struct fn_scope *s = L->scope;
    size_t at = ts_node_start_byte(node);
    TSNode value = ts_node_named_child_count(node) ? ts_node_named_child(node, 0) : (TSNode){0};
    if (!ts_node_is_null(value) && node_is(value, "comment"))
        value = (TSNode){0};
    if (ts_node_is_null(value)) {
        emit_gen(L, "{");
        run_defers(L, at);
        emit_gen(L, " return; }");
        return;
    }
    buf decl = {0};
    if (!s->returns_value || !type_decl_or_error(L, node, s->ret, "cgoc_result", &decl)) {
        buf_free(&decl);
        emit_children(L, node);
        return;
    }
    emit_gen(L, "{ %s = (", buf_cstr(&decl));
    emit_node(L, value);
    emit_gen(L, ");");
    run_defers(L, at);
    emit_gen(L, " return cgoc_result; }");
    buf_free(&decl);
}

/* Dynamic scope: push a record holding the callee and arguments now. */
static void emit_registration(lower *L, defer_info *d)
{
    if (!ts_node_is_null(d->body)) {
        emit_gen(L, "{ struct cgoc_defer_link *cgoc_r = malloc(sizeof *cgoc_r);"
                    " if (!cgoc_r) abort(); cgoc_r->kind = %u; cgoc_r->next = cgoc_defers;"
                    " cgoc_defers = cgoc_r; }",
                 d->id);
        return;
    }
    emit_gen(L, "{ struct cgoc_d%u *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort();", d->id);
    if (d->store_callee) {
        emit_gen(L, " cgoc_r->cgoc_d%u_fn = (", d->id);
        emit_node(L, d->fn);
        emit_gen(L, ");");
    }
    for (uint32_t i = 0; i < d->nargs; i++) {
        if (d->literal[i])
            continue;
        emit_gen(L, " cgoc_r->cgoc_d%u_a%u = (", d->id, i);
        emit_node(L, d->args[i]);
        emit_gen(L, ");");
    }
    emit_gen(L, " cgoc_r->link.kind = %u; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }",
             d->id);
}

/* Whether scope node `p` declares `name` before offset `before`. */
static bool declares(const lower *L, TSNode p, const char *name, size_t len, size_t before)
{
    TSNode decls[64];
    size_t n = 0;
    if (node_is(p, "compound_statement")) {
        for (uint32_t i = 0; i < ts_node_named_child_count(p) && n < 64; i++) {
            TSNode c = ts_node_named_child(p, i);
            if (ts_node_start_byte(c) >= before)
                break;
            if (node_is(c, "declaration"))
                decls[n++] = c;
        }
    } else if (node_is(p, "for_statement")) {
        TSNode init = field(p, "initializer");
        if (node_is(init, "declaration"))
            decls[n++] = init;
    } else if (node_is(p, "for_range_statement") || node_is(p, "select_case")) {
        TSNode d = declared_name(field(p, "declarator"));
        if (!ts_node_is_null(d) && ts_node_end_byte(d) - ts_node_start_byte(d) == len &&
            strncmp(L->src->text + ts_node_start_byte(d), name, len) == 0)
            return true;
    }
    for (size_t k = 0; k < n; k++)
        for (uint32_t i = 0; i < ts_node_named_child_count(decls[k]); i++) {
            TSNode c = ts_node_named_child(decls[k], i);
            if (!node_is(c, "init_declarator") && !node_is(c, "identifier") && !node_is(c, "pointer_declarator") &&
                !node_is(c, "array_declarator"))
                continue;
            TSNode d = declared_name(c);
            if (!ts_node_is_null(d) && ts_node_end_byte(d) - ts_node_start_byte(d) == len &&
                strncmp(L->src->text + ts_node_start_byte(d), name, len) == 0)
                return true;
        }
    return false;
}

typedef struct block_check {
    lower *L;
    defer_info *d;
    TSNode body; /* the function's (or go block's) outermost block */
    bool reported;
} block_check;

/* An identifier of a defer block must not name a variable of an inner
 * block: that variable is gone when the block runs. Scopes are searched
 * from the identifier outwards; the nearest declaration decides. */
static walk_step check_identifier(TSNode node, void *arg)
{
    block_check *c = arg;
    if (!node_is(node, "identifier"))
        return WALK_INTO;
    const char *name = c->L->src->text + ts_node_start_byte(node);
    size_t len = ts_node_end_byte(node) - ts_node_start_byte(node);
    size_t at = ts_node_start_byte(node);
    bool inside = true; /* still within the defer block */
    for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p)) {
        if (ts_node_eq(p, c->d->node))
            inside = false;
        if (ts_node_eq(p, c->body))
            return WALK_OVER; /* the outermost block, a parameter or a global */
        if (declares(c->L, p, name, len, at)) {
            if (!inside)
                diag_at(c->L->src, at, DIAG_ERROR, NULL,
                        "defer block uses '%.*s', a variable of an inner block that no longer exists "
                        "when the deferred block runs; use 'defer CALL;', which copies its arguments",
                        (int)len, name);
            return WALK_OVER;
        }
    }
    return WALK_OVER;
}

static void check_block_variables(lower *L, defer_info *d)
{
    block_check c = {L, d, L->scope->body, false};
    parse_walk(d->body, check_identifier, &c);
}

static void emit_defer_statement(lower *L, TSNode node)
{
    struct fn_scope *s = L->scope;
    defer_info *d = NULL;
    for (size_t i = 0; s && i < s->ndefers; i++)
        if (ts_node_eq(s->defers[i].node, node))
            d = &s->defers[i];
    if (!d) {
        diag_at(L->src, ts_node_start_byte(node), DIAG_ERROR, NULL, "'defer' outside of a function");
        return;
    }
    if (d->invalid)
        return;
    if (!ts_node_is_null(d->body)) {
        check_block_variables(L, d);
        check_block_jumps(L, d->body, "defer block");
    }
    if (s->dynamic) {
        emit_registration(L, d);
        return;
    }
    if (!ts_node_is_null(d->body)) {
        emit_gen(L, ";"); /* the block runs at the exit points */
        return;
    }
    if (d->conditional)
        emit_gen(L, "{ ");
    if (d->store_callee) {
        if (!d->conditional)
            emit_gen(L, "%s", buf_cstr(&d->members)); /* declarations; values assigned below */
        stored(L, d, "fn");
        emit_gen(L, " = (");
        emit_node(L, d->fn);
        emit_gen(L, "); ");
    } else if (!d->conditional && d->members.len) {
        emit_gen(L, "%s ", buf_cstr(&d->members));
    }
    for (uint32_t i = 0; i < d->nargs; i++) {
        if (d->literal[i])
            continue;
        char what[24];
        snprintf(what, sizeof what, "a%u", i);
        stored(L, d, what);
        emit_gen(L, " = (");
        emit_node(L, d->args[i]);
        emit_gen(L, "); ");
    }
    if (d->conditional)
        emit_gen(L, "cgoc_d%u.on = true; }", d->id);
}

/* Top-level function definitions: scope for defers, and main's renaming. */
bool main_match(const lower *L, TSNode node, TSNode *name, TSNode *params);
void main_note(lower *L, TSNode params);

static TSNode function_name(TSNode node)
{
    TSNode d = field(node, "declarator");
    while (!ts_node_is_null(d) && !node_is(d, "function_declarator"))
        d = field(d, "declarator");
    return ts_node_is_null(d) ? d : declared_name(field(d, "declarator"));
}

static walk_step find_defer(TSNode node, void *arg)
{
    if (!node_is(node, "defer_statement"))
        return WALK_INTO;
    *(bool *)arg = true;
    return WALK_STOP;
}

/* Any defer_statement anywhere below body. */
static bool has_defer(TSNode body)
{
    bool found = false;
    parse_walk(body, find_defer, &found);
    return found;
}

static bool emit_function(lower *L, TSNode node)
{
    TSNode body = field(node, "body");
    TSNode name = function_name(node);
    if (ts_node_is_null(body) || ts_node_is_null(name) || !node_is(body, "compound_statement"))
        return false;
    TSNode mname, mparams;
    bool is_main = !L->render && main_match(L, node, &mname, &mparams);
    bool defers = has_defer(body);
    if (!is_main && !defers)
        return false;
    if (L->render) {
        /* `(void)name;` at the top of the body: its type gives the return type */
        emit_span(L, node, ts_node_start_byte(node), ts_node_start_byte(body));
        emit_src(L, ts_node_start_byte(body), ts_node_start_byte(body) + 1);
        emit_gen(L, "(void)");
        emit_node(L, name);
        emit_gen(L, ";");
        emit_span(L, body, ts_node_start_byte(body) + 1, ts_node_end_byte(body));
        return true;
    }
    CXType fn_t = {0}, ret = {0};
    bool returns_value = false;
    if (node_type(L, name, &fn_t)) {
        ret = clang_getResultType(clang_getCanonicalType(fn_t));
        CXType cursor_ret;
        CXCursor c;
        if (node_cursor(L, name, &c)) {
            cursor_ret = clang_getCursorResultType(clang_getCursorReferenced(c));
            if (cursor_ret.kind != CXType_Invalid)
                ret = cursor_ret;
        }
        returns_value = ret.kind != CXType_Void && ret.kind != CXType_Invalid;
    } else if (defers) {
        diag_at(L->src, ts_node_start_byte(name), DIAG_ERROR, NULL, "cgoc cannot determine the type of this function");
        return true;
    }
    if (is_main)
        main_note(L, mparams);
    scope_open(L, body, returns_value, ret);
    if (is_main) {
        L->rename = name;
        L->rename_to = "cgoc_main";
    }
    emit_span(L, node, ts_node_start_byte(node), ts_node_start_byte(body));
    L->rename = (TSNode){0};
    emit_src(L, ts_node_start_byte(body), ts_node_start_byte(body) + 1);
    scope_prologue(L);
    size_t close = ts_node_end_byte(body) - 1;
    emit_span(L, body, ts_node_start_byte(body) + 1, close);
    if (is_main) {
        /* Falling off the end of main returns 0; of cgoc_main it would not. */
        if (any_defer_before(L->scope, close)) {
            emit_gen(L, " { int cgoc_result = 0;");
            run_defers(L, close);
            emit_gen(L, " return cgoc_result; }");
        } else {
            emit_gen(L, " return 0;");
        }
    } else {
        scope_epilogue(L, close);
    }
    emit_src(L, close, ts_node_end_byte(body));
    emit_src(L, ts_node_end_byte(body), ts_node_end_byte(node));
    scope_close(L);
    return true;
}

bool defer_emit(lower *L, TSNode node)
{
    if (node_is(node, "function_definition") && node_is(ts_node_parent(node), "translation_unit"))
        return emit_function(L, node);
    if (node_is(node, "return_statement")) {
        if (!L->render && L->scope && L->scope->in_defer_block && L->scope->defer_exit) {
            emit_gen(L, "goto cgoc_dend_%u;", L->scope->defer_exit);
            return true;
        }
        if (L->render || !L->scope || L->scope->in_defer_block || !any_defer_before(L->scope, ts_node_start_byte(node)))
            return false;
        emit_return(L, node);
        return true;
    }
    if (!node_is(node, "defer_statement"))
        return false;
    if (L->render) {
        TSNode call = field(node, "call");
        if (!ts_node_is_null(call)) {
            emit_node(L, call);
            emit_gen(L, ";");
        } else {
            emit_node(L, field(node, "body"));
        }
        return true;
    }
    emit_defer_statement(L, node);
    return true;
}
