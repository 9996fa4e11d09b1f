package com.acme.crm.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service of the shared stack that a {@link ThroughTheGateway} class needs configured otherwise for all its tests:
 * {@code variables} ({@code NAME=value}) change its environment (RunningStack.reconfigure). Read before the class asks
 * for the stack, so a service another class left reconfigured restarts once, straight into these changes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Reconfigured {

    String service();

    String[] variables();
}
