package com.acme.crm.common.apilayer;

import com.acme.crm.common.api.QueryParameters;

/** A class outside the HTTP edge that reads a query parameter itself: what {@code ApiLayer} refuses. */
public class ServiceUsingTheApi {

    public int limit(String text) {
        return QueryParameters.number("limit", text, 1, 100, 50);
    }
}
