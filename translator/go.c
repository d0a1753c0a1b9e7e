/* go.c — `go CALL;` and `go { }`.
 *
 * go CALL: the callee (when it is not a plain function name) and the
 * arguments are evaluated now, into an argument struct whose members have
 * the parameter types (so C converts them as the call would; variadic
 * extras get the default argument promotions), and a file-scope trampoline
 * makes the call in the new goroutine. cgo_go_at copies the struct. */
#include "lower.h"

#include "diag.h"
#include "source.h"

#include <string.h>

/* The type an argument has after C's default argument promotions, for
 * variadic extras and unprototyped callees. */
void promoted_member(lower *L, TSNode arg, CXType t, const char *name, buf *out, bool *ok)
{
    CXType c = clang_getCanonicalType(t);
    switch (c.kind) {
    case CXType_Bool:
    case CXType_Char_S:
    case CXType_Char_U:
    case CXType_SChar:
    case CXType_UChar:
    case CXType_Short:
    case CXType_UShort:
        buf_printf(out, "int %s", name);
        return;
    case CXType_Float:
        buf_printf(out, "double %s", name);
        return;
    case CXType_ConstantArray:
    case CXType_IncompleteArray: {
        buf ptr = {0};
        buf_printf(&ptr, "*%s", name);
        *ok = *ok && type_decl_or_error(L, arg, clang_getArrayElementType(c), buf_cstr(&ptr), out);
        buf_free(&ptr);
        return;
    }
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: {
        /* a function designator decays to a pointer to it */
        buf ptr = {0};
        buf_printf(&ptr, "(*%s)", name);
        *ok = *ok && type_decl_or_error(L, arg, c, buf_cstr(&ptr), out);
        buf_free(&ptr);
        return;
    }
    default:
        *ok = *ok && type_decl_or_error(L, arg, t, name, out);
    }
}

static bool is_builtin_name(const lower *L, TSNode fn, const char *name)
{
    size_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
    return node_is(fn, "identifier") && e - s == strlen(name) && strncmp(L->src->text + s, name, e - s) == 0;
}

void go_args_struct(lower *L, unsigned id, const char *members)
{
    file_scope_gen(L, "struct cgoc_go_%u {\n%s};\n", id, members);
    file_scope_gen(L, "_Static_assert(_Alignof(struct cgoc_go_%u) <= CGO_GO_ARGS_ALIGN, "
                      "\"go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of "
                      "alignment\");\n", id);
}

/* A cache line of its own (cgo.h, CGO_GO_ARGS_ALIGN): a loop of go
 * statements rewrites the block at every iteration, and must not take the
 * line of a variable it shares with the goroutines away from their CPUs. */
void go_args_open(lower *L, unsigned id)
{
    emit_gen(L, "{ _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_%u) struct cgoc_go_%u cgoc_args = {",
             id, id);
}

