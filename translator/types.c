/* types.c — the libclang typing stage (see types.h). */
#include "types.h"

#include "buf.h"
#include "diag.h"
#include "source.h"
#include "translate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CGOC_RUNTIME_INCLUDE
#define CGOC_RUNTIME_INCLUDE "/usr/local/include"
#endif

/* Where cgo.h is, for libclang: $CGOC_RUNTIME_INCLUDE if set; else, for an
 * installed cgoc (bin/cgoc next to include/cgo.h), <prefix>/include; else
 * the source tree cgoc was built from. Returns a "-I..." argument. */
static char *runtime_include_arg(void)
{
    buf arg = {0};
    const char *env = getenv("CGOC_RUNTIME_INCLUDE");
    if (env && *env) {
        buf_printf(&arg, "-I%s", env);
        return arg.data;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            buf_printf(&arg, "%s/../include/cgo.h", exe);
            if (access(arg.data, R_OK) == 0) {
                arg.len = 0;
                buf_printf(&arg, "-I%s/../include", exe);
                return arg.data;
            }
            arg.len = 0;
        }
    }
    buf_printf(&arg, "-I%s", CGOC_RUNTIME_INCLUDE);
    return arg.data;
}

/* One expression seen by clang: rendered byte range and its type. */
typedef struct typed_range {
    uint64_t key; /* start << 32 | end, 0 = empty slot */
    CXCursor cursor;
} typed_range;

struct types {
    CXIndex index;
    CXTranslationUnit tu;
    CXFile main_file; /* the rendering, named as the .gc file */
    typed_range *table;
    size_t cap, count;
    chan_conversion *conversions;
    size_t nconversions;
    /* typedef names of file-scope anonymous records, found lazily */
    CXCursor *typedefs;
    size_t ntypedefs;
    bool typedefs_scanned;
};

/* The runtime's declarations, and the direction tags of channel stand-ins
 * (declared at file scope so that every use names the same struct). */
const char *types_prelude(void)
{
    return "#include <cgo.h>\n"
           "struct cgoc_dir_bi; struct cgoc_dir_send; struct cgoc_dir_recv;\n";
}

static uint64_t hash_key(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static void table_put(types *t, uint64_t key, CXCursor cursor)
{
    if ((t->count + 1) * 2 > t->cap) {
        size_t old_cap = t->cap;
        typed_range *old = t->table;
        t->cap = old_cap ? old_cap * 2 : 1024;
        t->table = calloc(t->cap, sizeof *t->table);
        if (!t->table)
            abort();
        t->count = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].key)
                table_put(t, old[i].key, old[i].cursor);
        free(old);
    }
    size_t i = hash_key(key) & (t->cap - 1);
    while (t->table[i].key && t->table[i].key != key)
        i = (i + 1) & (t->cap - 1);
    if (!t->table[i].key)
        t->count++;
    t->table[i].key = key;
    t->table[i].cursor = cursor;
}

bool types_cursor_at(const types *t, size_t start, size_t end, CXCursor *out)
{
    if (!t || !t->cap)
        return false;
    uint64_t key = (uint64_t)start << 32 | (uint64_t)end;
    size_t i = hash_key(key) & (t->cap - 1);
    while (t->table[i].key) {
        if (t->table[i].key == key) {
            *out = t->table[i].cursor;
            return true;
        }
        i = (i + 1) & (t->cap - 1);
    }
    return false;
}

bool types_at(const types *t, size_t start, size_t end, CXType *out)
{
    CXCursor c;
    if (!types_cursor_at(t, start, end, &c) && !types_cursor_at(t, start, start, &c))
        return false;
    *out = clang_getCursorType(c);
    return true;
}

/* Records every expression of the main file, by the byte range it covers
 * there. Children come after their parents, so for one range the innermost
 * expression wins: `c` keeps its declared type rather than that of the
 * implicit conversion around it. Macros need care:
 *  - an expression written as a macro argument (`&sum` in
 *    `atomic_fetch_add(&sum, 1)`) has the range where it was written, and
 *    is recorded like any other;
 *  - an expression of a macro's body covers the whole invocation (or, for
 *    some object-like macros, an empty range at its start); for those the
 *    outermost wins, so `MAX(a, b)` has the type of the whole expansion and
 *    `true` that of the literal it expands to. */
