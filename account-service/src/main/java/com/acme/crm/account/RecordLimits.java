package com.acme.crm.account;

/**
 * The longest value each account and contact field takes, in characters (SPEC rule 7): the REST
 * input checks and the columns (migrations V1, V2) say the same, and every value the lead API
 * accepts fits, so a qualification never fails on length. An account made from a lead without a
 * company is named "firstName lastName" (100 + 1 + 100 characters).
 */
public final class RecordLimits {

    public static final int ACCOUNT_NAME = 250;
    public static final int WEBSITE = 500;
    public static final int INDUSTRY = 100;
    public static final int PHONE = 50;
    public static final int STREET = 200;
    public static final int CITY = 100;
    public static final int STATE_OR_PROVINCE = 100;
    public static final int POSTAL_CODE = 20;
    public static final int COUNTRY = 100;

    public static final int FIRST_NAME = 100;
    public static final int LAST_NAME = 100;
    public static final int EMAIL = 254;
    public static final int JOB_TITLE = 100;

    /** Owner and creator ids (user ids). */
    public static final int USER_ID = 100;

    private RecordLimits() {
    }
}
