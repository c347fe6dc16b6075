package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.CorrectionRefusedException;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule of which request warrants a correction (GDPR art. 16), without an engine. */
class RectificationsTest {
    static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    private static DataSubjectRequest received(RequestType type, String email) {
        return RequestLifecycle.receive(type, RequestChannel.LETTER, email, Optional.empty(), Optional.empty(),
                Language.FI, "staff", AT);
    }

    private static DataSubjectRequest verified(RequestType type, String email) {
        return RequestLifecycle.verifyByStaff(received(type, email), "staff", "letter", AT);
    }

    @Test
    void aVerifiedRectificationOfTheSameAddressWarrantsIt() {
        assertThatCode(() -> Rectifications.check(verified(RequestType.RECTIFICATION, " Aino@Example.FI"),
                "aino@example.fi")).doesNotThrowAnyException();
    }

    @Test
    void anotherTypeAnotherStateOrAnotherAddressDoesNot() {
        assertThatThrownBy(() -> Rectifications.check(verified(RequestType.ACCESS, "aino@example.fi"), "aino@example.fi"))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("only a RECTIFICATION");
        assertThatThrownBy(() -> Rectifications.check(received(RequestType.RECTIFICATION, "aino@example.fi"),
                "aino@example.fi")).isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("is RECEIVED");
        DataSubjectRequest completed = RequestLifecycle.complete(verified(RequestType.RECTIFICATION, "aino@example.fi"),
                "staff", "done", AT);
        assertThatThrownBy(() -> Rectifications.check(completed, "aino@example.fi"))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("is COMPLETED");
        assertThatThrownBy(() -> Rectifications.check(verified(RequestType.RECTIFICATION, "eero@example.fi"),
                "aino@example.fi")).isInstanceOf(CorrectionRefusedException.class)
                .hasMessageContaining("does not concern").hasMessageNotContaining("example.fi");
    }
    /** A lookup over the given requests that remembers which ids were asked for. */
    private static Function<String, Optional<DataSubjectRequest>> lookup(List<String> asked, DataSubjectRequest... stored) {
        return id -> {
            asked.add(id);
            return Arrays.stream(stored).filter(r -> r.requestId().equals(id)).findFirst();
        };
    }

    @Test
    void theLoadedRectificationOfTheRecordsPersonIsTheWarrant() {
        DataSubjectRequest rectification = verified(RequestType.RECTIFICATION, "aino@example.fi");
        List<String> asked = new ArrayList<>();
        assertThat(Rectifications.warrantFrom(rectification.requestId(), "Aino@Example.fi", lookup(asked, rectification)))
                .isSameAs(rectification);
        assertThat(asked).containsExactly(rectification.requestId());
    }

    @Test
    void anIdOfTheWrongShapeIsRefusedWithoutBeingLookedUp() {
        List<String> asked = new ArrayList<>();
        assertThatThrownBy(() -> Rectifications.warrantFrom("not-a-request", "aino@example.fi",
                lookup(asked, verified(RequestType.RECTIFICATION, "aino@example.fi"))))
                .isInstanceOf(CorrectionRefusedException.class)
                .hasMessage("There is no request not-a-request; a correction names the rectification request it answers.");
        assertThat(asked).isEmpty();
    }

    @Test
    void aWellFormedIdOfNoStoredRequestIsRefused() {
        DataSubjectRequest unsaved = verified(RequestType.RECTIFICATION, "aino@example.fi");
        List<String> asked = new ArrayList<>();
        assertThatThrownBy(() -> Rectifications.warrantFrom(unsaved.requestId(), "aino@example.fi", lookup(asked)))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageStartingWith("There is no request " + unsaved.requestId());
        assertThat(asked).containsExactly(unsaved.requestId());
    }

    @Test
    void aLoadedRequestOfAnotherTypeStateOrPersonIsRefused() {
        DataSubjectRequest access = verified(RequestType.ACCESS, "aino@example.fi");
        DataSubjectRequest unverified = received(RequestType.RECTIFICATION, "aino@example.fi");
        DataSubjectRequest someoneElses = verified(RequestType.RECTIFICATION, "eero@example.fi");
        List<String> asked = new ArrayList<>();
        Function<String, Optional<DataSubjectRequest>> find = lookup(asked, access, unverified, someoneElses);
        assertThatThrownBy(() -> Rectifications.warrantFrom(access.requestId(), "aino@example.fi", find))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("only a RECTIFICATION");
        assertThatThrownBy(() -> Rectifications.warrantFrom(unverified.requestId(), "aino@example.fi", find))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("is RECEIVED");
        assertThatThrownBy(() -> Rectifications.warrantFrom(someoneElses.requestId(), "aino@example.fi", find))
                .isInstanceOf(CorrectionRefusedException.class).hasMessageContaining("does not concern")
                .hasMessageNotContaining("example.fi");
    }
}
