package com.acme.crm.lead.reasons;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.ConcurrentChange;
import com.acme.crm.lead.Now;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.stream.Stream;

/** The disqualification reasons (SPEC §10): the system's four, fixed, and the organisation's own, managed by admins. */
@ApplicationScoped
public class DisqualificationReasons {

    /** The system reasons first, then the organisation's own by code. */
    @WithSession
    public Uni<List<ReasonView>> list() {
        return DisqualificationReason.<DisqualificationReason>listAll(Sort.by("code"))
                .map(own -> Stream.concat(StatusReason.SYSTEM_DISQUALIFY_REASONS.stream().map(ReasonView::of),
                        own.stream().map(ReasonView::of)).toList());
    }

    @WithTransaction
    public Uni<ReasonView> create(NewReason wanted, String actor) {
        if (StatusReason.isSystem(wanted.code())) {
            return Uni.createFrom().failure(clash(wanted.code()));
        }
        return DisqualificationReason.<DisqualificationReason>findById(wanted.code()).chain(existing -> {
            if (existing != null) {
                throw clash(wanted.code());
            }
            DisqualificationReason reason = new DisqualificationReason();
            reason.code = wanted.code();
            reason.label = wanted.label().strip();
            reason.active = true;
            reason.modifiedAt = Now.instant();
            reason.modifiedBy = actor;
            return reason.persist().chain(Panache::flush).map(ignored -> ReasonView.of(reason));
        }).onFailure(UniqueViolation::detected).transform(failure -> clash(wanted.code()));
    }

    @WithTransaction
    public Uni<ReasonView> change(String code, ReasonChange change, String actor) {
        if (StatusReason.isSystem(code)) {
            return Uni.createFrom().failure(ProblemException.conflict("system-reason",
                    code + " is a system reason; system reasons cannot be changed or retired"));
        }
        return find(code).chain(reason -> {
            if (change.label() != null) {
                reason.label = change.label().strip();
            }
            if (change.active() != null) {
                reason.active = change.active();
            }
            reason.modifiedAt = Now.instant();
            reason.modifiedBy = actor;
            return Panache.flush().map(ignored -> ReasonView.of(reason));
        }).onFailure(ConcurrentChange::detected).transform(ConcurrentChange::problem);
    }

    /**
     * The reason a lead may be disqualified with now, with its label; an unknown or retired code is a
     * 400 naming {@code reason} (SPEC §10). Joins the caller's session.
     */
    @WithSession
    public Uni<StatusReason> requireActive(StatusReason reason) {
        if (StatusReason.DISQUALIFY_REASONS.contains(reason)) {
            return Uni.createFrom().item(reason);
        }
        if (StatusReason.isSystem(reason.code())) {
            return Uni.createFrom().failure(unusable(reason.code()));
        }
        return DisqualificationReason.<DisqualificationReason>findById(reason.code()).map(found -> {
            if (found == null || !found.active) {
                throw unusable(reason.code());
            }
            return StatusReason.labelled(found.code, found.label);
        });
    }

    /** Any reason a lead may carry, retired ones included, for the list filter; unknown codes are a 400 naming {@code name}. */
    @WithSession
    public Uni<StatusReason> requireKnown(String name, String code) {
        if (code == null || code.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (StatusReason.isSystem(code)) {
            return Uni.createFrom().item(StatusReason.of(code));
        }
        if (!StatusReason.isCode(code)) {
            return Uni.createFrom().failure(unknown(name));
        }
        return DisqualificationReason.<DisqualificationReason>findById(code).map(found -> {
            if (found == null) {
                throw unknown(name);
            }
            return StatusReason.of(code);
        });
    }

    private static Uni<DisqualificationReason> find(String code) {
        return DisqualificationReason.<DisqualificationReason>findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("disqualification reason", code));
    }

    private static ProblemException clash(String code) {
        return ProblemException.conflict("reason-exists", "a disqualification reason with code " + code + " already exists");
    }

    private static ProblemException unusable(String code) {
        return ProblemException.badRequest("reason", code + " is not an active disqualification reason; "
                + "see GET /api/settings/disqualification-reasons");
    }

    private static ProblemException unknown(String name) {
        return ProblemException.badRequest(name, "must be a status reason or a disqualification reason's code");
    }
}
