package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "040 1487 672      | +358401487672",
            "020 177 2300      | +358201772300",
            "0401487672        | +358401487672",
            "(040) 148-7672    | +358401487672",
            "+358 40 1487 672  | +358401487672",
            "00358 40 1487 672 | +358401487672",
            "09 123 4567       | +35891234567",
            "+46 8 123 456 78  | +46812345678",
            "+1 650 253 0000   | +16502530000",
            "+44 20 7946 0958  | +442079460958"})
    void validNumbersBecomeE164WithFinlandAsTheDefault(String raw, String e164) {
        assertThat(PhoneNumber.parse(raw)).map(PhoneNumber::e164).contains(e164);
        assertThat(PhoneNumber.parse(" " + raw + " ")).map(PhoneNumber::e164).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12", "112", "+358 40 1", "040 1487 672 ext. 12", "not a number",
            "+999 123 456 789", "040 1487 672 040 1487 672 040 1487 672 0"})
    void invalidNumbersAreRefused(String raw) {
        assertThat(PhoneNumber.parse(raw)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThat(PhoneNumber.parse(null)).isEmpty();
    }

    @Test
    void constructorTakesOnlyTheE164ShapeAndDoesNotEchoTheValue() {
        assertThat(new PhoneNumber("+358401487672").e164()).isEqualTo("+358401487672");
        for (String bad : new String[] {"0401487672", "+0401487672", "+358 40 1487672", "+3584014876721234", "+", "+1"}) {
            assertThatThrownBy(() -> new PhoneNumber(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("401487");
        }
        assertThatThrownBy(() -> new PhoneNumber(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theE164ShapeHoldsFromTwoToFifteenDigitsBothBoundsIncluded() {
        assertThat(new PhoneNumber("+12").e164()).as("3 characters, the shortest").isEqualTo("+12");
        assertThat(new PhoneNumber("+123456789012345").e164()).as("16 characters, 15 digits, the longest")
                .isEqualTo("+123456789012345");
        assertThatThrownBy(() -> new PhoneNumber("+1234567890123456")).as("16 digits")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputOfFortyCharactersIsParsedAndOneMoreIsRefused() {
        String number = "+358 40 1487 672";
        String forty = " ".repeat(40 - number.length()) + number;
        assertThat(forty).hasSize(40);
        assertThat(PhoneNumber.parse(forty)).map(PhoneNumber::e164).contains("+358401487672");
        assertThat(PhoneNumber.parse(" " + forty)).as("41 characters").isEmpty();
    }

    /** Finnish mobile numbers: 040–046 or 050 and seven digits, as written nationally. */
    @Provide
    Arbitrary<String> finnishMobiles() {
        return Arbitraries.of("40", "41", "44", "45", "46", "50")
                .flatMap(prefix -> Arbitraries.strings().numeric().ofLength(7).map(rest -> prefix + rest));
    }

    @Property(tries = 300)
    void finnishMobilesInAnyUsualFormParseToTheSameE164(@ForAll("finnishMobiles") String national) {
        String e164 = "+358" + national;
        String spaced = "0" + national.substring(0, 2) + " " + national.substring(2, 6) + " " + national.substring(6);
        for (String written : new String[] {"0" + national, spaced, "+358 " + national, "00358" + national, e164}) {
            assertThat(PhoneNumber.parse(written)).as(written).map(PhoneNumber::e164).contains(e164);
        }
    }

    @Property(tries = 300)
    void parsingTheE164FormGivesItBack(@ForAll("finnishMobiles") String national) {
        PhoneNumber number = PhoneNumber.parse("0" + national).orElseThrow();
        assertThat(PhoneNumber.parse(number.e164())).contains(number);
    }
}
