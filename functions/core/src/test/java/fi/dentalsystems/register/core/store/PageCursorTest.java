package fi.dentalsystems.register.core.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCursorTest {
    @Test
    void roundTripsAKey() {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("customerId", AttributeValue.fromS("cus_1"));
        key.put("entryKey", AttributeValue.fromS("2026-01-01T00:00:00.000Z#his_1"));
        String cursor = PageCursor.encode(key).orElseThrow();
        assertThat(PageCursor.decode(Optional.of(cursor), Set.of("customerId", "entryKey"), Map.of("customerId", "cus_1")))
                .contains(key);
        assertThat(PageCursor.encode(Map.of())).isEmpty();
    }

    @Test
    void refusesTamperedForeignAndOversizedCursors() {
        String cursor = PageCursor.encode(Map.of("customerId", AttributeValue.fromS("cus_1"))).orElseThrow();
        assertThatThrownBy(() -> PageCursor.decode(Optional.of(cursor), Set.of("contactId"), Map.of()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursor.decode(Optional.of(cursor), Set.of("customerId"), Map.of("customerId", "cus_2")))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursor.decode(Optional.of("%%%"), Set.of("customerId"), Map.of()))
                .isInstanceOf(InvalidCursorException.class);
        String badNumber = Base64.getUrlEncoder().encodeToString("purgeAt\tN\tabc".getBytes());
        assertThatThrownBy(() -> PageCursor.decode(Optional.of(badNumber), Set.of("purgeAt"), Map.of()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursor.decode(Optional.of("a".repeat(2000)), Set.of("customerId"), Map.of()))
                .isInstanceOf(InvalidCursorException.class);
    }
}
