package com.acme.crm.common.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The answer to a POST that made a resource: 201, its view, and {@code Location} as an absolute
 * path. A path, not a URI built from the request: behind a gateway the service sees its own host
 * and port, and a client resolves a path against the address it called (RFC 9110 §10.2.2).
 */
public final class Created {

    private Created() {
    }

    public static Response at(String path, Object view) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path).entity(view).build();
    }
}
