package com.acme.crm.testinfra.contract;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (JUnit's extension auto-detection, limited to this package by
 * the root pom): before each test, rest-assured checks every answer against its OpenAPI document.
 * A {@code @QuarkusTest} runs with its own copy of rest-assured in Quarkus' class loader, so the
 * filter is installed in the class loader of the test class.
 */
public final class ContractValidationExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class.forName(Installer.class.getName(), true, loader).getMethod("install").invoke(null);
    }

    /** Runs inside the test's class loader. */
    public static final class Installer {
        private static final OpenApiContractFilter FILTER = new OpenApiContractFilter(new ServiceDocuments());

        public static synchronized void install() {
            if (!RestAssured.filters().contains(FILTER)) {
                RestAssured.filters(FILTER);
            }
        }
    }
}
