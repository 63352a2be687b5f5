package org.memberhub.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileDigestTest {

    @TempDir
    Path dir;

    @Test
    void sharesSamplesOutByThreadByPartOfTheStackAndByTheMethodOnTop() throws Exception {
        Path scenario = Files.createDirectories(dir.resolve("detail"));
        Path collapsed = scenario.resolve("profile.collapsed");
        Files.writeString(
                collapsed,
                """
                [http-nio-127.0.0.1-8080-exec-1 tid=11];org/apache/catalina/Valve.invoke_[j];org/springframework/security/web/FilterChainProxy.doFilter_[j];com/fasterxml/jackson/databind/ObjectMapper.writeValue_[j] 50
                [http-nio-127.0.0.1-8080-exec-2 tid=12];org/apache/catalina/Valve.invoke_[j];org/jooq/impl/AbstractQuery.execute_[j];org/postgresql/core/PGStream.receive_[j];__GI___libc_read;tcp_recvmsg_[k] 20
                [EventProcessor[members]-0 tid=30];org/axonframework/eventhandling/TrackingEventProcessor.processBatch_[j];org/memberhub/eventstore/TransactionOrderedStorageEngine.fetch_[i] 15
                [C2 CompilerThre tid=5];CompileBroker::compiler_thread_loop;C2Compiler::compile_method 10
                [some-thread tid=40];java/lang/Object.wait 5
                not a stack line
                """);

        ProfileDigest digest = ProfileDigest.read(collapsed);

        assertThat(digest.file()).isEqualTo("detail/profile.collapsed");
        assertThat(digest.samples()).isEqualTo(100);
        assertThat(digest.threads())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("HTTP requests", 70.0),
                        org.assertj.core.api.Assertions.entry("projections", 15.0),
                        org.assertj.core.api.Assertions.entry("JIT compiler", 10.0),
                        org.assertj.core.api.Assertions.entry("other", 5.0));
        assertThat(digest.through())
                .containsEntry("Tomcat", 70.0)
                .containsEntry("Spring Security", 50.0)
                .containsEntry("Jackson (JSON)", 50.0)
                .containsEntry("jOOQ", 20.0)
                .containsEntry("PostgreSQL driver", 20.0)
                .containsEntry("kernel", 20.0)
                .containsEntry("Axon", 15.0)
                .containsEntry("event store (ours)", 15.0)
                .doesNotContainKey("Micrometer");
        assertThat(digest.hottest().keySet())
                .containsExactly(
                        "ObjectMapper.writeValue",
                        "tcp_recvmsg",
                        "TransactionOrderedStorageEngine.fetch",
                        "C2Compiler::compile_method",
                        "Object.wait");
    }

    @Test
    void namesMethodsWithoutTheirPackageOrTheProfilersFrameMarks() {
        assertThat(ProfileDigest.method("org/memberhub/api/Foo$Bar.baz_[j]")).isEqualTo("Foo$Bar.baz");
        assertThat(ProfileDigest.method("java/lang/String.hashCode")).isEqualTo("String.hashCode");
        assertThat(ProfileDigest.method("tcp_sendmsg_[k]")).isEqualTo("tcp_sendmsg");
        assertThat(ProfileDigest.method("C2Compiler::compile_method")).isEqualTo("C2Compiler::compile_method");
    }
}
