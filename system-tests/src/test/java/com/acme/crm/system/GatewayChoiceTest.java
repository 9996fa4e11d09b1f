package com.acme.crm.system;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayChoiceTest {

    @Test
    void nginxByDefaultWhenItIsInstalled() {
        assertEquals(GatewayChoice.Kind.NGINX, GatewayChoice.of(null, true).kind());
        assertEquals(GatewayChoice.Kind.NGINX, GatewayChoice.of("", true).kind());
    }

    @Test
    void withoutNginxTheDefaultFallsBackToTheJavaGatewayAndSaysSo() {
        GatewayChoice choice = GatewayChoice.of("", false);
        assertEquals(GatewayChoice.Kind.JAVA, choice.kind());
        assertTrue(choice.why().contains("nginx is not installed"), choice.why());
    }

    @Test
    void theJavaGatewayWhenAskedForEvenWithNginxInstalled() {
        assertEquals(GatewayChoice.Kind.JAVA, GatewayChoice.of("java", true).kind());
    }

    @Test
    void nginxAskedForButMissingIsAnErrorNotAFallback() {
        assertThrows(IllegalStateException.class, () -> GatewayChoice.of("nginx", false));
    }

    @Test
    void anUnknownGatewayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GatewayChoice.of("haproxy", true));
    }
}
