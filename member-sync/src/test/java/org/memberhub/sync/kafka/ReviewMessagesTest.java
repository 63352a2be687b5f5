package org.memberhub.sync.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memberhub.kernel.member.MemberId;

/** What a review message must hold, checked before any command is sent; refusals by code. */
class ReviewMessagesTest {

    private static final String MEMBER = "0190f2a4-1c3e-7a00-8000-00000000c0de";

    @Test
    void readsTheOrderAndTheMemberAndIgnoresWhatTheReviewSays() {
        OrderMessages.Order review = OrderMessages.review("{\"eventId\":\"e-3\",\"orderId\":\" SO-1 \",\"memberId\":\""
                + MEMBER + "\",\"rating\":5,\"text\":\"good\"}");

        assertThat(review.eventId()).isEqualTo("e-3");
        assertThat(review.orderId()).isEqualTo("SO-1");
        assertThat(review.memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(review.externalRef()).isNull();
        assertThat(review.amount()).isNull();
    }

    @Test
    void addressesAMemberByExternalReference() {
        OrderMessages.Order review = OrderMessages.review("{\"orderId\":\"SO-1\",\"externalRef\":\"CRM-42\"}");

        assertThat(review.memberId()).isNull();
        assertThat(review.externalRef()).isEqualTo("CRM-42");
        assertThat(review.eventId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not JSON             | {"orderId":                                             | MALFORMED_MESSAGE
            not an object        | ["SO-1"]                                                | MALFORMED_MESSAGE
            empty                | ' '                                                     | MALFORMED_MESSAGE
            no order             | {"memberId":"0190f2a4-1c3e-7a00-8000-00000000c0de"}     | INVALID_MESSAGE
            blank order          | {"orderId":" ","externalRef":"CRM-42"}                  | INVALID_MESSAGE
            order not a string   | {"orderId":42,"externalRef":"CRM-42"}                   | INVALID_MESSAGE
            order with spaces    | {"orderId":"SO 1","externalRef":"CRM-42"}               | INVALID_MESSAGE
            no member            | {"orderId":"SO-1"}                                      | INVALID_MESSAGE
            both addresses       | {"orderId":"SO-1","memberId":"0190f2a4-1c3e-7a00-8000-00000000c0de","externalRef":"CRM-42"} | INVALID_MESSAGE
            member not a UUID    | {"orderId":"SO-1","memberId":"m-1"}                     | INVALID_MESSAGE
            """)
    void refusesAMessageThatCanNeverEarn(String why, String json, String code) {
        assertThatThrownBy(() -> OrderMessages.review(json))
                .as(why)
                .isInstanceOfSatisfying(RejectedOrderMessage.class, rejected -> assertThat(rejected.code())
                        .isEqualTo(code));
    }
}
