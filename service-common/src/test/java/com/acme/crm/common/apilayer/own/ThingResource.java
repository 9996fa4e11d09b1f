package com.acme.crm.common.apilayer.own;

import com.acme.crm.common.apilayer.own.api.ThingView;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** A JAX-RS resource outside the api package: it may show the view. Only read by ApiLayerTest; never an endpoint of the tests' application. */
@UnlessBuildProfile("test")
@Path("/api-layer-own-fixture")
public class ThingResource {

    @GET
    public ThingView get(@QueryParam("name") String name) {
        return new ThingView(name);
    }
}
