package fi.dentalsystems.register.publicrequests;

import fi.dentalsystems.register.core.audit.AuditAction;
import fi.dentalsystems.register.core.audit.AuditLog;
import fi.dentalsystems.register.core.audit.AuditTarget;
import fi.dentalsystems.register.core.domain.TargetType;
import fi.dentalsystems.register.core.domain.Purpose;
import fi.dentalsystems.register.core.domain.Ulid;
import fi.dentalsystems.register.core.exports.ExportStore;
import fi.dentalsystems.register.core.http.ApiRequest;
import fi.dentalsystems.register.core.http.ApiResponse;
import fi.dentalsystems.register.core.http.FieldError;
import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.http.ProblemException;
import fi.dentalsystems.register.core.http.Route;
import fi.dentalsystems.register.core.mail.Mailer;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.requests.DuplicateRequests;
import fi.dentalsystems.register.core.requests.RequestMails;
import fi.dentalsystems.register.core.domain.RequestType;
import fi.dentalsystems.register.core.domain.VerificationToken;
import fi.dentalsystems.register.core.store.RequestRepository;
import fi.dentalsystems.register.core.store.StaleVersionException;
import fi.dentalsystems.register.core.validation.EmailAddress;
import fi.dentalsystems.register.core.validation.FreeTextGuard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data subject's side: the form, the submission, the verification link and the access-export link. The answer
 * to a submission is the same whatever the address (no enumeration): nothing is looked up.
 */
final class PublicRequestRoutes {
    private static final String HTML = "text/html; charset=utf-8";

    private final RequestRepository requests;
    private final AuditLog audit;
    private final Mailer mailer;
    private final RequestMails mails;
    private final Clock clock;
    private final String publicBaseUrl;
    private final ExportStore exports;
    private final DuplicateRequests duplicates;

