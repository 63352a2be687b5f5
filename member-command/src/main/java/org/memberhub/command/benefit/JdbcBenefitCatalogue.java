package org.memberhub.command.benefit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.benefit.BenefitStatus;
import org.memberhub.kernel.benefit.BenefitTerms;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalogue in {@code benefit_catalogue}, the terms as JSON, and a new random revision in {@code
 * benefit_catalogue_revision} with every change.
 */
@Component
class JdbcBenefitCatalogue implements BenefitCatalogue {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    JdbcBenefitCatalogue(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(BenefitId id, BenefitTerms terms) {
        try {
            jdbc.sql("INSERT INTO benefit_catalogue (benefit_id, status, terms) VALUES (:id, :status, :terms)")
                    .param("id", id.value())
                    .param("status", BenefitStatus.ACTIVE.name())
                    .param("terms", write(terms))
                    .update();
            changed();
        } catch (DuplicateKeyException taken) {
            throw new DomainException(ErrorCode.BENEFIT_ALREADY_EXISTS, id.value());
        }
    }

    @Override
    public void update(BenefitId id, BenefitTerms terms, BenefitStatus status) {
        jdbc.sql("UPDATE benefit_catalogue SET status = :status, terms = :terms WHERE benefit_id = :id")
                .param("id", id.value())
                .param("status", status.name())
                .param("terms", write(terms))
                .update();
        changed();
    }

    @Override
    public long revision() {
        return jdbc.sql("SELECT revision FROM benefit_catalogue_revision WHERE id = 1")
                .query(Long.class)
                .single();
    }

    private void changed() {
        jdbc.sql("UPDATE benefit_catalogue_revision SET revision = :revision WHERE id = 1")
                .param("revision", random.nextLong())
                .update();
    }

    @Override
    public Optional<Entry> find(BenefitId id) {
        return jdbc.sql("SELECT status, terms FROM benefit_catalogue WHERE benefit_id = :id")
                .param("id", id.value())
                .query((row, n) ->
                        new Entry(id, read(row.getString("terms")), BenefitStatus.valueOf(row.getString("status"))))
                .optional();
    }

    @Override
    public List<BenefitTerms> active() {
        return jdbc.sql("SELECT terms FROM benefit_catalogue WHERE status = :status")
                .param("status", BenefitStatus.ACTIVE.name())
                .query((row, n) -> read(row.getString("terms")))
                .list();
    }

    @Override
    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM benefit_catalogue")
                        .query(Long.class)
                        .single()
                == 0;
    }

    private String write(BenefitTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write benefit terms", e);
        }
    }

    private BenefitTerms read(String text) {
        try {
            return json.readValue(text, BenefitTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read benefit terms", e);
        }
    }
}
