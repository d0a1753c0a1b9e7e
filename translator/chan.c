/* chan.c — channel types, make, send, receive, comma-ok receive, the
 * for-range loop, and the builtins close/len/cap/free on channels. */
#include "lower.h"

#include "diag.h"
#include "source.h"

#include <string.h>

static const char *const dir_tag[] = {"bi", "send", "recv"};

/* Direction from the tokens around `chan`: `<-chan` receive-only,
 * `chan<-` send-only. */
static chan_dir channel_type_dir(TSNode type)
{
    bool seen_chan = false;
    uint32_t n = ts_node_child_count(type);
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_child(type, i);
        const char *t = ts_node_type(c);
        if (strcmp(t, "chan<-") == 0)
            return CHAN_SEND;
        if (strcmp(t, "chan") == 0)
            seen_chan = true;
        else if (strcmp(t, "<-") == 0)
            return seen_chan ? CHAN_SEND : CHAN_RECV;
        if (ts_node_is_named(c))
            break;
    }
    return CHAN_BI;
}

static void render_channel_type(lower *L, TSNode node)
{
    emit_gen(L, "__typeof__(");
    emit_node(L, field(node, "element"));
    emit_gen(L, " (*)(struct cgoc_dir_%s *))", dir_tag[channel_type_dir(node)]);
}

/* The name of `static inline T cgoc_recv_N(cgo_chan *, const cgo_site *)`,
 * created on first use: a receive then works in any expression position and
 * runs exactly when C evaluates it. */
static const char *recv_helper(lower *L, TSNode at, CXType elem)
{
    buf decl = {0};
    if (!type_decl_or_error(L, at, elem, "", &decl)) {
        buf_free(&decl);
        return NULL;
    }
    const char *name = helper_lookup(L, buf_cstr(&decl));
    if (!name) {
        buf fn = {0}, var = {0}, ret = {0};
        buf_printf(&fn, "cgoc_recv_%u", fresh_id(L));
        type_decl(L->types, elem, "cgoc_value", &var);
        buf_printf(&ret, "%s(cgo_chan *cgoc_c, const cgo_site *cgoc_site)", buf_cstr(&fn));
        buf sig = {0};
        type_decl(L->types, elem, buf_cstr(&ret), &sig);
        file_scope_gen(L,
                       "static inline %s\n{\n    %s;\n    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);\n"
                       "    return cgoc_value;\n}\n",
                       buf_cstr(&sig), buf_cstr(&var));
        helper_add(L, buf_cstr(&decl), buf_cstr(&fn));
        name = helper_lookup(L, buf_cstr(&decl));
        buf_free(&fn);
        buf_free(&var);
        buf_free(&ret);
        buf_free(&sig);
    }
    buf_free(&decl);
    return name;
}

/* The channel type of operand (error if it is not a channel). */
bool channel_operand(lower *L, TSNode operand, CXType *elem, chan_dir *dir, const char *what)
{
    CXType t;
    if (!need_type(L, operand, &t))
        return false;
    if (type_is_chan(t, elem, dir))
        return true;
    buf shown = {0};
    type_display(t, &shown);
    diag_at(L->src, ts_node_start_byte(operand), DIAG_ERROR, NULL, "cannot %s '%s', which is not a channel",
            what, buf_cstr(&shown));
    buf_free(&shown);
    return false;
}

bool check_recv_dir(lower *L, TSNode operand, chan_dir dir, CXType t)
{
    (void)t;
    if (dir != CHAN_SEND)
        return true;
    buf shown = {0};
    CXType ct;
    if (node_type(L, operand, &ct))
        type_display(ct, &shown);
    diag_at(L->src, ts_node_start_byte(operand), DIAG_ERROR, NULL,
            "cannot receive from send-only channel of type '%s'", buf_cstr(&shown));
    buf_free(&shown);
    return false;
}

