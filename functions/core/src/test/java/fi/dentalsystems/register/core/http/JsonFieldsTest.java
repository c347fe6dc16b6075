package fi.dentalsystems.register.core.http;

import fi.dentalsystems.register.core.format.Json;
import fi.dentalsystems.register.core.domain.ContactRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {

    private static List<FieldError> errorsOf(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
            return e.errors();
        }
        throw new AssertionError("expected a validation problem");
    }

    @Test
    void collectsEveryErrorIncludingUnknownAndNestedFields() {
        JsonFields f = JsonFields.of(JsonBody.parse("""
                {"name": 5, "roles": ["USER", "BOSS"], "address": {"street": "", "extra": 1}, "surprise": true}
                """));
        List<FieldError> errors = errorsOf(() -> {
            f.requiredText("name", 10);
            f.requiredText("missing", 10);
            f.requiredEnumSet("roles", ContactRole.class);
            f.requiredObject("address").ifPresent(a -> a.requiredText("street", 10));
            f.finish();
        });
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "name", "missing", "roles[1]", "address.street", "surprise", "address.extra");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("BOSS"));
    }

    @Test
    void textIsStrippedLimitedAndFreeOfControlCharacters() {
        JsonFields f = JsonFields.of(JsonBody.parse("{\"a\": \"  ok  \", \"b\": \"123456\", \"c\": \"x\\u0007y\"}"));
        assertThat(f.requiredText("a", 2)).contains("ok");
        assertThat(f.requiredText("b", 5)).isEmpty();
        assertThat(f.requiredText("c", 5)).isEmpty();
        assertThat(errorsOf(f::finish)).extracting(FieldError::field).containsExactly("b", "c");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        JsonFields f = JsonFields.of(JsonBody.parse("{\"name\": \"Äöå😀\"}"));
        assertThat(f.requiredText("name", 4)).contains("Äöå😀");
        f.finish();
    }

    @Test
    void refusesNonObjectsDuplicateKeysAndMalformedJson() {
        assertThatThrownBy(() -> JsonFields.of(JsonBody.parse("[]"))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> JsonBody.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> JsonBody.parse("{\"a\": ")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> JsonBody.parse("{} {}")).isInstanceOf(ProblemException.class);
    }

    @Test
    void nullMeansAbsentForOptionalFields() {
        JsonFields f = JsonFields.of(JsonBody.parse("{\"phone\": null}"));
        assertThat(f.has("phone")).isTrue();
        assertThat(f.isNullOrAbsent("phone")).isTrue();
        assertThat(f.optionalText("phone", 10)).isEqualTo(Optional.empty());
        f.finish();
    }
}
