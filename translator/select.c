/* select.c — select statements.
 *
 *   { cgo_select_case cgoc_cases[N]; <temporaries>;
 *     <each case's channel (and value to send) evaluated in source order>;
 *     int cgoc_chosen = cgo_select_at(cgoc_cases, N, has_default, site);
 *     <unchosen cgo_after channels released>;
 *     switch (cgoc_chosen) { case 0: { <assign/declare received value> BODY } break; ...
 *                            default: { BODY } break; } }
 *
 * The switch makes `break` leave the select and lets `continue` reach the
 * enclosing loop. A select with one case and no default is the plain
 * channel operation; with a default it is the non-blocking try form. */
#include "lower.h"

#include "diag.h"
#include "source.h"

#include <stdio.h>
#include <string.h>

typedef enum case_form { CASE_SEND, CASE_RECV, CASE_RECV_DECL, CASE_RECV_ASSIGN, CASE_RECV_OK } case_form;

typedef struct select_arm {
    TSNode node;
    case_form form;
    TSNode channel, value, ok, receive;
    CXType elem;
    bool after; /* case <-cgo_after(d): release the timer if not chosen */
} select_arm;

/* Offset just after the ':' that ends a case label. */
static size_t after_colon(TSNode c)
{
    uint32_t n = ts_node_child_count(c);
    for (uint32_t i = 0; i < n; i++) {
        TSNode k = ts_node_child(c, i);
        if (!ts_node_is_named(k) && strcmp(ts_node_type(k), ":") == 0)
            return ts_node_end_byte(k);
    }
    return ts_node_end_byte(c);
}

static void classify(TSNode c, select_arm *arm)
{
    arm->node = c;
    arm->receive = field(c, "receive");
    arm->value = field(c, "value");
    arm->ok = field(c, "ok");
    if (ts_node_is_null(arm->receive)) {
        arm->form = CASE_SEND;
        arm->channel = field(c, "channel");
    } else {
        arm->channel = field(arm->receive, "channel");
        if (!ts_node_is_null(field(c, "declarator")))
            arm->form = CASE_RECV_DECL;
        else if (!ts_node_is_null(arm->ok))
            arm->form = CASE_RECV_OK;
        else if (!ts_node_is_null(arm->value))
            arm->form = CASE_RECV_ASSIGN;
        else
            arm->form = CASE_RECV;
    }
}

/* Declaration part of `case int v = <-c:`: from the first specifier to the
 * end of the declarator. */
static void decl_bounds(TSNode c, size_t *from, size_t *to)
{
    *from = ts_node_end_byte(ts_node_child(c, 0)); /* after `case` */
    *to = ts_node_end_byte(field(c, "declarator"));
}

static void render_select(lower *L, TSNode node)
{
    emit_gen(L, "switch (0) {");
    uint32_t n = ts_node_named_child_count(node);
    int k = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(node, i);
        if (node_is(c, "select_default")) {
            emit_gen(L, " default: {");
            emit_span(L, c, after_colon(c), ts_node_end_byte(c));
            emit_gen(L, " }");
            continue;
        }
        if (!node_is(c, "select_case"))
            continue;
        select_arm arm;
        classify(c, &arm);
        emit_gen(L, " case %d: {", k++);
        switch (arm.form) {
        case CASE_SEND:
            emit_send(L, c, arm.channel, arm.value);
            break;
        case CASE_RECV:
            emit_node(L, arm.receive);
            emit_gen(L, ";");
            break;
        case CASE_RECV_DECL: {
            size_t from, to;
            decl_bounds(c, &from, &to);
            emit_span(L, c, from, to);
            emit_gen(L, " = ");
            emit_node(L, arm.receive);
            emit_gen(L, ";");
            break;
        }
        case CASE_RECV_ASSIGN:
        case CASE_RECV_OK:
            emit_gen(L, "(");
            emit_node(L, arm.value);
            emit_gen(L, ") = ");
            emit_node(L, arm.receive);
            emit_gen(L, ";");
            if (arm.form == CASE_RECV_OK) {
                emit_gen(L, " (");
                emit_node(L, arm.ok);
                emit_gen(L, ") = 1;");
            }
            break;
        }
        emit_span(L, c, after_colon(c), ts_node_end_byte(c));
        emit_gen(L, " }");
    }
    emit_gen(L, " }");
}

static bool is_after_call(const lower *L, TSNode ch)
{
    if (!node_is(ch, "call_expression"))
        return false;
    TSNode fn = field(ch, "function");
    size_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
    return node_is(fn, "identifier") && e - s == 9 && strncmp(L->src->text + s, "cgo_after", 9) == 0;
}

