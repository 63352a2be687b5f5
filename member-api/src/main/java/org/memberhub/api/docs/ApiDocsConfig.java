package org.memberhub.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.memberhub.kernel.activity.ActivityId;
import org.memberhub.kernel.benefit.BenefitId;
import org.memberhub.kernel.member.MemberId;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}) as clients need it: the bearer scheme, the real success status of each
 * operation, and its Problem Details answers ({@link OperationRefusals}, {@link SecurityDocumentation}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(MemberId.class, new StringSchema().format("uuid"))
                .replaceWithSchema(ActivityId.class, new StringSchema().format("uuid"))
                .replaceWithSchema(BenefitId.class, new StringSchema().pattern(BenefitId.PATTERN));
    }

    @Bean
    OpenAPI memberHubApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("MemberHub API")
                        .version("v1")
                        .description("Members, points, levels, benefits and activities. Every error is RFC 9457"
                                + " Problem Details (`application/problem+json`) with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes(
                                SecurityDocumentation.BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of the configured issuer (Keycloak)"))
                        .addSchemas(ProblemResponses.SCHEMA, problemDetail())
                        .addSchemas("FieldProblem", fieldProblem()));
    }

    @Bean
    OperationCustomizer operationRefusals() {
        return new OperationRefusals();
    }

    @Bean
    OpenApiCustomizer securityDocumentation() {
        return new SecurityDocumentation();
    }

    /** RFC 9457 with the members every answer of ours has ({@code code}) or invalid input adds ({@code errors}). */
    private static Schema<?> problemDetail() {
        return new ObjectSchema()
                .description("RFC 9457 Problem Details; `title` and `detail` in the caller's language")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().description("stable code of the refusal"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("one entry per invalid field or parameter")
                                .items(new Schema<>().$ref("FieldProblem")))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("code", new StringSchema())
                .addProperty("message", new StringSchema());
    }
}
