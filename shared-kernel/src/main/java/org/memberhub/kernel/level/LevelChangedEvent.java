package org.memberhub.kernel.level;

import org.memberhub.kernel.member.MemberEvent;

/** An event that leaves the member at {@link #toLevel()}: an upgrade, a downgrade, a manual level or its end. */
public interface LevelChangedEvent extends MemberEvent {

    int fromLevel();

    int toLevel();
}
