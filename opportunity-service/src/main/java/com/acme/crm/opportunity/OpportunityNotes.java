package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.CreateOpportunity.CopiedNote;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Reads and writes the JSON column holding an opportunity's copied notes. */
@ApplicationScoped
public class OpportunityNotes {

    private static final TypeReference<List<CopiedNote>> NOTES = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public String write(List<CopiedNote> notes) {
        try {
            return json.writeValueAsString(notes == null ? List.of() : notes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public List<CopiedNote> read(String column) {
        try {
            return column == null ? List.of() : json.readValue(column, NOTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notes are not JSON", e);
        }
    }
}
