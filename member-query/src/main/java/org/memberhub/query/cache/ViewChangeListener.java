package org.memberhub.query.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.memberhub.kernel.member.MemberId;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Receives, on PostgreSQL, the notifications of every instance's projections ({@link ViewChanges}) and drops the
 * changed members' views from this instance's caches. It listens on a connection of its own; the caches serve only
 * while it listens: before its {@code LISTEN} is in place and after its connection fails they read through (and are
 * cleared when it listens again, since notifications may have been missed meanwhile).
 */
public final class ViewChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final boolean listening;
    private final DataSource dataSource;
    private final Map<String, MemberViewCache<?>> caches;
    private volatile boolean running;
    private volatile Thread thread;

    /** @param listening whether to listen at all (PostgreSQL); if not, the caches serve from the start */
    public ViewChangeListener(DataSource dataSource, List<MemberViewCache<?>> caches, boolean listening) {
        this.listening = listening;
        this.dataSource = dataSource;
        this.caches = caches.stream().collect(Collectors.toMap(MemberViewCache::name, Function.identity()));
    }

    @Override
    public void start() {
        running = true;
        if (!listening) {
            caches.values().forEach(MemberViewCache::warmUp);
            return;
        }
        Thread listening = new Thread(this::listen, "member-view-changes");
        listening.setDaemon(true);
        thread = listening;
        listening.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
            try {
                listening.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        caches.values().forEach(MemberViewCache::suspend);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ViewChanges.CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                caches.values().forEach(MemberViewCache::serve);
                caches.values().forEach(MemberViewCache::warmUp);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            apply(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                caches.values().forEach(MemberViewCache::suspend);
                if (running) {
                    log.warn(
                            "Listening for member view changes failed; the caches read through until it listens again: {}",
                            e.toString());
                    pause();
                }
            }
        }
    }

    private void apply(String payload) {
        int separator = payload.indexOf(':');
        MemberViewCache<?> cache = separator < 0 ? null : caches.get(payload.substring(0, separator));
        if (cache == null) {
            return;
        }
        List<MemberId> members = new ArrayList<>();
        for (String id : payload.substring(separator + 1).split(",")) {
            members.add(new MemberId(UUID.fromString(id)));
        }
        cache.invalidate(members);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