static void emit_receive(lower *L, TSNode node, bool discard)
{
    TSNode ch = field(node, "channel");
    if (L->render) {
        emit_gen(L, "((");
        emit_node(L, ch);
        emit_gen(L, ")(0))");
        return;
    }
    CXType elem;
    chan_dir dir;
    if (!channel_operand(L, ch, &elem, &dir, "receive from") || !check_recv_dir(L, ch, dir, elem))
        return;
    if (discard) {
        emit_gen(L, "cgo_chan_recv_at(");
        emit_node(L, ch);
        emit_gen(L, ", NULL, ");
    } else {
        const char *helper = recv_helper(L, node, elem);
        if (!helper)
            return;
        emit_gen(L, "%s(", helper);
        emit_node(L, ch);
        emit_gen(L, ", ");
    }
    emit_site(L, ts_node_start_byte(node));
    emit_gen(L, ")");
}

/* Equal types apart from top-level const/volatile. */
static bool same_unqualified(CXType a, CXType b)
{
    CXString sa = clang_getTypeSpelling(clang_getCanonicalType(a));
    CXString sb = clang_getTypeSpelling(clang_getCanonicalType(b));
    const char *x = clang_getCString(sa), *y = clang_getCString(sb);
    for (int i = 0; i < 2; i++) {
        if (strncmp(x, "const ", 6) == 0) x += 6;
        if (strncmp(x, "volatile ", 9) == 0) x += 9;
        if (strncmp(y, "const ", 6) == 0) y += 6;
        if (strncmp(y, "volatile ", 9) == 0) y += 9;
    }
    bool same = strcmp(x, y) == 0;
    clang_disposeString(sa);
    clang_disposeString(sb);
    return same;
}

/* Whether a value of type v may be sent on a channel of elem: what C
 * would accept for an initialisation without a diagnostic, roughly. */
static bool sendable(CXType v, CXType elem, TSNode value, const lower *L)
{
    CXType vc = clang_getCanonicalType(v), ec = clang_getCanonicalType(elem);
    CXType ve, ee;
    chan_dir vd, ed;
    if (type_is_chan(ec, &ee, &ed)) {
        if (!type_is_chan(vc, &ve, &vd))
            return node_is(value, "null") || (node_is(value, "number_literal") &&
                                              L->src->text[ts_node_start_byte(value)] == '0');
        return clang_equalTypes(clang_getCanonicalType(ve), clang_getCanonicalType(ee)) &&
               (vd == ed || vd == CHAN_BI);
    }
    bool v_arith = (vc.kind >= CXType_Bool && vc.kind <= CXType_LongDouble) || vc.kind == CXType_Enum ||
                   vc.kind == CXType_Complex;
    bool e_arith = (ec.kind >= CXType_Bool && ec.kind <= CXType_LongDouble) || ec.kind == CXType_Enum ||
                   ec.kind == CXType_Complex;
    if (e_arith)
        return v_arith;
    if (ec.kind == CXType_Pointer) {
        if (vc.kind == CXType_ConstantArray || vc.kind == CXType_IncompleteArray)
            vc = clang_getArrayElementType(vc), ec = clang_getCanonicalType(clang_getPointeeType(ec));
        else if (vc.kind == CXType_FunctionProto || vc.kind == CXType_FunctionNoProto)
            ec = clang_getCanonicalType(clang_getPointeeType(ec));
        else if (vc.kind == CXType_Pointer) {
            vc = clang_getCanonicalType(clang_getPointeeType(vc));
            ec = clang_getCanonicalType(clang_getPointeeType(ec));
            if (vc.kind == CXType_Void || ec.kind == CXType_Void)
                return true;
        } else
            return v_arith && (node_is(value, "null") || (node_is(value, "number_literal") &&
                                                          L->src->text[ts_node_start_byte(value)] == '0'));
        return same_unqualified(vc, ec);
    }
    return same_unqualified(vc, ec);
}

