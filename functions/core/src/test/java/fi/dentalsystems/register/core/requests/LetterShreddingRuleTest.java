package fi.dentalsystems.register.core.requests;

import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.retention.ClockStart;
import fi.dentalsystems.register.core.retention.DataCategory;
import fi.dentalsystems.register.core.retention.RetentionPolicy;
import fi.dentalsystems.register.core.retention.RetentionRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A letter's paper original is due for shredding when the request's content goes (seed §9, issue 15):
 * the lifecycle's 30 days are the retention policy's REQUEST_CONTENT rule, not a second rule that could drift.
 */
class LetterShreddingRuleTest {
    @Test
    void aLetterIsDueForShreddingExactlyWhenTheRequestContentIsReduced() {
        RetentionRule content = RetentionPolicy.defaults().rule(DataCategory.REQUEST_CONTENT);
        Instant closed = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(content.clockStart()).isEqualTo(ClockStart.REQUEST_CLOSED);
        assertThat(closed.plus(RequestLifecycle.LETTER_SHREDDED_WITHIN))
                .isEqualTo(RetentionPolicy.defaults().purgeAt(DataCategory.REQUEST_CONTENT, closed).orElseThrow());
    }
}
