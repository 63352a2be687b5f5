package org.memberhub.kernel.member;

import java.util.List;

/**
 * One page of the member list.
 *
 * @param total how many members match: exact, or, when counting them would cost too much, the database's estimate
 * @param totalEstimated whether {@code total} is an estimate
 * @param next where the next page starts; null when this page is the last
 */
public record MemberPage(
        List<MemberView> items, int page, int size, long total, boolean totalEstimated, MemberCursor next) {

    public MemberPage(List<MemberView> items, int page, int size, long total) {
        this(items, page, size, total, false, null);
    }
}
