package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.IllegalTransitionException;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestStatus;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GDPR art. 15/20, approved by staff: the export (readable page with the machine-readable JSON
 * inside, decision 0006) is stored under the request's own key, the request is completed with a
 * single-use link (only its SHA-256 kept, 7 days), and the link is mailed. Steps, each an event on
 * the request and an audit item naming it: EXPORT_STORED → COMPLETED + EXPORT_LINK_ISSUED → ANSWER_SENT.
 * Re-runnable from any point: the store keeps the first export (conditional put), a stored export is
 * not rebuilt, and a completion whose mail never went gets a fresh link (the first secret died with
 * the run that made it) and its one mail.
 */
public final class AccessFulfilment {
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofDays(1);
    private final AccessExport exports;
    private final ExportStore store;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final RequestAnswer answer;
    private final RequestMails mails;
    private final String publicBaseUrl;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer, export store), shared on "
                    + "purpose: a copy would be a different collaborator")
    public AccessFulfilment(AccessExport exports, ExportStore store, RequestRepository requests, AuditLog audit,
                            RequestAnswer answer, String publicBaseUrl, RequestMails mails) {
        this.mails = mails;
        this.exports = exports;
        this.store = store;
        this.requests = requests;
        this.audit = audit;
        this.answer = answer;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public DataSubjectRequest fulfil(DataSubjectRequest approved, AuditLog.Access access, Instant now) {
        if (approved.type() != RequestType.ACCESS) {
            throw new IllegalTransitionException("Only an ACCESS request is fulfilled by an export.");
        }
        DataSubjectRequest current = approved;
        if (current.status() == RequestStatus.COMPLETED && RequestLifecycle.answered(current)) {
            return current;
        }
        String actor = access.caller().subject();
        VerificationToken token = VerificationToken.issue(current.requestId());
        if (current.status() != RequestStatus.COMPLETED) {
            if (!current.status().canMoveTo(RequestStatus.COMPLETED)) {
                throw new IllegalTransitionException("A " + current.status() + " request cannot be completed; verify it first.");
            }
            if (!RequestLifecycle.hasEvent(current, RequestLifecycle.EXPORT_STORED)) {
                current = storeExport(current, access, now);
            } else {
                current = refreshIfStale(current, access, now);
            }
            audit.record(access, AuditAction.UPDATE, target(current));
            current = requests.update(RequestLifecycle.completeWithExportLink(current, token, actor,
                    "export stored; single-use link mailed, valid 7 days", now));
        } else {
            current = refreshIfStale(current, access, now);
            audit.record(access, AuditAction.UPDATE, target(current));
            current = requests.update(RequestLifecycle.reissueExportLink(current, token, now));
        }
        String link = publicBaseUrl + "/public/exports/" + token.value();
        return answer.send(current, mails.exportReady(current, link, current.tokenExpiresAt().orElseThrow()),
                access, now);
    }

    /**
     * The bucket's lifecycle removes an export 8 days after it was stored and a link lasts 7: a link
     * issued more than a day after the export was stored (a completion retried later) would outlive
     * it. Such an export is built again from today's records and stored afresh before the link goes out.
     */
    private DataSubjectRequest refreshIfStale(DataSubjectRequest current, AuditLog.Access access, Instant now) {
        Instant storedAt = current.events().stream().filter(e -> e.kind().equals(RequestLifecycle.EXPORT_STORED))
                .map(RequestEvent::at).reduce((a, b) -> b).orElse(now);
        if (!storedAt.plus(STALE_AFTER).isBefore(now)) {
            return current;
        }
        return rebuild(current, access, now);
    }

    /**
     * The export a fresh link (ExportResend, issue 15) opens: built again when it is stale, or when the
     * last one was served — opening the link deletes it, so a link spent by mistake has nothing to open.
     */
    DataSubjectRequest exportForNewLink(DataSubjectRequest current, AuditLog.Access access, Instant now) {
        int stored = lastIndexOf(current, RequestLifecycle.EXPORT_STORED);
        boolean served = lastIndexOf(current, RequestLifecycle.EXPORT_OPENED) > stored;
        return served || stored < 0 ? rebuild(current, access, now) : refreshIfStale(current, access, now);
    }

    private static int lastIndexOf(DataSubjectRequest r, String kind) {
        List<RequestEvent> events = r.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).kind().equals(kind)) {
                return i;
            }
        }
        return -1;
    }

    private DataSubjectRequest rebuild(DataSubjectRequest current, AuditLog.Access access, Instant now) {
        String key = ExportStore.keyOf(current.requestId());
        store.delete(key);
        return write(current, key, access, now, current.status() == RequestStatus.IN_PROGRESS
                ? r -> RequestLifecycle.exportStored(r, key, access.caller().subject(), now)
                : r -> RequestLifecycle.note(r, RequestLifecycle.EXPORT_STORED, access.caller().subject(), key, now));
    }

    private DataSubjectRequest storeExport(DataSubjectRequest current, AuditLog.Access access, Instant now) {
        String key = ExportStore.keyOf(current.requestId());
        return write(current, key, access, now, r -> RequestLifecycle.exportStored(r, key, access.caller().subject(), now));
    }

    @SuppressWarnings("unchecked")
    private DataSubjectRequest write(DataSubjectRequest current, String key, AuditLog.Access access, Instant now,
                                     java.util.function.UnaryOperator<DataSubjectRequest> stored) {
        AccessExport.Read exported = exports.read(current, now);
        Map<String, Object> export = exported.export();
        store.putIfAbsent(key, AccessExportHtml.render(export, current.language()).getBytes(StandardCharsets.UTF_8));
        // the export read the person's records: each is named in the audit, with the request (issue 14)
        List<AuditTarget> read = new ArrayList<>(exported.records());
        read.add(target(current));
        audit.record(access, AuditAction.READ, read);
        return requests.update(stored.apply(current));
    }

    private static AuditTarget target(DataSubjectRequest r) {
        return new AuditTarget(TargetType.REQUEST, r.requestId());
    }
}
