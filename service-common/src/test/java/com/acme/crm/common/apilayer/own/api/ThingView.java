package com.acme.crm.common.apilayer.own.api;

/** A view in a fixture service's own api package. Only read by ApiLayerTest. */
public record ThingView(String name) {
}
