/* translate.c — one run of cgoc. */
#include "translate.h"

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "parse.h"
#include "source.h"

#include <stdlib.h>
#include <string.h>

void translate_add_compiler_arg(translate_options *opt, char kind, const char *value)
{
    buf arg = {0};
    if (kind == 's')
        buf_printf(&arg, "-std=%s", value);
    else
        buf_printf(&arg, "-%c%s", kind, value);
    opt->compiler_args = xrealloc(opt->compiler_args, (opt->ncompiler_args + 1) * sizeof(char *));
    opt->compiler_args[opt->ncompiler_args++] = arg.data;
}

void translate_options_free(translate_options *opt)
{
    for (size_t i = 0; i < opt->ncompiler_args; i++)
        free(opt->compiler_args[i]);
    free(opt->compiler_args);
    opt->compiler_args = NULL;
    opt->ncompiler_args = 0;
}

/* Reports each outermost dialect construct as not yet translatable. The
 * lowering of the constructs lands with the translator proper; until then a
 * file that uses them is refused with a clear message, never mistranslated. */
static walk_step report_untranslated(TSNode node, void *src)
{
    if (diag_too_many())
        return WALK_STOP;
    if (!parse_is_dialect_node(node))
        return WALK_INTO;
    diag_at(src, ts_node_start_byte(node), DIAG_ERROR, NULL,
            "this version of cgoc parses but cannot yet translate '%s'", ts_node_type(node));
    return WALK_OVER;
}

bool translate_source(const translate_options *opt, const source *src, buf *out)
{
    (void)opt; /* consulted by the lowering passes */
    unsigned errors_before = diag_error_count();
    parsed p;
    if (!parse_source(src, &p))
        return false;

    bool uses_dialect = false;
    parse_check_syntax(&p, src, &uses_dialect);
    if (diag_error_count() == errors_before && uses_dialect)
        parse_walk(ts_tree_root_node(p.tree), report_untranslated, (void *)src);
    bool ok = diag_error_count() == errors_before;
    if (ok) {
        /* No dialect construct: the output is the input, byte for byte. */
        buf_append(out, src->text, src->len);
    }
    parse_free(&p);
    return ok;
}

int translate_file(const translate_options *opt)
{
    source src;
    if (!source_load(&src, opt->input))
        return 1;
    buf out = {0};
    bool ok = translate_source(opt, &src, &out) && output_write(opt->output, out.data ? out.data : "", out.len);
    buf_free(&out);
    source_free(&src);
    return ok ? 0 : 1;
}
