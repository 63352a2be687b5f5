package org.memberhub.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.memberhub.query.testing.FreshPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on its own fresh PostgreSQL database. Test classes with this annotation
 * (and no other configuration) share one running application, so they must not depend on each other's data. An
 * {@link Api} client for it can be autowired.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "memberhub.data-dir=target/it-data",
            // PostgreSQL is not the embedded default: the development issuer runs only when switched on
            "memberhub.security.dev-issuer.enabled=true"
        })
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = FreshPostgresDatabase.class)
@Import(ApiClientConfig.class)
public @interface PostgresIT {}
