/* main.c — the user's main runs as the first goroutine: it is renamed
 * cgoc_main and a generated main() hands it to cgo_main. */
#include "lower.h"

#include "source.h"

#include <string.h>

bool main_match(const lower *L, TSNode node, TSNode *name, TSNode *params);
void main_note(lower *L, TSNode params);

bool main_match(const lower *L, TSNode node, TSNode *name, TSNode *params)
{
    if (!node_is(node, "function_definition") || !node_is(ts_node_parent(node), "translation_unit"))
        return false;
    TSNode d = field(node, "declarator");
    if (!node_is(d, "function_declarator"))
        return false;
    TSNode id = field(d, "declarator");
    if (!node_is(id, "identifier") || ts_node_end_byte(id) - ts_node_start_byte(id) != 4 ||
        strncmp(L->src->text + ts_node_start_byte(id), "main", 4) != 0)
        return false;
    *name = id;
    *params = field(d, "parameters");
    return true;
}

/* main(void) and main() get a wrapper; main(argc, argv) is passed as is. */
void main_note(lower *L, TSNode params)
{
    int n = 0;
    for (uint32_t i = 0; i < ts_node_named_child_count(params); i++)
        if (node_is(ts_node_named_child(params, i), "parameter_declaration"))
            n++;
    L->has_main = true;
    L->main_params = n == 2 ? 2 : 0;
}

bool main_emit(lower *L, TSNode node)
{
    (void)L;
    (void)node;
    return false; /* function definitions are emitted by defer.c */
}

void main_finish(lower *L)
{
    if (!L->has_main)
        return;
    if (L->main_params == 2) {
        emit_gen(L, "\nint main(int argc, char **argv)\n{\n    cgo_main(cgoc_main, argc, argv);\n}\n");
    } else {
        emit_gen(L, "\nstatic int cgoc_main_args(int argc, char **argv)\n{\n    (void)argc;\n    (void)argv;\n"
                    "    return cgoc_main();\n}\n\nint main(int argc, char **argv)\n{\n"
                    "    cgo_main(cgoc_main_args, argc, argv);\n}\n");
    }
}