/* A send's checks: channel operand, direction, value type. */
bool check_send(lower *L, TSNode node, TSNode ch, TSNode value, CXType *elem_out)
{
    CXType elem, vt;
    chan_dir dir;
    if (!channel_operand(L, ch, &elem, &dir, "send on"))
        return false;
    CXType ct;
    node_type(L, ch, &ct);
    if (dir == CHAN_RECV) {
        buf shown = {0};
        type_display(ct, &shown);
        diag_at(L->src, ts_node_start_byte(node), DIAG_ERROR, NULL,
                "cannot send on receive-only channel of type '%s'", buf_cstr(&shown));
        buf_free(&shown);
        return false;
    }
    if (!need_type(L, value, &vt))
        return false;
    if (!sendable(vt, elem, value, L)) {
        buf vs = {0}, cs = {0};
        type_display(vt, &vs);
        type_display(ct, &cs);
        diag_at(L->src, ts_node_start_byte(value), DIAG_ERROR, NULL, "cannot send '%s' on '%s'", buf_cstr(&vs),
                buf_cstr(&cs));
        buf_free(&vs);
        buf_free(&cs);
        return false;
    }
    *elem_out = elem;
    return true;
}

void emit_send(lower *L, TSNode node, TSNode ch, TSNode value)
{
    if (L->render) {
        emit_gen(L, "{ __typeof__(((");
        emit_node(L, ch);
        emit_gen(L, ")(0))) cgoc_send_value = (");
        emit_node(L, value);
        emit_gen(L, "); (void)cgoc_send_value; }");
        return;
    }
    CXType elem;
    if (!check_send(L, node, ch, value, &elem))
        return;
    buf var = {0};
    if (!type_decl_or_error(L, value, elem, "cgoc_value", &var)) {
        buf_free(&var);
        return;
    }
    /* Go evaluates the channel, then the value; the temporary gives C the
     * conversion to the element type. */
    emit_gen(L, "{ cgo_chan *cgoc_c = (");
    emit_node(L, ch);
    emit_gen(L, "); %s = (", buf_cstr(&var));
    emit_node(L, value);
    emit_gen(L, "); cgo_chan_send_at(cgoc_c, &cgoc_value, ");
    emit_site(L, ts_node_start_byte(node));
    emit_gen(L, "); }");
    buf_free(&var);
}

static void emit_receive_assignment(lower *L, TSNode node)
{
    TSNode value = field(node, "value"), ok = field(node, "ok"), recv = field(node, "receive");
    TSNode ch = field(recv, "channel");
    if (L->render) {
        emit_gen(L, "(");
        emit_node(L, value);
        emit_gen(L, ") = ");
        emit_node(L, recv);
        emit_gen(L, "; (");
        emit_node(L, ok);
        emit_gen(L, ") = 1;");
        return;
    }
    CXType elem;
    chan_dir dir;
    if (!channel_operand(L, ch, &elem, &dir, "receive from") || !check_recv_dir(L, ch, dir, elem))
        return;
    buf var = {0};
    if (!type_decl_or_error(L, recv, elem, "cgoc_value", &var)) {
        buf_free(&var);
        return;
    }
    emit_gen(L, "{ %s; bool cgoc_ok = cgo_chan_recv_at(", buf_cstr(&var));
    emit_node(L, ch);
    emit_gen(L, ", &cgoc_value, ");
    emit_site(L, ts_node_start_byte(recv));
    emit_gen(L, "); ");
    emit_node(L, value);
    emit_gen(L, " = cgoc_value; ");
    emit_node(L, ok);
    emit_gen(L, " = cgoc_ok; }");
    buf_free(&var);
}

/* The identifier a declarator declares. */
TSNode declared_name(TSNode d)
{
    while (!ts_node_is_null(d) && !node_is(d, "identifier")) {
        TSNode inner = field(d, "declarator");
        if (ts_node_is_null(inner))
            break;
        d = inner;
    }
    return d;
}

