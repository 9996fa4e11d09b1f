package com.acme.crm.lead;

import com.acme.crm.testinfra.ApiLayer;
import org.junit.jupiter.api.Test;

/** Only the HTTP edge (lead's api packages and @Path resources) uses service-common's api package, or lead's own. */
class ApiLayerTest {

    @Test
    void onlyTheHttpEdgeUsesTheSharedApiPackage() {
        ApiLayer.check("com.acme.crm.lead");
    }

    @Test
    void onlyTheHttpEdgeUsesTheServicesOwnApiPackages() {
        ApiLayer.checkOwnApi("com.acme.crm.lead");
    }
}
