package com.acme.crm.lead;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status reason as its code (the column held the enum's name before, so rows read back unchanged). */
@Converter(autoApply = true)
public class StatusReasonColumn implements AttributeConverter<StatusReason, String> {

    @Override
    public String convertToDatabaseColumn(StatusReason reason) {
        return reason == null ? null : reason.code();
    }

    @Override
    public StatusReason convertToEntityAttribute(String code) {
        return code == null ? null : StatusReason.of(code);
    }
}
