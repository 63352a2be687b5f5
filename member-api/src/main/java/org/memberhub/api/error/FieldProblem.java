package org.memberhub.api.error;

/** One invalid field (or parameter) of a request: where, which rule, and a message in the caller's language. */
public record FieldProblem(String field, String code, String message) {}
