/*
 * switch_x86_64.S — goroutine context switch for x86-64 (System V ABI).
 *
 *   void rt_ctx_switch(void **save_sp, void *new_sp);
 *
 * Saves the callee-saved state of the caller on its own stack, stores the
 * resulting stack pointer in *save_sp, loads new_sp and restores the state
 * saved there, then returns into the context that owns new_sp. The frame
 * (from the saved stack pointer upwards, 64 bytes, 16-byte aligned):
 *
 *   +0   MXCSR (4 bytes: control bits and sticky status flags — the whole
 *        register is per goroutine, like a thread's floating-point env)
 *   +4   x87 control word (2 bytes), +6 padding
 *   +8   r15   +16 r14   +24 r13   +32 r12   +40 rbx   +48 rbp
 *   +56  return address
 *
 * Caller-saved registers need no saving: the switch is an ordinary call.
 * The direction flag is clear at every call by the ABI; the x87 status word
 * and stack are empty across calls by the ABI, so only the control word is
 * state.
 *
 * A new goroutine's stack is prepared by sched.c with the same frame whose
 * return address is rt_ctx_trampoline, r12 = the argument and r13 = the C
 * entry function: the first switch to it "returns" into the trampoline with
 * rsp 16-byte aligned, which calls entry(arg). entry never returns.
 */
        .text

        .globl  rt_ctx_switch
        .hidden rt_ctx_switch
        .type   rt_ctx_switch, @function
        .p2align 4
rt_ctx_switch:
        .cfi_startproc
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        subq    $8, %rsp
        .cfi_adjust_cfa_offset 8
        stmxcsr (%rsp)
        fnstcw  4(%rsp)
        movq    %rsp, (%rdi)
        /* --- now running on the other stack --- */
        movq    %rsi, %rsp
        ldmxcsr (%rsp)
        fldcw   4(%rsp)
        addq    $8, %rsp
        .cfi_adjust_cfa_offset -8
        popq    %r15
        .cfi_adjust_cfa_offset -8
        popq    %r14
        .cfi_adjust_cfa_offset -8
        popq    %r13
        .cfi_adjust_cfa_offset -8
        popq    %r12
        .cfi_adjust_cfa_offset -8
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        ret
        .cfi_endproc
        .size   rt_ctx_switch, .-rt_ctx_switch

/* First code of every goroutine: entry(arg) with entry in r13, arg in r12.
 * rbp = 0 and an undefined return address end frame-pointer and DWARF
 * unwinding (debuggers, sanitizers' stack traces) here. */
        .globl  rt_ctx_trampoline
        .hidden rt_ctx_trampoline
        .type   rt_ctx_trampoline, @function
        .p2align 4
rt_ctx_trampoline:
        .cfi_startproc
        .cfi_undefined rip
        xorl    %ebp, %ebp
        movq    %r12, %rdi
        callq   *%r13
        ud2
        .cfi_endproc
        .size   rt_ctx_trampoline, .-rt_ctx_trampoline

        .section .note.GNU-stack,"",@progbits
