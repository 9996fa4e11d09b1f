package com.acme.crm.system;

/**
 * Which gateway the benchmark's HTTP calls go through, from {@code -Dbench.gateway} and whether nginx is installed:
 * the product's (nginx with deploy/nginx/nginx.conf) unless the Java gateway is asked for or nginx is missing.
 */
record GatewayChoice(Kind kind, String why) {

    enum Kind { NGINX, JAVA }

    /** {@code asked}: the property's value, empty or null when it was not given. */
    static GatewayChoice of(String asked, boolean nginxInstalled) {
        String value = asked == null ? "" : asked.strip();
        switch (value) {
            case "" -> {
                return nginxInstalled
                        ? new GatewayChoice(Kind.NGINX, "the product's gateway, the default")
                        : new GatewayChoice(Kind.JAVA, "nginx is not installed (apt-get install nginx-light), so the"
                                + " local stack's Java gateway instead of the product's");
            }
            case "nginx" -> {
                if (!nginxInstalled) {
                    throw new IllegalStateException("-Dbench.gateway=nginx, but nginx is not installed "
                            + "(apt-get install nginx-light, or -Dnginx.binary=…)");
                }
                return new GatewayChoice(Kind.NGINX, "-Dbench.gateway=nginx");
            }
            case "java" -> {
                return new GatewayChoice(Kind.JAVA, "-Dbench.gateway=java");
            }
            default -> throw new IllegalArgumentException("-Dbench.gateway: nginx or java, not " + value);
        }
    }
}