static void lower_go_call(lower *L, TSNode node, TSNode call)
{
    TSNode fn = field(call, "function"), args = field(call, "arguments");
    uint32_t nargs = ts_node_named_child_count(args);
    TSNode argv[nargs ? nargs : 1];
    uint32_t n = 0;
    for (uint32_t i = 0; i < nargs; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (!node_is(a, "comment"))
            argv[n++] = a;
    }
    nargs = n;

    /* Channel builtins are ordinary calls for go: go close(c). */
    const char *builtin = NULL;
    CXType at;
    CXType ignored_elem;
    chan_dir ignored_dir;
    if (nargs == 1 && node_type(L, argv[0], &at) && type_is_chan(at, &ignored_elem, &ignored_dir)) {
        if (is_builtin_name(L, fn, "close"))
            builtin = "cgo_chan_close_at";
        else if (is_builtin_name(L, fn, "free"))
            builtin = "cgo_chan_free_at";
        else if (is_builtin_name(L, fn, "len") || is_builtin_name(L, fn, "cap"))
            builtin = "(void)";
    }

    CXType callee_t, fn_t;
    bool indirect = false, proto = false, have_fn = false;
    if (!builtin && node_type(L, fn, &callee_t) && type_function(callee_t, &fn_t, &indirect)) {
        have_fn = true;
        proto = fn_t.kind == CXType_FunctionProto;
    }
    if (!builtin && !have_fn && !node_is(fn, "identifier")) {
        need_type(L, fn, &callee_t);
        return;
    }
    /* A function name is called by name in the trampoline; any other
     * callee expression is evaluated now and stored. */
    bool store_callee = have_fn && (indirect || !node_is(fn, "identifier"));

    unsigned id = fresh_id(L);
    unsigned line, col;
    source_position(L->src, ts_node_start_byte(node), &line, &col);
    buf members = {0};
    bool ok = true;
    if (store_callee) {
        buf_puts(&members, "    ");
        CXType ptr = callee_t;
        if (!indirect) {
            /* a function designator, e.g. (f): store a pointer to it */
            ok = type_decl_or_error(L, fn, fn_t, "(*cgoc_fn)", &members);
        } else {
            ok = type_decl_or_error(L, fn, ptr, "cgoc_fn", &members);
        }
        buf_puts(&members, ";\n");
    }
    int nparams = have_fn && proto ? clang_getNumArgTypes(fn_t) : 0;
    if (have_fn && proto && (int)nargs < nparams) {
        diag_at(L->src, ts_node_start_byte(call), DIAG_ERROR, NULL, "too few arguments to function call, expected %d, have %u",
                nparams, nargs);
        buf_free(&members);
        return;
    }
    for (uint32_t i = 0; i < nargs && ok; i++) {
        char name[32];
        snprintf(name, sizeof name, "a%u", i);
        buf_puts(&members, "    ");
        if (builtin) {
            buf_printf(&members, "cgo_chan *%s", name);
        } else if ((int)i < nparams) {
            ok = type_decl_or_error(L, argv[i], clang_getArgType(fn_t, i), name, &members);
        } else {
            CXType t;
            if (!need_type(L, argv[i], &t)) {
                ok = false;
                break;
            }
            promoted_member(L, argv[i], t, name, &members, &ok);
        }
        buf_puts(&members, ";\n");
    }
    if (!ok) {
        buf_free(&members);
        return;
    }
    bool has_struct = members.len > 0;
    if (has_struct)
        go_args_struct(L, id, buf_cstr(&members));
    file_scope_gen(L, "static const cgo_site cgoc_site_%u = {%s, %u};\n", id, buf_cstr(&L->path_literal), line);
    file_scope_gen(L, "static void cgoc_go_%u(void *cgoc_args)\n{\n", id);
    if (has_struct)
        file_scope_gen(L, "    struct cgoc_go_%u *cgoc_a = cgoc_args;\n    ", id);
    else
        file_scope_gen(L, "    (void)cgoc_args;\n    ");
    if (builtin && strcmp(builtin, "(void)") == 0) {
        file_scope_gen(L, "(void)cgoc_a->a0;\n}\n");
    } else {
        if (builtin)
            file_scope_gen(L, "%s(", builtin);
        else if (store_callee)
            file_scope_gen(L, "cgoc_a->cgoc_fn(");
        else {
            buf callee = {0};
            lower_to(L, fn, &callee);
            file_scope_gen(L, "%s(", buf_cstr(&callee));
            buf_free(&callee);
        }
        for (uint32_t i = 0; i < nargs; i++)
            file_scope_gen(L, "%scgoc_a->a%u", i ? ", " : "", i);
        if (builtin)
            file_scope_gen(L, ", &cgoc_site_%u", id);
        file_scope_gen(L, ");\n}\n");
    }

    if (!has_struct) {
        emit_gen(L, "cgo_go_at(cgoc_go_%u, NULL, 0, &cgoc_site_%u);", id, id);
        return;
    }
    go_args_open(L, id);
    bool first = true;
    if (store_callee) {
        emit_gen(L, "(");
        emit_node(L, fn);
        emit_gen(L, ")");
        first = false;
    }
    for (uint32_t i = 0; i < nargs; i++) {
        emit_gen(L, first ? "(" : ", (");
        emit_node(L, argv[i]);
        emit_gen(L, ")");
        first = false;
    }
    emit_gen(L, "}; cgo_go_at(cgoc_go_%u, &cgoc_args, sizeof cgoc_args, &cgoc_site_%u); }", id, id);
}

bool go_emit(lower *L, TSNode node)
{
    if (!node_is(node, "go_statement"))
        return false;
    TSNode call = field(node, "call"), body = field(node, "body");
    if (L->render) {
        /* typed as the call itself, or as a plain block */
        if (!ts_node_is_null(call)) {
            emit_node(L, call);
            emit_gen(L, ";");
        } else {
            emit_node(L, body);
        }
        return true;
    }
    if (!ts_node_is_null(body)) {
        go_block(L, node, body);
        return true;
    }
    if (!node_is(call, "call_expression")) {
        diag_at(L->src, ts_node_start_byte(call), DIAG_ERROR, NULL, "expression in go must be a function call");
        return true;
    }
    lower_go_call(L, node, call);
    return true;
}
