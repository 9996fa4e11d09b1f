package com.acme.crm.lead.activities;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of completing an activity. */
public record Outcome(@Schema(nullable = true) @Size(max = 2000) String outcome) {
}
