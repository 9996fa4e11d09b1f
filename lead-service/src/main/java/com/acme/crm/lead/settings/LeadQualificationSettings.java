package com.acme.crm.lead.settings;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.ConcurrentChange;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Reads and changes the qualification settings (SPEC §5: what a qualify request without flags creates). */
@ApplicationScoped
public class LeadQualificationSettings {

    /** Whether qualification creates account, contact and opportunity when the request names none. Joins the caller's session. */
    @WithSession
    public Uni<Boolean> createRecordsByDefault() {
        return current().map(settings -> settings.createRecordsByDefault);
    }

    @WithSession
    public Uni<SettingsView> get() {
        return current().map(SettingsView::of);
    }

    @WithTransaction
    public Uni<SettingsView> update(SettingsView wanted, String actor) {
        return current().chain(settings -> {
            settings.createRecordsByDefault = wanted.createRecordsByDefault();
            settings.modifiedAt = Instant.now();
            settings.modifiedBy = actor;
            return Panache.flush().map(ignored -> SettingsView.of(settings));
        }).onFailure(ConcurrentChange::detected).transform(failure -> ProblemException.conflict("concurrent-change",
                "another admin changed the settings at the same time; read them again and retry"));
    }

    private static Uni<QualificationSettings> current() {
        return QualificationSettings.<QualificationSettings>findById(QualificationSettings.THE_ROW)
                .onItem().ifNull().failWith(() -> new IllegalStateException("the settings row is missing; migration V3 creates it"));
    }
}
