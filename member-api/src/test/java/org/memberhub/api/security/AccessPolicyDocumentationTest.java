package org.memberhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's role table is the access policy, row for row; change one and this test shows what to write. */
class AccessPolicyDocumentationTest {

    @Test
    void theReadmeShowsTheAccessPolicy() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains(table());
    }

    static String table() {
        StringBuilder table = new StringBuilder("| method | path | ");
        table.append(Arrays.stream(Role.values()).map(Role::keycloakName).collect(Collectors.joining(" | ")));
        table.append(" |\n| --- | --- |")
                .append(" :-: |".repeat(Role.values().length))
                .append('\n');
        for (AccessPolicy.Rule rule : AccessPolicy.RULES) {
            table.append("| ")
                    .append(rule.method())
                    .append(" | `")
                    .append(rule.path())
                    .append("` |");
            for (Role role : Role.values()) {
                table.append(rule.roles().contains(role) ? " ✓ |" : "  |");
            }
            table.append('\n');
        }
        return table.toString();
    }
}