static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    *(CXCursor *)data = c;
    return CXChildVisit_Break;
}

/* An implicit cast (libclang shows it as an unexposed expression) from one
 * channel type to a different one: checked against the direction rules
 * later (chan.c), where the .gc position is known. */
static void note_chan_conversion(types *t, CXCursor cast)
{
    CXCursor child = clang_getNullCursor();
    clang_visitChildren(cast, first_child, &child);
    if (clang_Cursor_isNull(child) || !clang_isExpression(clang_getCursorKind(child)))
        return;
    CXType to = clang_getCursorType(cast), from = clang_getCursorType(child);
    if (!type_is_chan(to, NULL, NULL) || !type_is_chan(from, NULL, NULL) ||
        clang_equalTypes(clang_getCanonicalType(to), clang_getCanonicalType(from)))
        return;
    CXSourceRange r = clang_getCursorExtent(child);
    unsigned s, e;
    clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &s);
    clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
    t->conversions = xrealloc(t->conversions, (t->nconversions + 1) * sizeof *t->conversions);
    t->conversions[t->nconversions++] = (chan_conversion){s, e, from, to};
}

const chan_conversion *types_chan_conversions(const types *t, size_t *count)
{
    *count = t->nconversions;
    return t->conversions;
}

static enum CXChildVisitResult record_expression(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    types *t = data;
    CXSourceLocation loc = clang_getCursorLocation(c);
    CXFile file = NULL;
    unsigned at;
    clang_getFileLocation(loc, &file, NULL, NULL, &at);
    if (!file || !clang_File_isEqual(file, t->main_file))
        return CXChildVisit_Continue; /* a header's declarations */
    if (clang_getCursorKind(c) == CXCursor_UnexposedExpr)
        note_chan_conversion(t, c);
    if (clang_isExpression(clang_getCursorKind(c))) {
        CXSourceRange r = clang_getCursorExtent(c);
        unsigned s, e, expansion;
        clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &s);
        clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
        clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &expansion);
        bool macro_body = e == s || (!clang_Location_isFromMainFile(loc) && expansion == s);
        uint64_t key = (uint64_t)s << 32 | (e > s ? e : s);
        CXCursor old;
        if (!macro_body || !types_cursor_at(t, s, e > s ? e : s, &old))
            table_put(t, key, c);
    }
    return CXChildVisit_Recurse;
}

types *types_check(const translate_options *opt, const source *src, const char *text, size_t len,
                   const struct CXUnsavedFile *headers, size_t nheaders)
{
    types *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    t->index = clang_createIndex(0, 0);
    size_t nargs = 0;
    const char **args = xmalloc((opt->ncompiler_args + 8) * sizeof *args);
    args[nargs++] = "-xc";
    char *include = runtime_include_arg();
    args[nargs++] = include;
    args[nargs++] = "-ferror-limit=0";
    args[nargs++] = "-Wno-everything";
    for (size_t i = 0; i < opt->ncompiler_args; i++)
        args[nargs++] = opt->compiler_args[i];
    struct CXUnsavedFile *files = xmalloc((nheaders + 1) * sizeof *files);
    files[0] = (struct CXUnsavedFile){src->path, text, (unsigned long)len};
    for (size_t i = 0; i < nheaders; i++)
        files[i + 1] = headers[i];
    enum CXErrorCode err =
        clang_parseTranslationUnit2(t->index, src->path, args, (int)nargs, files, (unsigned)nheaders + 1,
                                    CXTranslationUnit_KeepGoing, &t->tu);
    free(files);
    free(args);
    free(include);
    if (err != CXError_Success || !t->tu) {
        diag_tool_error("libclang cannot parse '%s' (error %d)", src->path, (int)err);
        types_free(t);
        return NULL;
    }
    t->main_file = clang_getFile(t->tu, src->path);
    if (t->main_file)
        clang_visitChildren(clang_getTranslationUnitCursor(t->tu), record_expression, t);
    return t;
}

void types_free(types *t)
{
    if (!t)
        return;
    if (t->tu)
        clang_disposeTranslationUnit(t->tu);
    if (t->index)
        clang_disposeIndex(t->index);
    free(t->table);
    free(t->conversions);
    free(t->typedefs);
    free(t);
}

