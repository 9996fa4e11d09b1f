package com.acme.crm.common.apilayer;

import com.acme.crm.common.api.QueryParameters;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * A JAX-RS resource outside an api package, and a class nested in it: both may use the api package. Only read by
 * ApiLayerTest; never an endpoint of the tests' application.
 */
@UnlessBuildProfile("test")
@Path("/api-layer-fixture")
public class ResourceUsingTheApi {

    @GET
    public Answer get(@QueryParam("limit") String limit) {
        return Answer.of(limit);
    }

    public record Answer(int limit) {
        static Answer of(String limit) {
            return new Answer(QueryParameters.number("limit", limit, 1, 100, 50));
        }
    }
}
