package com.acme.crm.opportunity;

import com.acme.crm.testinfra.ApiLayer;
import org.junit.jupiter.api.Test;

/** Only the HTTP edge (opportunity's api packages and @Path resources) uses service-common's api package, or opportunity's own. */
class ApiLayerTest {

    @Test
    void onlyTheHttpEdgeUsesTheSharedApiPackage() {
        ApiLayer.check("com.acme.crm.opportunity");
    }

    @Test
    void onlyTheHttpEdgeUsesTheServicesOwnApiPackages() {
        ApiLayer.checkOwnApi("com.acme.crm.opportunity");
    }
}
