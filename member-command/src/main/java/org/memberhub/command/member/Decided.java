package org.memberhub.command.member;

/** One decision of the member and whether it repeats an earlier one (an idempotent replay). */
record Decided<D>(D decision, boolean duplicate) {

    static <D> Decided<D> fresh(D decision) {
        return new Decided<>(decision, false);
    }

    static <D> Decided<D> again(D decision) {
        return new Decided<>(decision, true);
    }
}
