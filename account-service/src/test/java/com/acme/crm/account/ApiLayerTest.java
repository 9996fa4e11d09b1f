package com.acme.crm.account;

import com.acme.crm.testinfra.ApiLayer;
import org.junit.jupiter.api.Test;

/** Only the HTTP edge (account's api packages and @Path resources) uses service-common's api package. */
class ApiLayerTest {

    @Test
    void onlyTheHttpEdgeUsesTheSharedApiPackage() {
        ApiLayer.check("com.acme.crm.account");
    }
}
