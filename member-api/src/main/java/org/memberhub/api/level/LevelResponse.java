package org.memberhub.api.level;

import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.MemberLevelView;
import org.memberhub.kernel.member.MemberId;

/**
 * A member's level as {@code GET /members/{id}/level} and {@code GET /me/level} both answer it: the member, the
 * level described ({@link LevelSummary}) and the member's version (also the ETag). A member reading its own level is
 * not shown why staff set a manual level.
 */
public record LevelResponse(MemberId memberId, LevelSummary level, long version) {

    /** As staff see it. */
    public static LevelResponse of(MemberLevelView view, LevelDescriber levels) {
        return new LevelResponse(
                view.memberId(), levels.describe(view.level(), view.netSpend(), view.manual()), view.version());
    }

    /** As the member sees it: without the reason of a manual level. */
    public static LevelResponse forMember(MemberLevelView view, LevelDescriber levels) {
        return new LevelResponse(
                view.memberId(),
                levels.describe(view.level(), view.netSpend(), withoutReason(view.manual())),
                view.version());
    }

    public static ManualLevel withoutReason(ManualLevel manual) {
        return manual == null ? null : new ManualLevel(manual.level(), manual.mode(), manual.until(), null);
    }
}
