package org.memberhub.query.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.memberhub.query.jooq.Tables.MEMBERS;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.memberhub.query.testing.TestDatabase;

/** Moving the tags onto the member rows keeps every member's tags, in order, and leaves untagged members without. */
class MemberTagsMigrationTest {

    private static final String[] LOCATIONS = {"classpath:db/migration/query", "classpath:db/vendor/postgresql"};

    @Test
    void tagsOfTheirOwnTableMoveOntoTheMemberRows() {
        try (TestDatabase database = TestDatabase.create()) {
            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations(LOCATIONS)
                    .target("2026.12.06.0100")
                    .load()
                    .migrate();
            DSLContext dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
            Map<UUID, String[]> tagged = new LinkedHashMap<>();
            tagged.put(member(dsl, "Alice"), new String[] {"app", "vip", "wechat"});
            tagged.put(member(dsl, "Bob"), new String[] {"新客"});
            UUID untagged = member(dsl, "Carol");
            tagged.forEach((member, tags) -> {
                for (int i = tags.length - 1; i >= 0; i--) {
                    dsl.execute("INSERT INTO member_tags (member_id, tag) VALUES (?, ?)", member, tags[i]);
                }
            });

            Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations(LOCATIONS)
                    .load()
                    .migrate();

            tagged.forEach((member, tags) -> assertThat(tagsOf(dsl, member)).containsExactly(tags));
            assertThat(tagsOf(dsl, untagged)).isNull();
            assertThat(dsl.fetchValue("SELECT to_regclass('member_tags')")).isNull();
        }
    }

    private static UUID member(DSLContext dsl, String name) {
        UUID id = UUID.randomUUID();
        dsl.execute(
                "INSERT INTO members (id, name, mobile, gender, locale, status, member_level, joined_at, updated_at,"
                        + " version) VALUES (?, ?, ?, 'UNDISCLOSED', 'zh-CN', 'ACTIVE', 1, now(), now(), 0)",
                id,
                name,
                "139" + Math.abs(id.getLeastSignificantBits() % 100_000_000L));
        return id;
    }

    private static String[] tagsOf(DSLContext dsl, UUID member) {
        return dsl.select(MEMBERS.TAGS)
                .from(MEMBERS)
                .where(MEMBERS.ID.eq(member))
                .fetchOne(MEMBERS.TAGS);
    }
}
