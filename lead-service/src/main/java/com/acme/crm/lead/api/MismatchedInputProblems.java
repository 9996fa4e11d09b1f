package com.acme.crm.lead.api;

import com.acme.crm.common.api.ProblemMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus ships its own mapper for {@link MismatchedInputException} (a JSON value of the wrong
 * shape, e.g. an array for an enum), which is more specific than the shared mapper's
 * {@code JsonMappingException} and answers plain JSON. This hands it back to the shared
 * {@link ProblemMapper}, so the answer is problem+json like every other. Belongs in
 * service-common's mapper; kept here until it moves there.
 */
public class MismatchedInputProblems {

    private final ProblemMapper problems = new ProblemMapper();

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
