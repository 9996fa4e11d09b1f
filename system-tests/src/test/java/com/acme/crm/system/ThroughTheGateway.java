package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the system tests that call the product over HTTP share: the running stack ({@link RunningStack}, started once
 * per test JVM) with rest-assured pointed at its gateway, and requests made as one of its users. A subclass's own
 * {@code @BeforeAll} runs after this one.
 */
abstract class ThroughTheGateway {

    static LocalStack stack;

    /**
     * The stack as the class needs it: as the stack configures it, or with the class's {@link Reconfigured} service
     * restarted once into its changes (a subclass's own static {@code @BeforeAll} of this name ran after this one, not
     * instead of it: lead-service restarted twice).
     */
    @BeforeAll
    static void startStackBehindGateway(TestInfo test) throws Exception {
        Reconfigured reconfigured = test.getTestClass().orElseThrow().getAnnotation(Reconfigured.class);
        if (reconfigured == null) {
            stack = RunningStack.get();
        } else {
            Map<String, String> changes = new LinkedHashMap<>();
            for (String variable : reconfigured.variables()) {
                changes.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            }
            stack = RunningStack.reconfigure(reconfigured.service(), changes);
        }
        RestAssured.baseURI = stack.gatewayUrl();
    }

    /** A JSON request with {@code user}'s token. */
    static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(stack.tokenOf(user)).contentType(ContentType.JSON);
    }

    /** Eight characters that make a name or an address unique to one test run. */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
