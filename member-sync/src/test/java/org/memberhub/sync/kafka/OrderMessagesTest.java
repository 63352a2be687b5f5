package org.memberhub.sync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memberhub.kernel.loyalty.Money;
import org.memberhub.kernel.member.MemberId;

/**
 * What purchase and refund messages of the order services must hold, checked before any command is sent, as the REST
 * API checks its requests; refusals by code ({@code MALFORMED_MESSAGE}: no JSON object at all, {@code INVALID_MESSAGE}:
 * a JSON object that can never be recorded).
 */
class OrderMessagesTest {

    private static final String MEMBER = "0190f2a4-1c3e-7a00-8000-00000000c0de";

    @Nested
    class Purchases {

        @Test
        void readsEveryFieldAndIgnoresUnknownOnes() {
            OrderMessages.Order purchase = OrderMessages.purchase("{\"eventId\":\"e-1\",\"orderId\":\" SO-1 \","
                    + "\"memberId\":\"" + MEMBER + "\",\"amount\":\"358.00\",\"currency\":\"CNY\","
                    + "\"occurredAt\":\"2026-11-23T10:15:30Z\",\"channel\":\"app\",\"items\":[{\"sku\":\"x\"}]}");

            assertThat(purchase.eventId()).isEqualTo("e-1");
            assertThat(purchase.orderId()).isEqualTo("SO-1");
            assertThat(purchase.refundId()).isNull();
            assertThat(purchase.memberId()).isEqualTo(MemberId.of(MEMBER));
            assertThat(purchase.externalRef()).isNull();
            assertThat(purchase.amount()).isEqualTo(Money.ofYuan("358.00"));
            assertThat(purchase.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        }

        @Test
        void takesTheAmountAsANumberOrAStringAndLeavesOutWhatIsOptional() {
            OrderMessages.Order purchase =
                    OrderMessages.purchase("{\"orderId\":\"SO-2\",\"externalRef\":\"CRM-42\",\"amount\":0.01}");

            assertThat(purchase.amount()).isEqualTo(Money.ofYuan("0.01"));
            assertThat(purchase.memberId()).isNull();
            assertThat(purchase.externalRef()).isEqualTo("CRM-42");
            assertThat(purchase.eventId()).isNull();
            assertThat(purchase.occurredAt()).isNull();
            assertThat(OrderMessages.purchase(
                                    "{\"orderId\":\"SO-3\",\"externalRef\":\"CRM-42\",\"amount\":\" 100000000.00 \"}")
                            .amount())
                    .isEqualTo(Money.ofYuan("100000000.00"));
            assertThat(OrderMessages.purchase(
                                    "{\"orderId\":\"SO-4\",\"externalRef\":\"CRM-42\",\"amount\":12,\"eventId\":\" \"}")
                            .eventId())
                    .as("a blank event id is no event id")
                    .isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                not JSON               | {"orderId":                                                          | MALFORMED_MESSAGE
                not an object          | ["SO-1"]                                                             | MALFORMED_MESSAGE
                a bare string          | "SO-1"                                                               | MALFORMED_MESSAGE
                empty                  | ' '                                                                  | MALFORMED_MESSAGE
                no order               | {"externalRef":"CRM-42","amount":"1.00"}                             | INVALID_MESSAGE
                order not a string     | {"orderId":7,"externalRef":"CRM-42","amount":"1.00"}                 | INVALID_MESSAGE
                order with spaces      | {"orderId":"SO 1","externalRef":"CRM-42","amount":"1.00"}            | INVALID_MESSAGE
                order too long         | {"orderId":"S12345678901234567890123456789012345678901234567890123456789012345","externalRef":"CRM-42","amount":"1.00"} | INVALID_MESSAGE
                no member              | {"orderId":"SO-1","amount":"1.00"}                                   | INVALID_MESSAGE
                both addresses         | {"orderId":"SO-1","memberId":"0190f2a4-1c3e-7a00-8000-00000000c0de","externalRef":"CRM-42","amount":"1.00"} | INVALID_MESSAGE
                member not a UUID      | {"orderId":"SO-1","memberId":"m-1","amount":"1.00"}                  | INVALID_MESSAGE
                external ref too long  | {"orderId":"SO-1","externalRef":"C12345678901234567890123456789012345678901234567890123456789012345","amount":"1.00"} | INVALID_MESSAGE
                no amount              | {"orderId":"SO-1","externalRef":"CRM-42"}                            | INVALID_MESSAGE
                null amount            | {"orderId":"SO-1","externalRef":"CRM-42","amount":null}              | INVALID_MESSAGE
                amount not a number    | {"orderId":"SO-1","externalRef":"CRM-42","amount":"ten"}             | INVALID_MESSAGE
                amount an object       | {"orderId":"SO-1","externalRef":"CRM-42","amount":{"yuan":1}}        | INVALID_MESSAGE
                zero amount            | {"orderId":"SO-1","externalRef":"CRM-42","amount":"0.00"}            | INVALID_MESSAGE
                negative amount        | {"orderId":"SO-1","externalRef":"CRM-42","amount":-5}                | INVALID_MESSAGE
                three decimals         | {"orderId":"SO-1","externalRef":"CRM-42","amount":"1.005"}           | INVALID_MESSAGE
                above the maximum      | {"orderId":"SO-1","externalRef":"CRM-42","amount":"100000000.01"}    | INVALID_MESSAGE
                another currency       | {"orderId":"SO-1","externalRef":"CRM-42","amount":"1.00","currency":"USD"} | INVALID_MESSAGE
                time not ISO-8601      | {"orderId":"SO-1","externalRef":"CRM-42","amount":"1.00","occurredAt":"23.11.2026"} | INVALID_MESSAGE
                time without zone      | {"orderId":"SO-1","externalRef":"CRM-42","amount":"1.00","occurredAt":"2026-11-23T10:15:30"} | INVALID_MESSAGE
                event id not a string  | {"eventId":1,"orderId":"SO-1","externalRef":"CRM-42","amount":"1.00"} | INVALID_MESSAGE
                """)
        void refusesAPurchaseThatCanNeverBeRecorded(String why, String json, String code) {
            assertThatThrownBy(() -> OrderMessages.purchase(json))
                    .as(why)
                    .isInstanceOfSatisfying(RejectedOrderMessage.class, rejected -> assertThat(rejected.code())
                            .isEqualTo(code));
        }
    }

    @Nested
    class Refunds {

        @Test
        void readsTheRefundOfAnOrder() {
            OrderMessages.Order refund = OrderMessages.refund("{\"eventId\":\"e-2\",\"refundId\":\"RF-1\","
                    + "\"orderId\":\"SO-1\",\"externalRef\":\"CRM-42\",\"amount\":\"58.00\"}");

            assertThat(refund.eventId()).isEqualTo("e-2");
            assertThat(refund.refundId()).isEqualTo("RF-1");
            assertThat(refund.orderId()).isEqualTo("SO-1");
            assertThat(refund.externalRef()).isEqualTo("CRM-42");
            assertThat(refund.memberId()).isNull();
            assertThat(refund.amount()).isEqualTo(Money.ofYuan("58.00"));
            assertThat(refund.occurredAt())
                    .as("a refund carries no time of its own")
                    .isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                not JSON               | {"refundId":                                                         | MALFORMED_MESSAGE
                no refund id           | {"orderId":"SO-1","memberId":"0190f2a4-1c3e-7a00-8000-00000000c0de","amount":"1.00"} | INVALID_MESSAGE
                refund id with spaces  | {"refundId":"RF 1","orderId":"SO-1","externalRef":"CRM-42","amount":"1.00"} | INVALID_MESSAGE
                no order               | {"refundId":"RF-1","externalRef":"CRM-42","amount":"1.00"}           | INVALID_MESSAGE
                no member              | {"refundId":"RF-1","orderId":"SO-1","amount":"1.00"}                 | INVALID_MESSAGE
                no amount              | {"refundId":"RF-1","orderId":"SO-1","externalRef":"CRM-42"}          | INVALID_MESSAGE
                zero amount            | {"refundId":"RF-1","orderId":"SO-1","externalRef":"CRM-42","amount":0} | INVALID_MESSAGE
                another currency       | {"refundId":"RF-1","orderId":"SO-1","externalRef":"CRM-42","amount":"1.00","currency":"EUR"} | INVALID_MESSAGE
                """)
        void refusesARefundThatCanNeverBeRecorded(String why, String json, String code) {
            assertThatThrownBy(() -> OrderMessages.refund(json))
                    .as(why)
                    .isInstanceOfSatisfying(RejectedOrderMessage.class, rejected -> assertThat(rejected.code())
                            .isEqualTo(code));
        }
    }
}
