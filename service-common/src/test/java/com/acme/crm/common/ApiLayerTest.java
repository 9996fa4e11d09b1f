package com.acme.crm.common;

import com.acme.crm.common.apilayer.ResourceUsingTheApi;
import com.acme.crm.common.apilayer.ServiceUsingTheApi;
import com.acme.crm.common.apilayer.own.ThingResource;
import com.acme.crm.common.apilayer.own.ThingService;
import com.acme.crm.common.apilayer.own.api.ThingView;
import com.acme.crm.testinfra.ApiLayer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the HTTP edge (api packages and @Path resources) uses service-common's api package, or a service's own. */
class ApiLayerTest {

    @Test
    void onlyTheHttpEdgeUsesTheSharedApiPackage() {
        ApiLayer.check("com.acme.crm.common");
    }

    @Test
    void theRuleRefusesAClassOutsideTheEdgeAndAdmitsAResourceWithItsNestedClasses() {
        EvaluationResult result = ApiLayer.RULE.evaluate(new ClassFileImporter().importClasses(
                ServiceUsingTheApi.class, ResourceUsingTheApi.class, ResourceUsingTheApi.Answer.class));

        List<String> violations = result.getFailureReport().getDetails();
        assertTrue(result.hasViolation());
        assertTrue(violations.stream().allMatch(line -> line.contains(ServiceUsingTheApi.class.getName())), violations::toString);
        assertEquals(1, violations.size(), violations::toString);
    }

    @Test
    void theOwnApiRuleRefusesAServiceAnsweringWithItsViewAndAdmitsAResource() {
        EvaluationResult result = ApiLayer.ownApiRule("com.acme.crm.common.apilayer.own").evaluate(new ClassFileImporter()
                .importClasses(ThingService.class, ThingResource.class, ThingView.class));

        List<String> violations = result.getFailureReport().getDetails();
        assertTrue(result.hasViolation());
        // the resource shows the view too: it is not among them
        assertTrue(violations.stream().allMatch(line -> line.contains(ThingService.class.getName())), violations::toString);
    }
}
