/*
 * switch_aarch64.S — goroutine context switch for AArch64 (AAPCS64).
 *
 *   void rt_ctx_switch(void **save_sp, void *new_sp);
 *
 * Saves the callee-saved state of the caller on its own stack, stores the
 * resulting stack pointer in *save_sp, loads new_sp and restores the state
 * saved there, then returns (through x30) into the context that owns
 * new_sp. The frame (from the saved stack pointer upwards, 176 bytes, a
 * multiple of 16 so sp stays 16-byte aligned as AAPCS64 requires):
 *
 *   +0   x19 x20   +16  x21 x22   +32  x23 x24   +48  x25 x26
 *   +64  x27 x28   +80  x29 (fp) x30 (lr: where the switch returns to)
 *   +96  d8 d9     +112 d10 d11   +128 d12 d13   +144 d14 d15
 *   +160 FPCR (rounding mode, flush-to-zero, trap enables), +168 padding
 *
 * Only the low 64 bits of v8-v15 are callee-saved (AAPCS64 §6.1.2). FPSR
 * (the cumulative exception flags) is left alone, as a C call would.
 * x18 is the platform register and is not touched.
 *
 * A new goroutine's stack is prepared by sched.c with the same frame whose
 * x30 is rt_ctx_trampoline, x19 = the argument and x20 = the C entry
 * function: the first switch "returns" into the trampoline, which calls
 * entry(arg). entry never returns.
 */
        .text

        .globl  rt_ctx_switch
        .hidden rt_ctx_switch
        .type   rt_ctx_switch, %function
        .p2align 4
rt_ctx_switch:
        .cfi_startproc
        sub     sp, sp, #176
        .cfi_adjust_cfa_offset 176
        stp     x19, x20, [sp, #0]
        stp     x21, x22, [sp, #16]
        stp     x23, x24, [sp, #32]
        stp     x25, x26, [sp, #48]
        stp     x27, x28, [sp, #64]
        stp     x29, x30, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        mrs     x9, fpcr
        str     x9, [sp, #160]
        mov     x9, sp
        str     x9, [x0]
        /* --- now running on the other stack --- */
        mov     sp, x1
        ldr     x9, [sp, #160]
        msr     fpcr, x9
        ldp     x19, x20, [sp, #0]
        ldp     x21, x22, [sp, #16]
        ldp     x23, x24, [sp, #32]
        ldp     x25, x26, [sp, #48]
        ldp     x27, x28, [sp, #64]
        ldp     x29, x30, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        add     sp, sp, #176
        .cfi_adjust_cfa_offset -176
        ret
        .cfi_endproc
        .size   rt_ctx_switch, .-rt_ctx_switch

/* First code of every goroutine: entry(arg) with arg in x19, entry in x20.
 * fp = lr = 0 ends frame-record unwinding here. */
        .globl  rt_ctx_trampoline
        .hidden rt_ctx_trampoline
        .type   rt_ctx_trampoline, %function
        .p2align 4
rt_ctx_trampoline:
        .cfi_startproc
        .cfi_undefined x30
        mov     x29, #0
        mov     x30, #0
        mov     x0, x19
        blr     x20
        brk     #0x1
        .cfi_endproc
        .size   rt_ctx_trampoline, .-rt_ctx_trampoline

        .section .note.GNU-stack,"",%progbits
