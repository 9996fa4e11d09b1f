package com.acme.crm.common.api;

import com.acme.crm.common.problems.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Makes the OpenAPI document say what {@link ProblemMapper} does: every 4xx answer of an
 * {@code /api} operation is {@code application/problem+json} with the {@link Problem} schema.
 * Resources declare only the answers particular to them ({@code @APIResponse} 404, 409, 412...);
 * the ones every operation can give are added here: 401 everywhere, 400 where there is input
 * (a body, a query or a path parameter),
 * 404 where the path names a record, 413 and 415 where there is a body, 503 with {@code Retry-After}
 * everywhere (a passing fault, {@link ProblemMapper}). Every answer, of every
 * operation, declares the {@code X-Request-Id} header ({@link RequestIds}).
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String UNAVAILABLE = "503";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        NullableReferences.inline(openAPI);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            item.getOperations().forEach((method, operation) -> document(path, method, operation));
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        addIfMissing(responses, "401", "No bearer token, or not a valid one");
        if (operation.getRequestBody() != null || path.contains("{") || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY))) {
            addIfMissing(responses, "400", "The request is not valid; violations name the fields at fault");
        }
        if (path.contains("{")) {
            addIfMissing(responses, "404", "No such record, or not one the caller may see");
        }
        if (operation.getRequestBody() != null) {
            addIfMissing(responses, "413", "The body is larger than the service accepts");
            addIfMissing(responses, "415", "The body is not of a media type the operation accepts");
        }
        addIfMissing(responses, UNAVAILABLE, "A passing fault (the database away or busy, or a record locked too long):"
                + " try again after Retry-After seconds");
        responses.getAPIResponse(UNAVAILABLE).addHeader(ProblemMapper.RETRY_AFTER, OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
            if (answer.getKey().startsWith("4") || answer.getKey().equals(UNAVAILABLE)) {
                answer.getValue().setContent(problemContent());
            }
            answer.getValue().addHeader(RequestIds.HEADER, OASFactory.createHeader()
                    .description("The caller's request id when it sent a sane one, a new one otherwise")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
