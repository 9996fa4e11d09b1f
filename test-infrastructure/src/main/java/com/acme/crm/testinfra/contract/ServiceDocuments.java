package com.acme.crm.testinfra.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI documents that own the answers of one origin (scheme, host and port): a service
 * serves its own, a gateway every service's (README), and the document whose paths name the
 * request's path owns the answer.
 */
public final class ServiceDocuments {

    /**
     * Where the documents are: each service serves its own at {@code /openapi/<service>}, a gateway
     * all three at the same paths; Quarkus' default {@code /q/openapi} for a test application.
     */
    static final List<String> DOCUMENT_PATHS = List.of(
            "/openapi/lead-service", "/openapi/account-service", "/openapi/opportunity-service", "/q/openapi");

    /** The headers an answer may carry only where its document declares them. */
    static final List<String> DECLARED_HEADERS = List.of("ETag", "Location", "Retry-After", "X-Request-Id");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, List<Document>> byOrigin = new ConcurrentHashMap<>();

    /**
     * Quarkus' own endpoints ({@code /q/health}, {@code /q/metrics}, the documents themselves) and
     * the documents and Swagger UI at the gateway are not part of the product's API documents.
     */
    static boolean isFrameworkPath(String path) {
        return path.startsWith("/q/") || path.startsWith("/openapi/") || path.startsWith("/swagger-ui");
    }

    /** What does not match the owning document; empty when the exchange is documented. */
    List<String> check(URI uri, FilterableRequestSpecification request, Response response) {
        List<Document> documents = byOrigin.computeIfAbsent(origin(uri), ServiceDocuments::load);
        // rest-assured adds auth().oauth2()'s header after the filters: show the validator what was sent
        if (request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2 && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + oauth2.getAccessToken());
        }
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        Optional<Document> owner = documents.stream().filter(d -> d.describes(uri.getPath(), method)).findFirst();
        if (owner.isEmpty()) {
            // a path no service has: the gateway's own 404 problem (README), or a mismatch
            boolean gatewayNotFound = response.statusCode() == 404 && String.valueOf(response.contentType()).startsWith("application/problem+json");
            return gatewayNotFound ? List.of() : List.of("no document of " + origin(uri) + " describes " + method + " " + uri.getPath());
        }
        return owner.get().check(uri.getPath(), method, request, response);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static List<Document> load(String origin) {
        List<Document> documents = new ArrayList<>();
        for (String path : DOCUMENT_PATHS) {
            fetch(origin + path).ifPresent(text -> documents.add(new Document(origin + path, text)));
        }
        if (documents.isEmpty()) {
            throw new AssertionError(origin + " serves none of " + DOCUMENT_PATHS + ": no document to check its answers against");
        }
        return documents;
    }

    private static Optional<String> fetch(String url) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body()) : Optional.empty();
        } catch (IOException e) {
            throw new AssertionError("cannot read the OpenAPI document " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + url, e);
        }
    }

    /** One service's document: the validator, and the parsed model for the header check. */
    private static final class Document {
        private final String url;
        private final OpenApiInteractionValidator validator;
        private final ApiOperationResolver operations;

        Document(String url, String text) {
            this.url = url;
            this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            OpenAPI api = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
            if (api == null) {
                throw new AssertionError(url + " is not an OpenAPI 3 document");
            }
            this.operations = new ApiOperationResolver(api, null, true);
        }

        boolean describes(String path, Request.Method method) {
            return operations.findApiOperation(path, method).isPathFound();
        }

        List<String> check(String path, Request.Method method, FilterableRequestSpecification request, Response response) {
            List<String> problems = new ArrayList<>();
            ValidationReport report = validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
            for (ValidationReport.Message message : report.getMessages()) {
                // a request the test sent wrong on purpose is fine when the answer refuses it (4xx)
                boolean refusedRequest = message.getKey().startsWith("validation.request") && response.statusCode() / 100 == 4;
                if (message.getLevel() == ValidationReport.Level.ERROR && !refusedRequest) {
                    problems.add(OpenApiContractFilter.describe(message));
                }
            }
            ApiOperationMatch match = operations.findApiOperation(path, method);
            if (match.isOperationAllowed()) {
                ApiResponse documented = match.getApiOperation().getOperation().getResponses()
                        .get(String.valueOf(response.statusCode()));
                for (String header : DECLARED_HEADERS) {
                    if (response.header(header) != null && (documented == null || documented.getHeaders() == null
                            || documented.getHeaders().keySet().stream().noneMatch(header::equalsIgnoreCase))) {
                        problems.add("header " + header + " is sent but not declared for " + response.statusCode() + " in " + url);
                    }
                }
            }
            return problems;
        }
    }
}
