package fi.dentalsystems.register.core.requests;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.store.RequestRepository;

import java.time.Instant;

/**
 * A fresh export link for an answered ACCESS request (issue 15): the link lapsed unopened
 * (EXPORT_EXPIRED) or was spent by mistake. The export is built again when it is older than a day
 * or was already served; the new link's hash replaces the old one (the old link is dead), the
 * request records EXPORT_RESENT and EXPORT_LINK_ISSUED, the move is audited, and the person is
 * mailed the new link. At most {@link RequestLifecycle#EXPORT_RESENDS} times (then 409). The check
 * runs before anything is built or written, so a refused resend changes nothing.
 *
 * <p>Order: audit, the conditional write (a concurrent resend loses with 412), then the mail. A crash
 * after the write and before the mail leaves a link nobody received; staff see no new mail went and
 * resend once more (it counts toward the limit).
 */
public final class ExportResend {
    private final AccessFulfilment access;
    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final String publicBaseUrl;

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2",
            justification = "Injected collaborators (repositories, audit log, mailer), shared on purpose")
    public ExportResend(AccessFulfilment access, RequestRepository requests, AuditLog audit, Mailer mailer,
                        RequestMails mails, String publicBaseUrl) {
        this.access = access;
        this.requests = requests;
        this.audit = audit;
        this.mailer = mailer;
        this.mails = mails;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public DataSubjectRequest resend(DataSubjectRequest current, AuditLog.Access who, Instant now) {
        String actor = who.caller().subject();
        // refused (409) before anything is rebuilt: the same rule as the write below
        RequestLifecycle.resendExportLink(current, VerificationToken.issue(current.requestId()), actor, now);
        DataSubjectRequest ready = access.exportForNewLink(current, who, now);
        VerificationToken token = VerificationToken.issue(current.requestId());
        audit.record(who, AuditAction.UPDATE, new AuditTarget(TargetType.REQUEST, current.requestId()));
        DataSubjectRequest saved = requests.update(RequestLifecycle.resendExportLink(ready, token, actor, now));
        mailer.send(mails.exportResent(saved, publicBaseUrl + "/public/exports/" + token.value(),
                saved.tokenExpiresAt().orElseThrow()));
        return saved;
    }
}