static void emit_for_range(lower *L, TSNode node)
{
    TSNode decl = field(node, "declarator"), ch = field(node, "channel"), body = field(node, "body");
    TSNode type = field(node, "type");
    /* The declaration part: from the first specifier to the declarator. */
    size_t decl_start = ts_node_end_byte(ts_node_child(node, 1)); /* after '(' */
    size_t decl_end = ts_node_end_byte(decl);
    (void)type;
    if (L->render) {
        emit_src(L, ts_node_start_byte(node), decl_start);
        emit_span(L, node, decl_start, decl_end);
        emit_gen(L, " = ((");
        emit_node(L, ch);
        emit_gen(L, ")(0));;) ");
        emit_node(L, body);
        return;
    }
    CXType elem;
    chan_dir dir;
    if (!channel_operand(L, ch, &elem, &dir, "range over") || !check_recv_dir(L, ch, dir, elem))
        return;
    TSNode name = declared_name(decl);
    buf nm = {0};
    text_of(L, name, &nm);
    emit_gen(L, "for (cgo_chan *cgoc_range = (");
    emit_node(L, ch);
    emit_gen(L, ");;) {");
    emit_span(L, node, decl_start, decl_end);
    emit_gen(L, "; if (!cgo_chan_recv_at(cgoc_range, &%s, ", buf_cstr(&nm));
    emit_site(L, ts_node_start_byte(node));
    emit_gen(L, ")) break; ");
    emit_node(L, body);
    emit_gen(L, " }");
    buf_free(&nm);
}

/* Runtime functions that return channels are typed for .gc code with their
 * channel types (dialect.md §8); in C they return cgo_chan *. */
static bool render_runtime_chan_call(lower *L, TSNode node, TSNode fn)
{
    static const char *const names[] = {"cgo_after", "cgo_timer_chan", "cgo_ticker_chan"};
    size_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
    if (!node_is(fn, "identifier"))
        return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (e - s == strlen(names[i]) && strncmp(L->src->text + s, names[i], e - s) == 0) {
            emit_gen(L, "((__typeof__(int64_t (*)(struct cgoc_dir_recv *)))");
            emit_children(L, node);
            emit_gen(L, ")");
            return true;
        }
    return false;
}

/* close/len/cap/free with one channel argument; any other use is C's. */
static bool emit_builtin_call(lower *L, TSNode node)
{
    TSNode fn = field(node, "function"), args = field(node, "arguments");
    if (L->render)
        return render_runtime_chan_call(L, node, fn);
    if (!node_is(fn, "identifier") || ts_node_named_child_count(args) != 1)
        return false;
    buf name = {0};
    text_of(L, fn, &name);
    static const char *const names[] = {"close", "len", "cap", "free"};
    int which = -1;
    for (int i = 0; i < 4; i++)
        if (strcmp(buf_cstr(&name), names[i]) == 0)
            which = i;
    buf_free(&name);
    if (which < 0)
        return false;
    TSNode arg = ts_node_named_child(args, 0);
    CXType t, elem;
    chan_dir dir;
    if (!node_type(L, arg, &t) || !type_is_chan(t, &elem, &dir))
        return false;
    if (which == 0 && dir == CHAN_RECV) {
        buf shown = {0};
        type_display(t, &shown);
        diag_at(L->src, ts_node_start_byte(arg), DIAG_ERROR, NULL,
                "cannot close receive-only channel of type '%s'", buf_cstr(&shown));
        buf_free(&shown);
        return true;
    }
    static const char *const lowered[] = {"cgo_chan_close_at(", "cgo_chan_len(", "cgo_chan_cap(",
                                          "cgo_chan_free_at("};
    emit_gen(L, "%s", lowered[which]);
    emit_node(L, arg);
    if (which == 0 || which == 3) {
        emit_gen(L, ", ");
        emit_site(L, ts_node_start_byte(node));
    }
    emit_gen(L, ")");
    return true;
}

/* `#include "x.gh"` names the translated header x.h. */
static bool emit_include(lower *L, TSNode node)
{
    if (L->render)
        return false;
    TSNode path = field(node, "path");
    if (!node_is(path, "string_literal"))
        return false;
    size_t s = ts_node_start_byte(path), e = ts_node_end_byte(path);
    if (e - s < 5 || strncmp(L->src->text + e - 4, ".gh\"", 4) != 0)
        return false;
    emit_src(L, ts_node_start_byte(node), e - 3);
    emit_gen(L, "h\"");
    emit_src(L, e, ts_node_end_byte(node));
    return true;
}

