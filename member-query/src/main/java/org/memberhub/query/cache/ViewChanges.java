package org.memberhub.query.cache;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.memberhub.kernel.member.MemberId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the caches of member views that a projection changed some members: this instance's cache right after the
 * projection's transaction commits, and on PostgreSQL every instance's, by a notification sent in that transaction
 * (PostgreSQL delivers it only once the transaction has committed, and never if it rolls back).
 */
@Component
public class ViewChanges {

    /** The PostgreSQL notification channel; each notification is {@code <cache name>:<member id>,<member id>...}. */
    static final String CHANNEL = "memberhub_view_changes";

    /** Member ids per notification: a payload stays well under PostgreSQL's limit of 8 000 bytes. */
    private static final int PER_NOTIFICATION = 150;

    private final DSLContext dsl;
    private final boolean notifying;

    public ViewChanges(DSLContext dsl) {
        this.dsl = dsl;
        this.notifying = dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    /** The projection's current transaction changes these members' rows of the cache's read model. */
    public void changed(MemberViewCache<?> cache, Collection<UUID> members) {
        if (members.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(members);
        if (notifying) {
            for (int from = 0; from < ids.size(); from += PER_NOTIFICATION) {
                String payload = cache.name() + ":"
                        + ids.subList(from, Math.min(ids.size(), from + PER_NOTIFICATION)).stream()
                                .map(UUID::toString)
                                .collect(Collectors.joining(","));
                dsl.select(DSL.function("pg_notify", Object.class, DSL.val(CHANNEL), DSL.val(payload)))
                        .fetch();
            }
        }
        List<MemberId> changed = ids.stream().map(MemberId::new).toList();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.invalidate(changed);
                }
            });
        } else {
            cache.invalidate(changed);
        }
    }
}