    PublicRequestRoutes(RequestRepository requests, AuditLog audit, Mailer mailer, RequestMails mails, Clock clock,
                        String publicBaseUrl, ExportStore exports, DuplicateRequests duplicates) {
        this.duplicates = duplicates;
        this.mails = mails;
        this.requests = requests;
        this.exports = exports;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    ApiResponse form(ApiRequest request) {
        return html(200, Pages.form(language(request, Optional.empty()), Map.of(), Map.of()));
    }

    ApiResponse submit(ApiRequest request) {
        boolean fromForm = request.header("content-type").map(t -> t.startsWith(Route.FORM)).orElse(false);
        String body = request.body().orElse("");
        Map<String, Object> fields = fromForm ? formFields(body) : null;
        JsonFields f = fromForm ? JsonFields.of(fields) : JsonFields.parse(body.isEmpty() ? "{}" : body);
        Optional<Language> chosen = f.optionalText("lang", 5).flatMap(Language::fromCode);
        Language language = language(request, chosen);
        FormTexts t = FormTexts.of(language);
        Map<String, String> pageErrors = new LinkedHashMap<>();

        Optional<RequestType> type = f.optionalText("type", 20).flatMap(PublicRequestRoutes::formType);
        if (type.isEmpty()) {
            f.error("type", "must be one of [ACCESS, RECTIFICATION, OBJECTION, ERASURE, RESTRICTION]");
            pageErrors.put("type", t.errorType());
        }
        Optional<EmailAddress> email = f.optionalText("email", 254).flatMap(EmailAddress::parse);
        if (email.isEmpty()) {
            f.error("email", "must be an email address");
            pageErrors.put("email", t.errorEmail());
        }
        Optional<String> name = text(f, "name", 200, pageErrors, t.errorName(), t);
        Optional<String> details = text(f, "details", 2000, pageErrors, t.errorDetails(), t);
        if (fromForm) {
            if (f.hasErrors() || !pageErrors.isEmpty()) {
                Map<String, String> values = new LinkedHashMap<>();
                fields.forEach((k, v) -> values.put(k, String.valueOf(v)));
                return html(400, Pages.form(language, values, pageErrors));
            }
        }
        f.finish();

        Instant now = clock.instant();
        DataSubjectRequest received = RequestLifecycle.receive(type.orElseThrow(), RequestChannel.WEB_FORM,
                email.get().value(), name, details, language, "public", now);
        VerificationToken token = VerificationToken.issue(received.requestId());
        DataSubjectRequest awaiting;
        try {
            awaiting = requests.create(RequestLifecycle.awaitVerification(received, token, now));
        } catch (StaleVersionException e) {
            throw new IllegalStateException("request id collision", e);
        }
        audit.record(access(request), AuditAction.CREATE, new AuditTarget(TargetType.REQUEST, awaiting.requestId()));
        mailer.send(mails.verification(awaiting, RequestMails.verificationLink(publicBaseUrl, token)));
        // the same person asking the same thing again is linked to the earlier request (issue 11)
        duplicates.link(awaiting, access(request));

        if (fromForm) {
            return html(202, Pages.message(language, t.receivedTitle(), t.receivedText(), true));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "RECEIVED");
        answer.put("message", t.receivedText());
        return ApiResponse.json(202, Json.write(answer));
    }

    /**
     * {@code GET} (and nothing else changes on HEAD, which no route answers) of the mailed link: a
     * page naming the request's type and date, in its language, with one button. Nothing is
     * verified here — mail scanners and link previews (Safe Links, Mimecast, Proofpoint) open every
     * link in a mail, and a verification by GET would let anyone's scanner confirm an ERASURE or an
     * OBJECTION someone else sent for their address (issue 11; decision 0006 for the export link).
     * A used, expired, wrong or unknown link gets {@link #linkRefused}, the same answer for all.
     */
    ApiResponse verifyPage(ApiRequest request) {
        Optional<VerificationToken> token = request.query("token").flatMap(PublicRequestRoutes::verificationToken);
        Optional<DataSubjectRequest> found = token.flatMap(t -> read(t.requestId(), request))
                .filter(r -> RequestLifecycle.checkLink(r, token.get(), clock.instant())
                        == RequestLifecycle.LinkOutcome.VALID);
        if (found.isEmpty()) {
            return linkRefused(request);
        }
        DataSubjectRequest r = found.get();
        FormTexts t = FormTexts.of(r.language());
        String text = t.confirmText().replace("{type}", RequestMails.typeName(r.type(), r.language()))
                .replace("{date}", RequestMails.date(r, r.receivedAt()));
        return page(200, Pages.confirm(r.language(), t.confirmTitle(), text, t.confirmButton(), "/public/verify",
                Map.of("token", token.get().value())));
    }

    /**
     * {@code POST} from the page's button: verifies the request and spends the link, with a write
     * conditional on the version read (two presses: the second finds it verified). The very secret
     * that verified it may hear "already confirmed"; any other answer is {@link #linkRefused}.
     */
    ApiResponse verify(ApiRequest request) {
        Optional<VerificationToken> token = submittedToken(request).flatMap(PublicRequestRoutes::verificationToken);
        Optional<DataSubjectRequest> found = token.flatMap(t -> read(t.requestId(), request));
        if (found.isEmpty()) {
            return linkRefused(request);
        }
        DataSubjectRequest current = found.get();
        Instant now = clock.instant();
        switch (RequestLifecycle.checkLink(current, token.get(), now)) {
            case VALID -> {
                try {
                    DataSubjectRequest verified = requests.update(RequestLifecycle.verifyByLink(current, now));
                    audit.record(access(request), AuditAction.UPDATE,
                            new AuditTarget(TargetType.REQUEST, verified.requestId()));
                    return confirmed(verified.language(), false);
                } catch (StaleVersionException raced) {
                    // pressed twice at once, or the reminder replaced the link meanwhile: judge it again
                    return read(current.requestId(), request)
                            .filter(r -> RequestLifecycle.checkLink(r, token.get(), now)
                                    == RequestLifecycle.LinkOutcome.ALREADY_VERIFIED)
                            .map(r -> confirmed(r.language(), true)).orElseGet(() -> linkRefused(request));
                }
            }
            case ALREADY_VERIFIED -> {
                return confirmed(current.language(), true);
            }
            default -> {
                return linkRefused(request);
            }
        }
    }

    private static ApiResponse confirmed(Language language, boolean already) {
        FormTexts t = FormTexts.of(language);
        return page(200, Pages.message(language, already ? t.alreadyVerifiedTitle() : t.verifiedTitle(),
                t.verifiedText(), true));
    }

    /**
     * One answer for a used, expired, wrong, unknown or malformed verification link, in the
     * browser's language (never the request's): it tells nothing about a request or an address.
     */
    private static ApiResponse linkRefused(ApiRequest request) {
        Language language = language(request, Optional.empty());
        FormTexts t = FormTexts.of(language);
        return page(410, Pages.message(language, t.invalidTitle(), t.invalidText(), false));
    }

    /** The button posts the token as a form field; a press of the link itself carries it in the query. */
    private static Optional<String> submittedToken(ApiRequest request) {
        boolean form = request.header("content-type").map(c -> c.startsWith(Route.FORM)).orElse(false);
        Optional<String> posted = form ? request.body().map(PublicRequestRoutes::formFieldsQuietly)
                .map(f -> f.get("token")).map(String::valueOf) : Optional.empty();
        return posted.or(() -> request.query("token"));
    }

    private static Map<String, Object> formFieldsQuietly(String body) {
        try {
            return formFields(body);
        } catch (ProblemException malformed) {
            return Map.of();
        }
    }

    private static Optional<VerificationToken> verificationToken(String value) {
        return VerificationToken.parse(value).filter(t -> Ulid.isId(t.requestId(), DataSubjectRequest.ID_PREFIX));
    }

    /** A public page holding a link's secret: never cached, never sent on as a referrer, never indexed. */
    private static ApiResponse page(int status, String html) {
        return new ApiResponse(status, Map.of("content-type", HTML, "cache-control", "no-store",
                "referrer-policy", "no-referrer", "x-robots-tag", "noindex",
                "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
                Optional.of(html));
    }

    /**
     * {@code GET} of the mailed link: a page with one button that opens the export. Nothing is spent
     * here — mail scanners and link previews (Safe Links and the like) fetch links in mail, and a
     * link spent by a GET would be gone before the person clicks. Refusals as for the export itself.
     */
    ApiResponse exportReady(ApiRequest request) {
        Optional<DataSubjectRequest> open = openLink(request);
        if (open.isEmpty() || !exports.exists(ExportStore.keyOf(open.get().requestId()))) {
            return exportRefused(request);
        }
        String[] words = switch (open.get().language()) {
            case FI -> new String[] {"Tietosi ovat valmiina", "Avaa tietosi alla olevasta painikkeesta. Linkki toimii "
                    + "vain kerran: tallenna sivu tai lataa JSON-tiedosto, kun olet avannut sen.", "Avaa tietosi"};
            case SV -> new String[] {"Dina uppgifter är klara", "Öppna dina uppgifter med knappen nedan. Länken fungerar "
                    + "bara en gång: spara sidan eller ladda ner JSON-filen när du har öppnat den.", "Öppna dina uppgifter"};
            case EN -> new String[] {"Your data is ready", "Open your data with the button below. The link works once: "
                    + "save the page or download the JSON file once you have opened it.", "Open your data"};
        };
        return new ApiResponse(200, Map.of("content-type", HTML, "cache-control", "no-store",
                "referrer-policy", "no-referrer", "x-robots-tag", "noindex",
                "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
                Optional.of(Pages.confirm(open.get().language(), words[0], words[1], words[2])));
    }

    /**
     * {@code POST} of the mailed link (the button of {@link #exportReady}): the access export. The link
     * is spent by a conditional write before the export is answered, so two clicks can never both get
     * it; the stored copy is then deleted (the bucket's lifecycle rule removes any that a failed delete
     * leaves). Every refusal — unknown, malformed, used, expired — is the same 410 page in the
     * browser's language: the answer tells nothing about a request or an address.
     */
    ApiResponse export(ApiRequest request) {
        Optional<DataSubjectRequest> found = openLink(request);
        Instant now = clock.instant();
        if (found.isEmpty()) {
            return exportRefused(request);
        }
        DataSubjectRequest current = found.get();
        String key = ExportStore.keyOf(current.requestId());
        Optional<byte[]> document = exports.get(key);
        if (document.isEmpty()) {
            return exportRefused(request);
        }
        // the read is audited (openLink) before the link is spent: a crash after it repeats an item, never loses one
        try {
            requests.update(RequestLifecycle.exportOpened(current, now));
        } catch (StaleVersionException raced) {
            // another click spent the link between the read and this write: that one got the export
            return exportRefused(request);
        }
        try {
            exports.delete(key);
        } catch (RuntimeException keptUntilLifecycle) {
            // the link is spent either way; the lifecycle rule removes the object within days
        }
        return new ApiResponse(200, Map.of("content-type", HTML, "cache-control", "no-store",
                "referrer-policy", "no-referrer", "x-robots-tag", "noindex",
                "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
                Optional.of(new String(document.get(), StandardCharsets.UTF_8)));
    }

    /** The request whose export link this is, when the link is well formed, unspent and unexpired. */
    private Optional<DataSubjectRequest> openLink(ApiRequest request) {
        Optional<VerificationToken> token = Optional.ofNullable(request.pathParameters().get("token"))
                .flatMap(VerificationToken::parse)
                .filter(t -> Ulid.isId(t.requestId(), DataSubjectRequest.ID_PREFIX));
        Instant now = clock.instant();
        return token.flatMap(t -> read(t.requestId(), request))
                .filter(r -> RequestLifecycle.checkExportLink(r, token.get(), now) == RequestLifecycle.ExportLinkOutcome.OPEN);
    }

    /**
     * The request a link names, its read audited whatever the link's fate (issue 14: every read of a
     * personal-data table is audited, a refused link's too — the function did read the request).
     */
    private Optional<DataSubjectRequest> read(String requestId, ApiRequest request) {
        Optional<DataSubjectRequest> found = requests.find(requestId);
        found.ifPresent(r -> audit.record(access(request), AuditAction.READ, new AuditTarget(TargetType.REQUEST,
                r.requestId())));
        return found;
    }

    private static ApiResponse exportRefused(ApiRequest request) {
        Language language = language(request, Optional.empty());
        String[] words = switch (language) {
            case FI -> new String[] {"Linkki ei ole enää voimassa",
                    "Linkki toimii vain kerran ja seitsemän päivän ajan. Jos tarvitset tietosi uudelleen, tee uusi tarkastuspyyntö."};
            case SV -> new String[] {"Länken gäller inte längre",
                    "Länken fungerar bara en gång och i sju dagar. Om du behöver dina uppgifter igen, gör en ny begäran."};
            case EN -> new String[] {"This link is no longer valid",
                    "The link works once and for seven days. If you need your data again, make a new request."};
        };
        return new ApiResponse(410, Map.of("content-type", HTML, "cache-control", "no-store",
                "referrer-policy", "no-referrer"), Optional.of(Pages.message(language, words[0], words[1], false)));
    }

    private static Optional<String> text(JsonFields f, String field, int max, Map<String, String> pageErrors,
                                         String lengthMessage, FormTexts t) {
        int before = f.errorCount();
        Optional<String> value = f.optionalText(field, max);
        if (f.errorCount() > before) {
            pageErrors.put(field, lengthMessage);
            return Optional.empty();
        }
        if (value.isPresent() && FreeTextGuard.check(value.get()).isPresent()) {
            f.error(field, FreeTextGuard.check(value.get()).get().message());
            pageErrors.put(field, t.errorSensitive());
            return Optional.empty();
        }
        return value;
    }

    private static Optional<RequestType> formType(String value) {
        try {
            RequestType type = RequestType.valueOf(value);
            return type == RequestType.UNCLASSIFIED ? Optional.empty() : Optional.of(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** application/x-www-form-urlencoded into the same shape a JSON body has; empty values are absent. */
    private static Map<String, Object> formFields(String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key;
            String value;
            try {
                key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation(java.util.List.of(new FieldError("body", "is not valid form data")));
            }
            if (fields.containsKey(key)) {
                throw ProblemException.invalidField(key.length() > 40 ? "body" : key, "must not repeat");
            }
            if (!value.isBlank()) {
                fields.put(key, value);
            }
        }
        return fields;
    }

    private static Language language(ApiRequest request, Optional<Language> preferred) {
        return preferred.or(() -> request.query("lang").flatMap(Language::fromCode))
                .orElseGet(() -> Language.fromAcceptLanguage(request.header("accept-language").orElse(null)));
    }

    private static AuditLog.Access access(ApiRequest request) {
        return new AuditLog.Access(request.caller(), request.routeKey(), request.requestId(),
                Purpose.ADMINISTRATION.code());
    }

    private static ApiResponse html(int status, String page) {
        return new ApiResponse(status, Map.of("content-type", HTML), Optional.of(page));
    }
}
