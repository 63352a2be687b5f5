package org.memberhub.command.member;

import java.time.Instant;
import java.util.Objects;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.level.AdjustmentEnd;
import org.memberhub.kernel.level.LevelAdjustedEvent;
import org.memberhub.kernel.level.LevelAdjustmentEndedEvent;
import org.memberhub.kernel.level.LevelDecision;
import org.memberhub.kernel.level.LevelDowngradedEvent;
import org.memberhub.kernel.level.LevelUpgradedEvent;
import org.memberhub.kernel.level.ManualLevel;
import org.memberhub.kernel.level.ManualLevelMode;
import org.memberhub.kernel.loyalty.Money;

/**
 * The automatic level follows the net spend; a manual level at or above it is a floor (the member still rises with
 * spending), one below it a ceiling (the member does not rise above it). Either lasts until its end, or until staff
 * end it.
 */
final class LevelRules {

    private LevelRules() {}

    /** Moves the member to the level its net spend and manual level give, if that is another one. */
    static void reevaluate(Deciding d, String cause) {
        Money netSpend = d.state().netSpend();
        int automatic = d.rules().levelFor(netSpend);
        int effective = combine(automatic, d.state().manual());
        int level = d.state().level();
        if (effective > level) {
            d.apply(new LevelUpgradedEvent(d.id(), level, effective, automatic, netSpend, cause));
        } else if (effective < level) {
            d.apply(new LevelDowngradedEvent(d.id(), level, effective, automatic, netSpend, cause));
        }
    }

    /** Sets a manual level, or with a null level ends the one in force. */
    static Decided<LevelDecision> adjust(Deciding d, Integer newLevel, String reason, Instant until) {
        int from = d.state().level();
        int automatic = d.rules().levelFor(d.state().netSpend());
        ManualLevel manual = d.state().manual();
        if (newLevel == null) {
            if (manual == null) {
                throw new DomainException(ErrorCode.NO_MANUAL_LEVEL);
            }
            d.apply(new LevelAdjustmentEndedEvent(
                    d.id(), AdjustmentEnd.CLEARED, reason, null, from, automatic, automatic));
            return Decided.fresh(new LevelDecision(from, d.state().level(), null));
        }
        if (newLevel < 1 || newLevel > d.rules().maxLevel()) {
            throw new DomainException(
                    ErrorCode.INVALID_LEVEL, newLevel, d.rules().maxLevel());
        }
        if (until != null && !until.isAfter(d.now())) {
            throw new DomainException(ErrorCode.INVALID_UNTIL, until);
        }
        ManualLevelMode mode = newLevel >= automatic ? ManualLevelMode.FLOOR : ManualLevelMode.CEILING;
        ManualLevel requested = new ManualLevel(newLevel, mode, until, reason);
        // the manual level in force asked for again (same level, end and floor or ceiling) changes nothing, whatever
        // the reason now says: the first reason stays on record, the level history gets no entry that changes nothing
        if (manual != null
                && manual.level() == newLevel
                && manual.mode() == mode
                && Objects.equals(manual.until(), until)) {
            return Decided.again(new LevelDecision(from, d.state().level(), manual));
        }
        int effective = combine(automatic, requested);
        d.apply(new LevelAdjustedEvent(d.id(), newLevel, mode, until, reason, from, effective, automatic));
        return Decided.fresh(
                new LevelDecision(from, d.state().level(), d.state().manual()));
    }

    /** The level a manual level in force leaves of the automatic one. */
    static int combine(int automatic, ManualLevel manual) {
        if (manual == null) {
            return automatic;
        }
        return manual.mode() == ManualLevelMode.FLOOR
                ? Math.max(manual.level(), automatic)
                : Math.min(manual.level(), automatic);
    }
}
