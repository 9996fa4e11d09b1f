package com.acme.crm.lead.settings;

import jakarta.validation.constraints.NotNull;

/** The qualification settings as the API reads and writes them. */
public record SettingsView(@NotNull Boolean createRecordsByDefault) {

    static SettingsView of(QualificationSettings settings) {
        return new SettingsView(settings.createRecordsByDefault);
    }
}
