package com.acme.crm.testinfra.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.List;

/**
 * Checks every rest-assured call against the OpenAPI document of the service that answered
 * (Atlassian's swagger-request-validator): an answer the document does not describe fails the
 * test. Installed for every test by {@link ContractValidationExtension}.
 */
public final class OpenApiContractFilter implements OrderedFilter {

    private final ServiceDocuments documents;

    public OpenApiContractFilter(ServiceDocuments documents) {
        this.documents = documents;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (ServiceDocuments.isFrameworkPath(uri.getPath())) {
            return response;
        }
        List<String> problems = documents.check(uri, request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + request.getMethod() + " " + uri.getPath() + " (" + response.statusCode()
                    + ") does not match the OpenAPI document:\n  - " + String.join("\n  - ", problems)
                    + "\nbody: " + abbreviated(response.asString()));
        }
        return response;
    }

    /** Last, so that the check sees the request as sent (after other filters such as logging changed it). */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    static String describe(ValidationReport.Message message) {
        return message.getKey() + ": " + message.getMessage()
                + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo());
    }

    private static String abbreviated(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "…";
    }
}