static void lower_select(lower *L, TSNode node)
{
    uint32_t n = ts_node_named_child_count(node);
    select_arm arms[n ? n : 1];
    int narms = 0;
    TSNode dflt = {0};
    bool has_default = false, ok = true;
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(node, i);
        if (node_is(c, "select_default")) {
            if (has_default)
                diag_at(L->src, ts_node_start_byte(c), DIAG_ERROR, NULL, "multiple defaults in select");
            dflt = c;
            has_default = true;
            continue;
        }
        if (!node_is(c, "select_case"))
            continue;
        select_arm *arm = &arms[narms++];
        classify(c, arm);
        chan_dir dir;
        if (arm->form == CASE_SEND)
            ok = check_send(L, c, arm->channel, arm->value, &arm->elem) && ok;
        else
            ok = channel_operand(L, arm->channel, &arm->elem, &dir, "receive from") &&
                 check_recv_dir(L, arm->channel, dir, arm->elem) && ok;
        arm->after = arm->form != CASE_SEND && is_after_call(L, arm->channel);
    }
    if (!ok)
        return;

    emit_gen(L, "{ ");
    if (narms)
        emit_gen(L, "cgo_select_case cgoc_cases[%d]; ", narms);
    /* temporaries for the values sent and received */
    for (int i = 0; i < narms; i++) {
        select_arm *a = &arms[i];
        if (a->form == CASE_RECV)
            continue;
        char name[32];
        snprintf(name, sizeof name, "cgoc_value%d", i);
        buf d = {0};
        if (!type_decl_or_error(L, a->node, a->elem, name, &d)) {
            buf_free(&d);
            return;
        }
        emit_gen(L, "%s; ", buf_cstr(&d));
        buf_free(&d);
        if (a->form == CASE_RECV_OK)
            emit_gen(L, "bool cgoc_ok%d; ", i);
    }
    /* operands, in source order */
    for (int i = 0; i < narms; i++) {
        select_arm *a = &arms[i];
        emit_gen(L, "cgoc_cases[%d].chan = (", i);
        emit_node(L, a->channel);
        emit_gen(L, "); ");
        if (a->form == CASE_SEND) {
            emit_gen(L, "cgoc_value%d = (", i);
            emit_node(L, a->value);
            emit_gen(L, "); cgoc_cases[%d].dir = CGO_SELECT_SEND; cgoc_cases[%d].elem = &cgoc_value%d; "
                        "cgoc_cases[%d].ok = NULL; ",
                     i, i, i, i);
        } else {
            emit_gen(L, "cgoc_cases[%d].dir = CGO_SELECT_RECV; ", i);
            if (a->form == CASE_RECV)
                emit_gen(L, "cgoc_cases[%d].elem = NULL; ", i);
            else
                emit_gen(L, "cgoc_cases[%d].elem = &cgoc_value%d; ", i, i);
            if (a->form == CASE_RECV_OK)
                emit_gen(L, "cgoc_cases[%d].ok = &cgoc_ok%d; ", i, i);
            else
                emit_gen(L, "cgoc_cases[%d].ok = NULL; ", i);
        }
    }
    size_t site = ts_node_start_byte(node);
    if (narms == 1 && !has_default && arms[0].form == CASE_SEND) {
        emit_gen(L, "cgo_chan_send_at(cgoc_cases[0].chan, cgoc_cases[0].elem, ");
        emit_site(L, site);
        emit_gen(L, "); int cgoc_chosen = 0; ");
    } else if (narms == 1 && !has_default) {
        emit_gen(L, "%s cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, ",
                 arms[0].form == CASE_RECV_OK ? "cgoc_ok0 =" : "");
        emit_site(L, site);
        emit_gen(L, "); int cgoc_chosen = 0; ");
    } else if (narms == 1 && arms[0].form == CASE_SEND) {
        emit_gen(L, "int cgoc_chosen = cgo_chan_trysend_at(cgoc_cases[0].chan, cgoc_cases[0].elem, ");
        emit_site(L, site);
        emit_gen(L, ") ? 0 : -1; ");
    } else if (narms == 1) {
        emit_gen(L, "int cgoc_chosen = cgo_chan_tryrecv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, "
                    "cgoc_cases[0].ok, ");
        emit_site(L, site);
        emit_gen(L, ") ? 0 : -1; ");
    } else {
        emit_gen(L, "int cgoc_chosen = cgo_select_at(%s, %d, %s, ", narms ? "cgoc_cases" : "NULL", narms,
                 has_default ? "true" : "false");
        emit_site(L, site);
        emit_gen(L, "); ");
    }
    for (int i = 0; i < narms; i++)
        if (arms[i].after)
            emit_gen(L, "if (cgoc_chosen != %d) cgo_after_release(cgoc_cases[%d].chan); ", i, i);
    emit_gen(L, "switch (cgoc_chosen) {");
    for (int i = 0; i < narms; i++) {
        select_arm *a = &arms[i];
        emit_gen(L, " case %d: {", i);
        if (a->form == CASE_RECV_DECL) {
            size_t from, to;
            decl_bounds(a->node, &from, &to);
            emit_span(L, a->node, from, to);
            emit_gen(L, " = cgoc_value%d;", i);
        } else if (a->form == CASE_RECV_ASSIGN || a->form == CASE_RECV_OK) {
            emit_gen(L, " ");
            emit_node(L, a->value);
            emit_gen(L, " = cgoc_value%d;", i);
            if (a->form == CASE_RECV_OK) {
                emit_gen(L, " ");
                emit_node(L, a->ok);
                emit_gen(L, " = cgoc_ok%d;", i);
            }
        }
        emit_span(L, a->node, after_colon(a->node), ts_node_end_byte(a->node));
        emit_gen(L, " } break;");
    }
    if (has_default) {
        emit_gen(L, " default: {");
        emit_span(L, dflt, after_colon(dflt), ts_node_end_byte(dflt));
        emit_gen(L, " } break;");
    }
    emit_gen(L, " } }");
}

bool select_emit(lower *L, TSNode node)
{
    if (!node_is(node, "select_statement"))
        return false;
    if (L->render)
        render_select(L, node);
    else
        lower_select(L, node);
    return true;
}
