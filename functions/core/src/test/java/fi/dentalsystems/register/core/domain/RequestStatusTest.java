package fi.dentalsystems.register.core.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class RequestStatusTest {
    @Test
    void theOpenStatusesAreExactlyThoseWithAMoveLeft() {
        assertThat(RequestStatus.open()).containsExactlyInAnyOrder(RequestStatus.RECEIVED,
                RequestStatus.AWAITING_VERIFICATION, RequestStatus.VERIFIED, RequestStatus.IN_PROGRESS);
        assertThat(RequestStatus.open()).isEqualTo(EnumSet.copyOf(Arrays.stream(RequestStatus.values())
                .filter(RequestStatus::isOpen).toList()));
    }
}
