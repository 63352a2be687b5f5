package org.memberhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.memberhub.it.Api.Response;
import org.springframework.beans.factory.annotation.Autowired;

/** Problem Details speak the caller's language: Chinese or English by Accept-Language, English otherwise. */
@PostgresIT
class ProblemLanguageIT {

    @Autowired
    Api api;

    @ParameterizedTest(name = "Accept-Language: {0}")
    @CsvSource({
        "zh-CN, zh-CN, 请求体不是格式正确的 JSON。, 请求无效",
        "zh, zh-CN, 请求体不是格式正确的 JSON。, 请求无效",
        "'zh-TW,zh;q=0.9', zh-CN, 请求体不是格式正确的 JSON。, 请求无效",
        "en, en, The request body is not well-formed JSON., Bad Request",
        "en-US, en, The request body is not well-formed JSON., Bad Request",
        "'fr-FR,fr;q=0.9', en, The request body is not well-formed JSON., Bad Request"
    })
    void malformedRequestInTheCallersLanguage(
            String acceptLanguage, String contentLanguage, String detail, String title) {
        Response response = api.post("/api/v1/members", "{\"name\":", "Accept-Language", acceptLanguage);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Language")).isEqualTo(contentLanguage);
        assertThat(response.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(response.json().get("detail").asText()).isEqualTo(detail);
        assertThat(response.json().get("title").asText()).isEqualTo(title);
    }

    @ParameterizedTest(name = "Accept-Language: {0}")
    @CsvSource({"zh-CN, 不是有效的手机号码, 不能为空", "en, is not a valid mobile number, is required"})
    void fieldMessagesInTheCallersLanguage(String acceptLanguage, String mobileMessage, String nameMessage) {
        Response response = api.post("/api/v1/members", "{\"mobile\":\"123\"}", "Accept-Language", acceptLanguage);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("message"))
                .containsExactlyInAnyOrder(mobileMessage, nameMessage);
    }

    @ParameterizedTest(name = "Accept-Language: {0}")
    @CsvSource({
        "zh-CN, 会员 0190f2a4-1c3e-7a00-8000-00000000dead 不存在。",
        "en, Member 0190f2a4-1c3e-7a00-8000-00000000dead does not exist."
    })
    void domainRefusalsInTheCallersLanguage(String acceptLanguage, String detail) {
        Response response =
                api.get("/api/v1/members/0190f2a4-1c3e-7a00-8000-00000000dead", "Accept-Language", acceptLanguage);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).isEqualTo(detail);
    }
}