bool chan_emit(lower *L, TSNode node)
{
    const char *type = ts_node_type(node);
    if (strcmp(type, "channel_type") == 0) {
        if (L->render)
            render_channel_type(L, node);
        else
            emit_gen(L, "cgoc_chan");
    } else if (strcmp(type, "make_expression") == 0) {
        TSNode ct = field(node, "type"), cap = field(node, "capacity");
        if (L->render) {
            /* An expression wherever make appears (initialisers of a
             * declaration list too): the capacity is still typed, and its
             * identifiers count as used, inside sizeof. */
            emit_gen(L, "((");
            emit_node(L, ct);
            if (ts_node_is_null(cap)) {
                emit_gen(L, ")0)");
            } else {
                emit_gen(L, ")(0 * sizeof (");
                emit_node(L, cap);
                emit_gen(L, ")))");
            }
            return true;
        }
        emit_gen(L, "cgo_chan_make_at(sizeof(");
        emit_node(L, field(ct, "element"));
        emit_gen(L, "), ");
        if (ts_node_is_null(cap))
            emit_gen(L, "0");
        else {
            emit_gen(L, "(");
            emit_node(L, cap);
            emit_gen(L, ")");
        }
        emit_gen(L, ", ");
        emit_site(L, ts_node_start_byte(node));
        emit_gen(L, ")");
    } else if (strcmp(type, "receive_expression") == 0) {
        emit_receive(L, node, node_is(ts_node_parent(node), "expression_statement"));
    } else if (strcmp(type, "send_statement") == 0) {
        emit_send(L, node, field(node, "channel"), field(node, "value"));
    } else if (strcmp(type, "receive_assignment") == 0) {
        emit_receive_assignment(L, node);
    } else if (strcmp(type, "for_range_statement") == 0) {
        emit_for_range(L, node);
    } else if (strcmp(type, "call_expression") == 0) {
        return emit_builtin_call(L, node);
    } else if (strcmp(type, "preproc_include") == 0) {
        return emit_include(L, node);
    } else {
        return false;
    }
    return true;
}

/* Go's rule for converting channel types implicitly (assignment,
 * initialisation, arguments, return): the element types are the same, and
 * `chan T` converts to `chan<- T` and `<-chan T`, never the other way; a
 * send-only and a receive-only channel do not convert to each other. */
void chan_check_conversions(lower *L)
{
    size_t n;
    const chan_conversion *conv = types_chan_conversions(L->types, &n);
    for (size_t i = 0; i < n; i++) {
        CXType from_elem, to_elem;
        chan_dir from_dir, to_dir;
        type_is_chan(conv[i].from, &from_elem, &from_dir);
        type_is_chan(conv[i].to, &to_elem, &to_dir);
        bool same_elem = clang_equalTypes(clang_getCanonicalType(from_elem), clang_getCanonicalType(to_elem));
        if (same_elem && (from_dir == to_dir || from_dir == CHAN_BI))
            continue;
        size_t at;
        if (!source_offset_of_rendering(L, conv[i].start, conv[i].end, &at))
            continue;
        buf from = {0}, to = {0};
        type_display(conv[i].from, &from);
        type_display(conv[i].to, &to);
        if (!same_elem)
            diag_at(L->src, at, DIAG_ERROR, NULL, "cannot use '%s' as '%s': the element types differ",
                    buf_cstr(&from), buf_cstr(&to));
        else
            diag_at(L->src, at, DIAG_ERROR, NULL,
                    "cannot use '%s' as '%s': a channel converts only from 'chan T' to 'chan<- T' "
                    "or '<-chan T'",
                    buf_cstr(&from), buf_cstr(&to));
        buf_free(&from);
        buf_free(&to);
    }
}
