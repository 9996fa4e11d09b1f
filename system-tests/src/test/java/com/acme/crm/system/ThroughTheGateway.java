package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

/**
 * What the system tests that call the product over HTTP share: the running stack ({@link RunningStack}, started once
 * per test JVM) with rest-assured pointed at its gateway, and requests made as one of its users. A subclass's own
 * {@code @BeforeAll} runs after this one.
 */
abstract class ThroughTheGateway {

    static LocalStack stack;

    @BeforeAll
    static void startStackBehindGateway() throws Exception {
        behindGateway(RunningStack.get());
    }

    /**
     * Points rest-assured at {@code running}'s gateway. A class that needs a service reconfigured for all its tests
     * hides {@link #startStackBehindGateway} with a method of the same name that passes the stack
     * {@link RunningStack#reconfigure} answers: the service then restarts once, not once to the stack's own settings and
     * again to the class's.
     */
    static void behindGateway(LocalStack running) {
        stack = running;
        RestAssured.baseURI = running.gatewayUrl();
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
