package fi.dentalsystems.register.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.RequestEvent;
import fi.dentalsystems.register.core.domain.RequestLifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a request for staff (openapi.yaml: DataSubjectRequest). */
final class RequestJson {
    private RequestJson() {
    }

    static Map<String, Object> of(DataSubjectRequest r, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requestId", r.requestId());
        m.put("type", r.type().name());
        m.put("status", r.status().name());
        m.put("channel", r.channel().name());
        m.put("receivedAt", r.receivedAt().toString());
        m.put("dueAt", r.dueAt().toString());
        m.put("originalDueAt", r.originalDueAt().toString());
        m.put("overdue", r.isOverdue(now));
        r.extension().ifPresent(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("months", e.months());
            x.put("reason", e.reason());
            x.put("at", e.at().toString());
            m.put("extension", x);
        });
        if (!r.email().isEmpty()) {
            m.put("email", r.email());
        }
        r.duplicateOf().ifPresent(v -> m.put("duplicateOf", v));
        r.remindedAt().ifPresent(v -> m.put("remindedAt", v.toString()));
        r.name().ifPresent(v -> m.put("name", v));
        r.details().ifPresent(v -> m.put("details", v));
        m.put("language", r.language().code());
        r.verifiedAt().ifPresent(v -> m.put("verifiedAt", v.toString()));
        if (r.channel() == fi.dentalsystems.register.core.domain.RequestChannel.LETTER) {
            // the paper original (seed §9, issue 15): where it is kept, and when it was shredded
            Map<String, Object> letter = new LinkedHashMap<>();
            RequestLifecycle.letterLocation(r).ifPresent(l -> letter.put("location", l));
            RequestLifecycle.letterDestroyedAt(r).ifPresent(d -> letter.put("destroyedAt", d.toString()));
            letter.put("awaitsShredding", RequestLifecycle.letterAwaitsShredding(r, now));
            m.put("letter", letter);
        }
        if (RequestLifecycle.hasEvent(r, RequestLifecycle.EXPORT_LINK_ISSUED)) {
            // the export link (issue 15): whether it is live, and how many fresh links staff may still send
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("linkActive", r.tokenHash().isPresent() && r.tokenExpiresAt().filter(now::isBefore).isPresent());
            r.tokenExpiresAt().filter(t -> r.tokenHash().isPresent()).ifPresent(t -> export.put("linkExpiresAt", t.toString()));
            export.put("resendsLeft", Math.max(0, RequestLifecycle.EXPORT_RESENDS - RequestLifecycle.exportResends(r)));
            m.put("exportLink", export);
        }
        m.put("events", r.events().stream().map(RequestJson::event).toList());
        if (!r.intake().isEmpty()) {
            m.put("intake", new java.util.TreeMap<>(r.intake()));
        }
        r.minimisation().ifPresent(x -> {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("at", x.at().toString());
            evidence.put("outcome", x.outcome());
            m.put("minimised", evidence);
        });
        m.put("version", r.version());
        return m;
    }

    private static Map<String, Object> event(RequestEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("kind", e.kind());
        m.put("actor", e.actor());
        e.note().ifPresent(n -> m.put("note", n));
        return m;
    }
}
