package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalIdentityCodeTest {
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    static String code(LocalDate date, int individual, char sign) {
        String ddmmyy = String.format(Locale.ROOT, "%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(),
                date.getYear() % 100);
        String zzz = String.format(Locale.ROOT, "%03d", individual);
        return ddmmyy + sign + zzz + CHECK.charAt(Integer.parseInt(ddmmyy + zzz) % 31);
    }

    static char sign(int year, int variant) {
        if (year < 1900) {
            return '+';
        }
        if (year < 2000) {
            return "-YXWVU".charAt(variant % 6);
        }
        return "ABCDEF".charAt(variant % 6);
    }

    @Provide
    Arbitrary<String> codes() {
        return Combinators.combine(
                Arbitraries.longs().between(LocalDate.of(1850, 1, 1).toEpochDay(), LocalDate.of(2099, 12, 31).toEpochDay()),
                Arbitraries.integers().between(2, 899),
                Arbitraries.integers().between(0, 5))
                .as((day, individual, variant) -> {
                    LocalDate date = LocalDate.ofEpochDay(day);
                    return code(date, individual, sign(date.getYear(), variant));
                });
    }

    @Test
    void knownExamples() {
        assertThat(PersonalIdentityCode.isValid("131052-308T")).isTrue();
        assertThat(PersonalIdentityCode.isValid("131052A308T")).isTrue();
        assertThat(PersonalIdentityCode.isValid("131052-308U")).isFalse();
        assertThat(PersonalIdentityCode.isValid("310252-308T")).as("31 February").isFalse();
        assertThat(PersonalIdentityCode.occursIn("Meeting 13.10.2052 at 10:30, invoice 131052308")).isFalse();
        assertThat(PersonalIdentityCode.occursIn("id:131052-308t.")).as("lower-case check character").isTrue();
        assertThat(PersonalIdentityCode.occursIn("X131052-308T")).as("inside a longer token").isFalse();
    }

    @Property(tries = 500)
    void validCodesAreFoundInTextAndRedacted(@ForAll("codes") String code) {
        assertThat(PersonalIdentityCode.isValid(code)).isTrue();
        String text = "Asiakas kertoi tunnuksensa " + code + " puhelimessa.";
        assertThat(PersonalIdentityCode.occursIn(text)).isTrue();
        String redacted = PersonalIdentityCode.redact(text, "[removed]");
        assertThat(redacted).doesNotContain(code).isEqualTo("Asiakas kertoi tunnuksensa [removed] puhelimessa.");
        assertThat(FreeTextGuard.check(text)).contains(SensitiveNumber.PERSONAL_IDENTITY_CODE);
    }

    @Property(tries = 500)
    void aWrongCheckCharacterIsNotACode(@ForAll("codes") String code, @ForAll("offsets") int offset) {
        char right = code.charAt(10);
        char wrong = CHECK.charAt((CHECK.indexOf(right) + offset) % CHECK.length());
        String forged = code.substring(0, 10) + wrong;
        assertThat(PersonalIdentityCode.isValid(forged)).isFalse();
        assertThat(PersonalIdentityCode.occursIn("text " + forged + " text")).isFalse();
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(1, 30);
    }
}
