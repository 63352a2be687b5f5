package org.memberhub.kernel.sync;

/** Why one external record could not be applied: a stable code and an explanation free of personal data. */
public record SyncRecordError(String externalId, String code, String message) {}