static bool spelling_starts(CXType t, const char *prefix, char *rest, size_t size)
{
    CXString s = clang_getTypeSpelling(t);
    const char *str = clang_getCString(s);
    bool yes = strncmp(str, prefix, strlen(prefix)) == 0;
    if (yes && rest) {
        strncpy(rest, str + strlen(prefix), size - 1);
        rest[size - 1] = '\0';
    }
    clang_disposeString(s);
    return yes;
}

bool type_is_chan(CXType t, CXType *elem, chan_dir *dir)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_Pointer)
        return false;
    CXType f = clang_getPointeeType(c);
    if (f.kind != CXType_FunctionProto || clang_getNumArgTypes(f) != 1)
        return false;
    CXType a = clang_getArgType(f, 0);
    if (a.kind != CXType_Pointer)
        return false;
    char which[32];
    if (!spelling_starts(clang_getPointeeType(a), "struct cgoc_dir_", which, sizeof which))
        return false;
    if (dir)
        *dir = strcmp(which, "send") == 0 ? CHAN_SEND : strcmp(which, "recv") == 0 ? CHAN_RECV : CHAN_BI;
    if (elem)
        *elem = clang_getResultType(f);
    return true;
}

bool type_function(CXType callee, CXType *fn, bool *is_pointer)
{
    CXType c = clang_getCanonicalType(callee);
    *is_pointer = false;
    if (c.kind == CXType_Pointer) {
        c = clang_getPointeeType(c);
        *is_pointer = true;
    }
    if (c.kind != CXType_FunctionProto && c.kind != CXType_FunctionNoProto)
        return false;
    *fn = c;
    return true;
}

static void collect_typedefs(types *t);

/* The name a file-scope typedef gives to an anonymous record, if any. */
static bool anonymous_record_name(types *t, CXType record, buf *out)
{
    collect_typedefs(t);
    for (size_t i = 0; i < t->ntypedefs; i++) {
        CXType under = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(t->typedefs[i]));
        if (clang_equalTypes(under, clang_getCanonicalType(record))) {
            CXString s = clang_getCursorSpelling(t->typedefs[i]);
            buf_puts(out, clang_getCString(s));
            clang_disposeString(s);
            return true;
        }
    }
    return false;
}

static enum CXChildVisitResult typedef_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    types *t = data;
    if (clang_getCursorKind(c) == CXCursor_TypedefDecl) {
        t->typedefs = xrealloc(t->typedefs, (t->ntypedefs + 1) * sizeof *t->typedefs);
        t->typedefs[t->ntypedefs++] = c;
    }
    return CXChildVisit_Continue;
}

static void collect_typedefs(types *t)
{
    if (t->typedefs_scanned)
        return;
    t->typedefs_scanned = true;
    clang_visitChildren(clang_getTranslationUnitCursor(t->tu), typedef_visit, t);
}

static bool is_file_scope(CXCursor decl)
{
    CXCursor parent = clang_getCursorSemanticParent(decl);
    return clang_getCursorKind(parent) == CXCursor_TranslationUnit;
}

static void qualifiers(CXType t, buf *out)
{
    if (clang_isConstQualifiedType(t))
        buf_puts(out, "const ");
    if (clang_isVolatileQualifiedType(t))
        buf_puts(out, "volatile ");
}

/* The base (specifier) spelling of a non-derived type. */
static bool base_spelling(const types *ts, CXType t, buf *out)
{
    CXType canon = clang_getCanonicalType(t);
    if (canon.kind == CXType_Record || canon.kind == CXType_Enum) {
        CXCursor decl = clang_getTypeDeclaration(canon);
        if (clang_Cursor_isAnonymous(decl) || clang_Cursor_isAnonymousRecordDecl(decl)) {
            qualifiers(canon, out);
            return anonymous_record_name((types *)ts, canon, out);
        }
        if (!is_file_scope(decl))
            return false;
    }
    CXString s = clang_getTypeSpelling(canon);
    buf_puts(out, clang_getCString(s));
    clang_disposeString(s);
    return true;
}

