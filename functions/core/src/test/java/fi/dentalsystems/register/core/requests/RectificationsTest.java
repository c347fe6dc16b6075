package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.CorrectionRefusedException;
import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

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
}
