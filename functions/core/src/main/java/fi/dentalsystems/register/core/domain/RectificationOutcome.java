package fi.dentalsystems.register.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What staff corrected for a rectification request and what not, with the reason (GDPR art. 16,
 * 12(4); issue 15). Kept on the request as events — one CORRECTED per item, one NOT_CORRECTED per
 * refusal whose note is "what" and then, on the next line, the reason — so the answer a re-run
 * mails is the one staff gave, and the notes go with the request's content when it is reduced to
 * evidence.
 */
public record RectificationOutcome(List<String> corrected, List<NotCorrected> notCorrected) {
    public static final String CORRECTED = "CORRECTED";
    public static final String NOT_CORRECTED = "NOT_CORRECTED";

    public record NotCorrected(String what, String reason) {
    }

    public RectificationOutcome {
        corrected = List.copyOf(corrected);
        notCorrected = List.copyOf(notCorrected);
    }

    public boolean isEmpty() {
        return corrected.isEmpty() && notCorrected.isEmpty();
    }

    /** The outcome recorded on the request, if staff gave one. */
    public static Optional<RectificationOutcome> of(DataSubjectRequest r) {
        List<String> done = new ArrayList<>();
        List<NotCorrected> refused = new ArrayList<>();
        for (RequestEvent e : r.events()) {
            if (e.kind().equals(CORRECTED)) {
                e.note().ifPresent(done::add);
            } else if (e.kind().equals(NOT_CORRECTED)) {
                e.note().ifPresent(n -> {
                    int cut = n.indexOf('\n');
                    refused.add(cut < 0 ? new NotCorrected(n, "") : new NotCorrected(n.substring(0, cut), n.substring(cut + 1)));
                });
            }
        }
        RectificationOutcome outcome = new RectificationOutcome(done, refused);
        return outcome.isEmpty() ? Optional.empty() : Optional.of(outcome);
    }

    /** The request with this outcome recorded (once: an outcome already recorded stands, a retry adds nothing). */
    public DataSubjectRequest recordedOn(DataSubjectRequest r, String actor, Instant now) {
        if (of(r).isPresent()) {
            return r;
        }
        DataSubjectRequest current = r;
        for (String what : corrected) {
            current = RequestLifecycle.note(current, CORRECTED, actor, what, now);
        }
        for (NotCorrected n : notCorrected) {
            current = RequestLifecycle.note(current, NOT_CORRECTED, actor, n.what() + "\n" + n.reason(), now);
        }
        return current;
    }
}
