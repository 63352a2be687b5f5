package org.memberhub.it;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Profile values no other test in the same run uses. */
public final class TestMembers {

    private static final AtomicLong SEQUENCE =
            new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000));

    private TestMembers() {}

    /** A mainland mobile number, unique within this JVM. */
    public static String mobile() {
        return "139" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000);
    }

    /** A word that appears in no other test's data, for names, tags and e-mail addresses. */
    public static String marker() {
        return "m" + Long.toString(SEQUENCE.incrementAndGet(), 36)
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    public static String member(String name, String mobile, String email, String... tags) {
        StringBuilder json = new StringBuilder("{\"name\":\"")
                .append(name)
                .append("\",\"mobile\":\"")
                .append(mobile)
                .append('"');
        if (email != null) {
            json.append(",\"email\":\"").append(email).append('"');
        }
        json.append(",\"tags\":[");
        for (int i = 0; i < tags.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        return json.append("]}").toString();
    }
}
