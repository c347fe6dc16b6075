package fi.dentalsystems.register.core.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UlidTest {
    @Property(tries = 200)
    void idsSortByTimeAndAreRecognised(@ForAll @LongRange(min = 0, max = 8_000_000_000_000L) long a,
                                       @ForAll @LongRange(min = 0, max = 8_000_000_000_000L) long b) {
        String first = Ulid.next(Instant.ofEpochMilli(Math.min(a, b)));
        String second = Ulid.next(Instant.ofEpochMilli(Math.max(a, b)));
        assertThat(first.substring(0, 10).compareTo(second.substring(0, 10))).isLessThanOrEqualTo(0);
        assertThat(Ulid.isId("cus_" + first, "cus_")).isTrue();
        assertThat(Ulid.isId("con_" + first, "cus_")).isFalse();
        assertThat(Ulid.isId("cus_" + first.substring(1), "cus_")).isFalse();
        assertThat(Ulid.isId("cus_" + first.substring(1) + "U", "cus_")).isFalse();
    }
}
