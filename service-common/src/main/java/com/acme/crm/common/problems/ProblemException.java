package com.acme.crm.common.problems;

import java.util.List;
import java.util.Map;

/**
 * Thrown by the domain and the services to refuse an input or a state with a problem; the API
 * layer's {@code ProblemMapper} turns it into the HTTP answer.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(404, "not-found", "Not Found", what + " " + id + " does not exist"));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ProblemException conflict(String slug, String detail, Map<String, Object> extensions) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail).withExtensions(extensions));
    }

    public static ProblemException badRequest(String detail, List<Problem.Violation> violations) {
        return new ProblemException(Problem.of(400, "invalid-request", "Bad Request", detail).withViolations(violations));
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest("the request is not valid", List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(Problem.of(412, "stale-version", "Precondition Failed", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }
}
