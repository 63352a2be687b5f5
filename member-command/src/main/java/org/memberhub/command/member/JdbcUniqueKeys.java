package org.memberhub.command.member;

import java.util.Optional;
import java.util.UUID;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.member.MemberId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the registry in {@code member_unique_key}, whose primary key is the value: of two transactions inserting the
 * same value, the database lets exactly one commit.
 */
@Component
class JdbcUniqueKeys implements UniqueKeys {

    private final JdbcClient jdbc;

    JdbcUniqueKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(MemberId owner, UniqueKey key) {
        Optional<MemberId> holder = holder(key);
        if (holder.isPresent()) {
            if (holder.get().equals(owner)) {
                return;
            }
            throw new DomainException(key.type().duplicateCode(), key.value());
        }
        try {
            jdbc.sql("INSERT INTO member_unique_key (key_type, key_value, member_id) VALUES (:type, :value, :owner)")
                    .param("type", key.type().name())
                    .param("value", key.value())
                    .param("owner", owner.value())
                    .update();
        } catch (DuplicateKeyException raceLost) {
            throw new DomainException(key.type().duplicateCode(), key.value());
        }
    }

    @Override
    public Optional<MemberId> holder(UniqueKey key) {
        return jdbc.sql("SELECT member_id FROM member_unique_key WHERE key_type = :type AND key_value = :value")
                .param("type", key.type().name())
                .param("value", key.value())
                .query(UUID.class)
                .optional()
                .map(MemberId::new);
    }

    @Override
    public boolean holdsAny(MemberId owner) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM member_unique_key WHERE member_id = :owner)")
                .param("owner", owner.value())
                .query(Boolean.class)
                .single();
    }

    @Override
    public void release(MemberId owner, UniqueKey key) {
        jdbc.sql("DELETE FROM member_unique_key WHERE key_type = :type AND key_value = :value AND member_id = :owner")
                .param("type", key.type().name())
                .param("value", key.value())
                .param("owner", owner.value())
                .update();
    }
}
