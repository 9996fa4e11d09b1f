package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;
import com.acme.crm.stack.StackConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole system as separate processes (the built service jars, a Kafka broker process,
 * PostgreSQL and the gateway), on free ports in a temporary folder, started once per test JVM
 * through the same code as the local stack.
 */
final class RunningStack {

    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in system-tests/
            Map<String, Integer> services = new LinkedHashMap<>();
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                services.put(service.name(), freePort());
            }
            StackConfig config = new StackConfig(root, Files.createTempDirectory("crm-system-test"),
                    freePort(), freePort(), freePort(), freePort(), services);
            stack = LocalStack.startWith(config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-test-stack-stop"));
        }
        return stack;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
