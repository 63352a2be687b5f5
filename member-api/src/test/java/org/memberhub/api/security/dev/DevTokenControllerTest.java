package org.memberhub.api.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The development token endpoint answers only callers on this machine. */
class DevTokenControllerTest {

    @Test
    void loopbackAddressesAreThisMachine() {
        assertThat(DevTokenController.isLoopback("127.0.0.1")).isTrue();
        assertThat(DevTokenController.isLoopback("127.8.9.10")).isTrue();
        assertThat(DevTokenController.isLoopback("::1")).isTrue();
        assertThat(DevTokenController.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void otherAddressesAndNonAddressesAreNot() {
        assertThat(DevTokenController.isLoopback("10.0.0.5")).isFalse();
        assertThat(DevTokenController.isLoopback("192.168.1.20")).isFalse();
        assertThat(DevTokenController.isLoopback("fe80::1")).isFalse();
        assertThat(DevTokenController.isLoopback("0.0.0.0")).isFalse();
        assertThat(DevTokenController.isLoopback("localhost")).isFalse();
        assertThat(DevTokenController.isLoopback("")).isFalse();
        assertThat(DevTokenController.isLoopback(null)).isFalse();
    }
}
