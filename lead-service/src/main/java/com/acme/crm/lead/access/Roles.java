package com.acme.crm.lead.access;

/** The roles of the {@code groups} claim (SPEC §8). */
public final class Roles {

    public static final String SALESPERSON = "salesperson";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
