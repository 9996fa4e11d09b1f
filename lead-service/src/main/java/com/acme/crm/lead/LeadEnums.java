package com.acme.crm.lead;

/** The closed value lists of a lead's descriptive fields (SPEC §3). */
public final class LeadEnums {

    public enum ContactMethod { ANY, EMAIL, PHONE, MAIL }

    public enum LeadSource {
        ADVERTISEMENT, EMPLOYEE_REFERRAL, EXTERNAL_REFERRAL, PARTNER, PUBLIC_RELATIONS,
        SEMINAR, TRADE_SHOW, WEB, WORD_OF_MOUTH, OTHER
    }

    public enum PurchaseTimeframe { IMMEDIATE, THIS_QUARTER, NEXT_QUARTER, THIS_YEAR, UNKNOWN }

    public enum PurchaseProcess { INDIVIDUAL, COMMITTEE, UNKNOWN }

    private LeadEnums() {
    }
}
