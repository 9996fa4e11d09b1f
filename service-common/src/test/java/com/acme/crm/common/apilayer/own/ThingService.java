package com.acme.crm.common.apilayer.own;

import com.acme.crm.common.apilayer.own.api.ThingView;

/** A service that answers with its own api package's view: what {@code ApiLayer.ownApiRule} refuses. */
public class ThingService {

    public Object find(String name) {
        return new ThingView(name);
    }
}
