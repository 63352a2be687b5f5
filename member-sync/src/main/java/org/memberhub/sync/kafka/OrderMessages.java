package org.memberhub.sync.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.points.OrderRules;

/**
 * Reads the JSON messages of the order services and checks them as the REST API checks its requests. Unknown fields
 * are ignored, so that producers can add fields without breaking us.
 *
 * <pre>
 * purchase: {"eventId": "e-1", "orderId": "SO-1", "memberId": "0190f2a4-...", "amount": "358.00",
 *            "currency": "CNY", "occurredAt": "2026-11-23T10:15:30Z"}
 * refund:   {"eventId": "e-2", "refundId": "RF-1", "orderId": "SO-1", "externalRef": "CRM-42", "amount": "58.00"}
 * review:   {"eventId": "e-3", "orderId": "SO-1", "memberId": "0190f2a4-..."}
 * </pre>
 */
final class OrderMessages {

    static final String MALFORMED = "MALFORMED_MESSAGE";
    static final String INVALID = "INVALID_MESSAGE";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private OrderMessages() {}

    /** A purchase, refund or review addressed to a member by id or by external reference. */
    record Order(
            String eventId,
            String orderId,
            String refundId,
            MemberId memberId,
            String externalRef,
            Money amount,
            Instant occurredAt) {}

    static Order purchase(String json) {
        JsonNode node = parse(json);
        return new Order(
                optionalText(node, "eventId"),
                reference(node, "orderId"),
                null,
                memberId(node),
                externalRef(node),
                amount(node),
                instant(node, "occurredAt"));
    }

    static Order refund(String json) {
        JsonNode node = parse(json);
        return new Order(
                optionalText(node, "eventId"),
                reference(node, "orderId"),
                reference(node, "refundId"),
                memberId(node),
                externalRef(node),
                amount(node),
                null);
    }

    /** A review of a purchased order: the order and the member; what the review says is not ours to keep. */
    static Order review(String json) {
        JsonNode node = parse(json);
        return new Order(
                optionalText(node, "eventId"),
                reference(node, "orderId"),
                null,
                memberId(node),
                externalRef(node),
                null,
                null);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new RejectedOrderMessage(MALFORMED, "empty message");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RejectedOrderMessage(MALFORMED, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RejectedOrderMessage(MALFORMED, "not JSON: " + e.getOriginalMessage());
        }
    }

    private static String reference(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new RejectedOrderMessage(INVALID, field + " is missing");
        }
        if (!OrderRules.isReference(value)) {
            throw new RejectedOrderMessage(INVALID, field + " must match " + OrderRules.REFERENCE);
        }
        return value;
    }

    private static MemberId memberId(JsonNode node) {
        String id = optionalText(node, "memberId");
        String externalRef = optionalText(node, "externalRef");
        if ((id == null) == (externalRef == null)) {
            throw new RejectedOrderMessage(INVALID, "exactly one of memberId and externalRef is required");
        }
        if (id == null) {
            return null;
        }
        try {
            return MemberId.of(id);
        } catch (IllegalArgumentException e) {
            throw new RejectedOrderMessage(INVALID, "memberId is not a UUID");
        }
    }

    private static String externalRef(JsonNode node) {
        String externalRef = optionalText(node, "externalRef");
        if (externalRef != null && externalRef.length() > 64) {
            throw new RejectedOrderMessage(INVALID, "externalRef is longer than 64 characters");
        }
        return externalRef;
    }

    private static Money amount(JsonNode node) {
        JsonNode value = node.get("amount");
        BigDecimal amount;
        if (value == null || value.isNull()) {
            throw new RejectedOrderMessage(INVALID, "amount is missing");
        } else if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                amount = new BigDecimal(value.asText().strip());
            } catch (NumberFormatException e) {
                throw new RejectedOrderMessage(INVALID, "amount is not a number");
            }
        } else {
            throw new RejectedOrderMessage(INVALID, "amount is not a number");
        }
        if (!OrderRules.isAmount(amount)) {
            throw new RejectedOrderMessage(
                    INVALID, "amount must be 0.01 to " + OrderRules.MAX_AMOUNT + " yuan with at most two decimals");
        }
        String currency = optionalText(node, "currency");
        if (currency != null && !currency.equals(OrderRules.CURRENCY)) {
            throw new RejectedOrderMessage(INVALID, "currency must be " + OrderRules.CURRENCY);
        }
        return Money.ofYuan(amount);
    }

    private static Instant instant(JsonNode node, String field) {
        String value = optionalText(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedOrderMessage(INVALID, field + " is not an ISO-8601 instant");
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedOrderMessage(INVALID, field + " must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
