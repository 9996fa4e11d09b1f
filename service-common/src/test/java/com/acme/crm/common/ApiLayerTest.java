package com.acme.crm.common;

import com.acme.crm.common.apilayer.ResourceUsingTheApi;
import com.acme.crm.common.apilayer.ServiceUsingTheApi;
import com.acme.crm.testinfra.ApiLayer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the HTTP edge (api packages and @Path resources) uses service-common's api package. */
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
}
