package com.acme.crm.account;

import com.acme.crm.testinfra.ApiLayer;
import org.junit.jupiter.api.Test;

/** Only the HTTP edge (account's api packages and @Path resources) uses service-common's api package, or account's own. */
class ApiLayerTest {

    @Test
    void onlyTheHttpEdgeUsesTheSharedApiPackage() {
        ApiLayer.check("com.acme.crm.account");
    }

    @Test
    void onlyTheHttpEdgeUsesTheServicesOwnApiPackages() {
        ApiLayer.checkOwnApi("com.acme.crm.account");
    }
}
