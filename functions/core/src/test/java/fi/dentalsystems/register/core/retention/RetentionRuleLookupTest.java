package fi.dentalsystems.register.core.retention;

import org.junit.jupiter.api.Test;

import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionRuleLookupTest {
    @Test
    void everyCategoryHasItsOneRule() {
        RetentionPolicy policy = RetentionPolicy.defaults();
        for (DataCategory category : DataCategory.values()) {
            assertThat(policy.rule(category)).as(category.name()).isNotNull()
                    .satisfies(r -> assertThat(r.category()).isEqualTo(category));
        }
        assertThat(policy.rule(DataCategory.CLOSED_REQUEST).period()).isEqualTo(Period.ofMonths(36));
        assertThat(policy.rule(DataCategory.CLOSED_REQUEST).clockStart()).isEqualTo(ClockStart.REQUEST_CLOSED);
    }
}