/* Declarator building: `inner` is the declarator so far (name, "*name"...). */
static bool decl_rec(const types *ts, CXType t, buf *inner, buf *out)
{
    if (type_is_chan(t, NULL, NULL)) {
        CXType c = clang_getCanonicalType(t);
        buf_puts(out, "cgoc_chan");
        if (clang_isConstQualifiedType(c))
            buf_puts(out, " const");
        if (inner->len)
            buf_printf(out, " %s", buf_cstr(inner));
        return true;
    }
    /* A file-scope typedef keeps the user's name (int64_t, intch, job). */
    if (t.kind == CXType_Elaborated)
        t = clang_Type_getNamedType(t);
    if (t.kind == CXType_Typedef && is_file_scope(clang_getTypeDeclaration(t))) {
        qualifiers(t, out);
        CXString s = clang_getTypedefName(t);
        buf_puts(out, clang_getCString(s));
        clang_disposeString(s);
        if (inner->len)
            buf_printf(out, " %s", buf_cstr(inner));
        return true;
    }
    CXType c = clang_getCanonicalType(t);
    buf next = {0};
    bool ok = true;
    switch (c.kind) {
    case CXType_Pointer: {
        CXType p = clang_getPointeeType(c);
        CXType pc = clang_getCanonicalType(p);
        bool wrap = pc.kind == CXType_ConstantArray || pc.kind == CXType_IncompleteArray ||
                    pc.kind == CXType_FunctionProto || pc.kind == CXType_FunctionNoProto;
        buf_puts(&next, wrap ? "(*" : "*");
        if (clang_isConstQualifiedType(c))
            buf_puts(&next, "const ");
        if (inner->len)
            buf_puts(&next, buf_cstr(inner));
        if (wrap)
            buf_puts(&next, ")");
        ok = decl_rec(ts, p, &next, out);
        break;
    }
    case CXType_ConstantArray:
        buf_printf(&next, "%s[%lld]", inner->len ? buf_cstr(inner) : "", clang_getArraySize(c));
        ok = decl_rec(ts, clang_getArrayElementType(c), &next, out);
        break;
    case CXType_IncompleteArray:
        buf_printf(&next, "%s[]", inner->len ? buf_cstr(inner) : "");
        ok = decl_rec(ts, clang_getArrayElementType(c), &next, out);
        break;
    case CXType_FunctionProto:
    case CXType_FunctionNoProto: {
        buf_printf(&next, "%s(", inner->len ? buf_cstr(inner) : "");
        int n = clang_getNumArgTypes(c);
        for (int i = 0; i < n; i++) {
            if (i)
                buf_puts(&next, ", ");
            ok = ok && type_decl(ts, clang_getArgType(c, (unsigned)i), "", &next);
        }
        if (c.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(c))
            buf_puts(&next, n ? ", ..." : "...");
        else if (c.kind == CXType_FunctionProto && n == 0)
            buf_puts(&next, "void");
        buf_puts(&next, ")");
        ok = ok && decl_rec(ts, clang_getResultType(c), &next, out);
        break;
    }
    default:
        ok = base_spelling(ts, c, out);
        if (ok && inner->len)
            buf_printf(out, " %s", buf_cstr(inner));
    }
    buf_free(&next);
    return ok;
}

bool type_decl(const types *ts, CXType t, const char *name, buf *out)
{
    buf inner = {0};
    buf_puts(&inner, name);
    bool ok = decl_rec(ts, t, &inner, out);
    buf_free(&inner);
    return ok;
}

void type_display(CXType t, buf *out)
{
    CXType elem;
    chan_dir dir;
    if (type_is_chan(t, &elem, &dir)) {
        buf_puts(out, dir == CHAN_RECV ? "<-chan" : dir == CHAN_SEND ? "chan<-" : "chan");
        buf e = {0};
        type_display(elem, &e);
        bool paren = strpbrk(buf_cstr(&e), "*[(") != NULL && strncmp(buf_cstr(&e), "chan", 4) != 0 &&
                     strncmp(buf_cstr(&e), "<-chan", 6) != 0;
        buf_printf(out, paren ? "(%s)" : " %s", buf_cstr(&e));
        buf_free(&e);
        return;
    }
    CXString s = clang_getTypeSpelling(t);
    buf_puts(out, clang_getCString(s));
    clang_disposeString(s);
}
