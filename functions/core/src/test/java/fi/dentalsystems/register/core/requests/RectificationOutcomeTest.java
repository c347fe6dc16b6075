package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RectificationOutcome;
import fi.dentalsystems.register.core.domain.RectificationOutcome.NotCorrected;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What was corrected and what not, with staff's reason (issue 15, art. 12(4)), recorded on the request once. */
class RectificationOutcomeTest {
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");

    private static DataSubjectRequest request() {
        return RequestLifecycle.verifyByStaff(RequestLifecycle.receive(RequestType.RECTIFICATION, RequestChannel.LETTER,
                "a@example.fi", Optional.empty(), Optional.empty(), Language.FI, "staff", T0), "staff", "signed", T0);
    }

    @Test
    void anOutcomeIsRecordedAsEventsAndReadBackAsGiven() {
        RectificationOutcome outcome = new RectificationOutcome(List.of("phone", "name"),
                List.of(new NotCorrected("title", "the record shows the title the customer gave"),
                        new NotCorrected("role", "multi\nline reason")));
        DataSubjectRequest recorded = outcome.recordedOn(request(), "staff-1", T0);
        assertThat(recorded.events()).hasSize(request().events().size() + 4);
        assertThat(recorded.events().get(2).actor()).isEqualTo("staff-1");
        assertThat(RectificationOutcome.of(recorded)).hasValue(outcome);
        assertThat(outcome.isEmpty()).isFalse();
    }

    @Test
    void aSecondRecordingAddsNothing() {
        DataSubjectRequest once = new RectificationOutcome(List.of("phone"), List.of()).recordedOn(request(), "s", T0);
        DataSubjectRequest twice = new RectificationOutcome(List.of("email"), List.of()).recordedOn(once, "s", T0);
        assertThat(twice).isSameAs(once);
        assertThat(RectificationOutcome.of(twice).orElseThrow().corrected()).containsExactly("phone");
    }

    @Test
    void noOutcomeIsEmptyAndAnEmptyOneRecordsNothing() {
        assertThat(RectificationOutcome.of(request())).isEmpty();
        RectificationOutcome empty = new RectificationOutcome(List.of(), List.of());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(new RectificationOutcome(List.of(), List.of(new NotCorrected("a", "b"))).isEmpty()).isFalse();
        assertThat(new RectificationOutcome(List.of("a"), List.of()).isEmpty()).isFalse();
        assertThat(empty.recordedOn(request(), "s", T0).events()).isEqualTo(request().events());
    }

    @Test
    void aRefusalWithoutAReasonLineReadsBackWithAnEmptyReasonAndNotesOfOtherKindsAreIgnored() {
        DataSubjectRequest r = RequestLifecycle.note(request(), RectificationOutcome.NOT_CORRECTED, "s", "title", T0);
        r = RequestLifecycle.note(r, "LIFTED", "s", "not an outcome", T0);
        assertThat(RectificationOutcome.of(r)).hasValue(new RectificationOutcome(List.of(),
                List.of(new NotCorrected("title", ""))));
        DataSubjectRequest cutAtZero = RequestLifecycle.note(request(), RectificationOutcome.NOT_CORRECTED, "s",
                "\nonly a reason", T0);
        assertThat(RectificationOutcome.of(cutAtZero)).hasValue(new RectificationOutcome(List.of(),
                List.of(new NotCorrected("", "only a reason"))));
    }
}
