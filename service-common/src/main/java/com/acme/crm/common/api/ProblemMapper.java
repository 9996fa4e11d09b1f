package com.acme.crm.common.api;

import com.acme.crm.common.inbox.FailureClassifier;
import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where failures become HTTP answers, as {@code application/problem+json}.
 * Bad input is always a 4xx with the fields at fault; a passing fault (the database away or busy, a lock
 * held past the pool's lock_timeout, a statement past its statement_timeout: {@link FailureClassifier}'s
 * transient and timed-out kinds, as for a consumer) is a 503 with {@code Retry-After}; only our own bugs
 * are a 500, and even then without a stack trace.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final String RETRY_AFTER = "Retry-After";
    /** A lock wait ends after the pool's lock_timeout (seconds), a database restart takes seconds: a second is a fair first pause. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return answer(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return answer(Problem.of(400, "invalid-request", "Bad Request", "the request is not valid")
                .withViolations(violations), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return answer(Problem.of(400, "invalid-request", "Bad Request", "the request is not valid")
                .withViolations(List.of(new Problem.Violation(jsonPath(e),
                        "unknown field, or a field set by the system only"))), uri);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        return answer(Problem.of(400, "invalid-request", "Bad Request", "the request is not valid")
                .withViolations(List.of(new Problem.Violation(jsonPath(e),
                        "cannot be read as " + e.getTargetType().getSimpleName() + ": " + e.getValue()))), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return answer(Problem.of(400, "invalid-request", "Bad Request", "the request is not valid")
                .withViolations(List.of(new Problem.Violation(jsonPath(e), e.getOriginalMessage()))), uri);
    }

    /**
     * A JSON value of the wrong shape (e.g. an array for an enum). Quarkus ships a mapper for this
     * exact type that answers plain JSON and would win over the {@code JsonMappingException} one.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return answer(Problem.of(400, "malformed-json", "Bad Request", "the body is not valid JSON: "
                + e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return answer(Problem.of(401, "unauthenticated", "Unauthorized", "a valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return answer(Problem.of(401, "unauthenticated", "Unauthorized", "a valid bearer token is required"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(Problem.of(403, "forbidden", "Forbidden", "your role does not allow this"), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("request failed", e);
        }
        String detail = status.getStatusCode() == 404 ? "no such resource" : e.getMessage();
        return answer(Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(),
                status.getReasonPhrase(), detail), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException problem) { // wrapped by a reactive pipeline
            return problem(problem, uri);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return answer(Problem.of(409, "changed-meanwhile", "Conflict",
                        "the record was changed or removed by someone else meanwhile; read it again"), uri);
            }
        }
        FailureClassifier.Kind kind = FailureClassifier.classify(e);
        if (kind == FailureClassifier.Kind.TRANSIENT || kind == FailureClassifier.Kind.TIMED_OUT) {
            // the database away or busy, a lock held past lock_timeout, a statement past statement_timeout: the same
            // request may well succeed in a moment, so the caller is told to try again, as a consumer would
            LOG.warnf("request failed for a passing reason, answered 503: %s", FailureClassifier.reason(e));
            return Response.fromResponse(answer(Problem.of(503, "unavailable", "Service Unavailable",
                            "a passing fault (the database away or busy, or a record locked too long); try again"), uri))
                    .header(RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.error("unexpected failure", e);
        return answer(Problem.of(500, "internal-error", "Internal Server Error",
                "the server failed; the request id identifies it in the logs"), uri);
    }

    private static Response answer(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.at(uri.getPath()))
                .build();
    }

    /** {@code create.request.address.country} → {@code address.country}: the body's JSON path. */
    private static String field(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
                default -> {
                    if (node.getName() != null) {
                        names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    names.add(node.getName());
                }
            }
        }
        return String.join(".", names);
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
