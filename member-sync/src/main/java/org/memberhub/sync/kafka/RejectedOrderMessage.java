package org.memberhub.sync.kafka;

/**
 * A message that can never succeed, however often it is tried: it goes to the dead-letter topic at once, with the
 * code and detail in its headers.
 */
class RejectedOrderMessage extends RuntimeException {

    private final String code;

    RejectedOrderMessage(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
