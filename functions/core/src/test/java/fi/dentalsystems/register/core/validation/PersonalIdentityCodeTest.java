package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalIdentityCodeTest {
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String SIGNS_1900 = "-YXWVU";
    private static final String SIGNS_2000 = "ABCDEF";

    static char checkChar(String ddmmyy, String zzz) {
        return CHECK.charAt(Integer.parseInt(ddmmyy + zzz) % 31);
    }

    static String code(LocalDate date, int individual, char sign) {
        String ddmmyy = String.format(Locale.ROOT, "%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(),
                date.getYear() % 100);
        String zzz = String.format(Locale.ROOT, "%03d", individual);
        return ddmmyy + sign + zzz + checkChar(ddmmyy, zzz);
    }

    static char sign(int year, int variant) {
        if (year < 1900) {
            return '+';
        }
        return (year < 2000 ? SIGNS_1900 : SIGNS_2000).charAt(variant % 6);
    }

    /** Random valid codes: a date 1850–2099 with its century sign, individual number 002–999. */
    @Provide
    Arbitrary<String> codes() {
        return Combinators.combine(
                Arbitraries.longs().between(LocalDate.of(1850, 1, 1).toEpochDay(), LocalDate.of(2099, 12, 31).toEpochDay()),
                Arbitraries.integers().between(2, 999),
                Arbitraries.integers().between(0, 5))
                .as((day, individual, variant) -> {
                    LocalDate date = LocalDate.ofEpochDay(day);
                    return code(date, individual, sign(date.getYear(), variant));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308T", "131052Y308T", "131052U308T", "010594Y9032", "010594Y9021", "020594X903P",
            "020594X902N", "030594W903B", "050594U903M", "010516B903X", "020516C903K", "030516D9037", "010501E9032",
            "020503F9037", "020504A902E", "020504B904H"})
    void publishedExamplesAreValid(String code) {
        assertThat(PersonalIdentityCode.isValid(code)).isTrue();
        assertThat(PersonalIdentityCode.occursIn("hetu " + code)).isTrue();
    }

    @Test
    void lettersMayBeLowerCaseAndSurroundingWhitespaceIsIgnored() {
        assertThat(PersonalIdentityCode.isValid("131052a308t")).isTrue();
        assertThat(PersonalIdentityCode.isValid(" 131052-308T\n")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"131052-308U", "131052-308", "131052-3080T", "13105-308T", "131052308T", "131052*308T",
            "131052G308T", "131052Z308T", "131052–308T", "131052-308T x", "x 131052-308T", "", "   ",
            "310252-308T", "001052-308T", "131352-308T", "130052-308T"})
    void malformedCodesAreInvalid(String bad) {
        assertThat(PersonalIdentityCode.isValid(bad)).isFalse();
    }

    @Test
    void leapDaysDependOnTheCentury() {
        assertThat(PersonalIdentityCode.isValid(withCheck("290200A", "123"))).as("2000 is a leap year").isTrue();
        assertThat(PersonalIdentityCode.isValid(withCheck("290200-", "123"))).as("1900 is not").isFalse();
        assertThat(PersonalIdentityCode.isValid(withCheck("290200+", "123"))).as("1800 is not").isFalse();
        assertThat(PersonalIdentityCode.isValid(withCheck("290296-", "123"))).as("1996 is").isTrue();
        assertThat(PersonalIdentityCode.isValid(withCheck("290297-", "123"))).as("1997 is not").isFalse();
        assertThat(PersonalIdentityCode.isValid(withCheck("290204B", "123"))).as("2004 is").isTrue();
    }

    @Test
    void individualNumbersStartAtTwoAndTemporaryOnesCount() {
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "000"))).isFalse();
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "001"))).isFalse();
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "002"))).isTrue();
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "899"))).isTrue();
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "900"))).isTrue();
        assertThat(PersonalIdentityCode.isValid(withCheck("131052-", "999"))).isTrue();
    }

    @Test
    void nullIsNeitherValidNorFound() {
        assertThat(PersonalIdentityCode.isValid(null)).isFalse();
        assertThat(PersonalIdentityCode.occursIn(null)).isFalse();
        assertThat(PersonalIdentityCode.redact(null, "[removed]")).isEmpty();
        assertThatThrownBy(() -> PersonalIdentityCode.redact("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void codesAreFoundOnlyAsWholeTokens() {
        assertThat(PersonalIdentityCode.occursIn("131052-308T")).isTrue();
        assertThat(PersonalIdentityCode.occursIn("id:131052-308t.")).as("lower-case check character").isTrue();
        assertThat(PersonalIdentityCode.occursIn("(131052-308T)")).isTrue();
        assertThat(PersonalIdentityCode.occursIn("first line\n131052-308T\nlast line")).isTrue();
        assertThat(PersonalIdentityCode.occursIn("X131052-308T")).as("letter before").isFalse();
        assertThat(PersonalIdentityCode.occursIn("9131052-308T")).as("digit before").isFalse();
        assertThat(PersonalIdentityCode.occursIn("131052-308TX")).as("letter after").isFalse();
        assertThat(PersonalIdentityCode.occursIn("131052-308T5")).as("digit after").isFalse();
        assertThat(PersonalIdentityCode.occursIn("ä131052-308T")).as("any letter counts").isFalse();
    }

    @Test
    void typographicDashesCountInFreeText() {
        for (char dash : new char[] {'\u2010', '\u2011', '\u2013', '\u2014', '\u2212'}) {
            String code = "131052" + dash + "308T";
            assertThat(PersonalIdentityCode.occursIn("hetu " + code)).as("U+%04X", (int) dash).isTrue();
            assertThat(PersonalIdentityCode.redact("hetu " + code, "*")).isEqualTo("hetu *");
        }
    }

    @Test
    void ordinaryDatesAndNumbersAreNotCodes() {
        for (String text : new String[] {"Meeting 13.10.2052 at 10:30", "invoice 131052308", "ref 131052-308",
                "order 131052-3081", "2026-11-24", "Y-tunnus 0250157-0", "puh. 040 1487 672",
                "131052-308U", "311152-308T", "131052-001X", "131052A308G"}) {
            assertThat(PersonalIdentityCode.occursIn(text)).as(text).isFalse();
            assertThat(PersonalIdentityCode.redact(text, "[removed]")).as(text).isEqualTo(text);
        }
    }

    @Test
    void redactReplacesEveryValidCodeAndKeepsLookalikes() {
        String text = "A 131052-308T, B 010594Y9021, not 131052-308U; again 131052-308T.";
        assertThat(PersonalIdentityCode.redact(text, "[removed]"))
                .isEqualTo("A [removed], B [removed], not 131052-308U; again [removed].");
        assertThat(PersonalIdentityCode.redact("id 131052-308T", "$1\\")).as("replacement is literal")
                .isEqualTo("id $1\\");
    }

    @Property(tries = 1000)
    void validCodesAreFoundInTextAndRedacted(@ForAll("codes") String code) {
        assertThat(PersonalIdentityCode.isValid(code)).isTrue();
        assertThat(PersonalIdentityCode.isValid(code.toLowerCase(Locale.ROOT))).isTrue();
        String text = "Asiakas kertoi tunnuksensa " + code + " puhelimessa.";
        assertThat(PersonalIdentityCode.occursIn(text)).isTrue();
        assertThat(PersonalIdentityCode.occursIn("text " + code + " more")).isTrue();
        assertThat(PersonalIdentityCode.redact(text, "[removed]"))
                .isEqualTo("Asiakas kertoi tunnuksensa [removed] puhelimessa.");
    }

    @Property(tries = 1000)
    void aWrongCheckCharacterIsNotACode(@ForAll("codes") String code, @ForAll @IntRange(min = 1, max = 30) int offset) {
        char right = code.charAt(10);
        char wrong = CHECK.charAt((CHECK.indexOf(right) + offset) % CHECK.length());
        String forged = code.substring(0, 10) + wrong;
        assertThat(PersonalIdentityCode.isValid(forged)).isFalse();
        assertThat(PersonalIdentityCode.occursIn("text " + forged + " more")).isFalse();
        assertThat(PersonalIdentityCode.redact("text " + forged + " more", "*")).isEqualTo("text " + forged + " more");
    }

    @Property(tries = 500)
    void aCodeGluedToALetterOrDigitIsNotFound(@ForAll("codes") String code,
                                              @ForAll("alphanumerics") char before, @ForAll("alphanumerics") char after) {
        assertThat(PersonalIdentityCode.occursIn("x " + before + code + " x")).isFalse();
        assertThat(PersonalIdentityCode.occursIn("x " + code + after + " x")).isFalse();
    }

    @Provide
    Arbitrary<Character> alphanumerics() {
        return Arbitraries.chars().with("abcXYZäÖ0123456789".toCharArray());
    }

    /** With the right check character, validity is exactly whether DDMMYY is a real date in the sign's century. */
    @Property(tries = 1000)
    void theDateMustBeReal(@ForAll @IntRange(max = 35) int day, @ForAll @IntRange(max = 14) int month,
                           @ForAll @IntRange(max = 99) int yy, @ForAll @IntRange(max = 12) int signIndex,
                           @ForAll @IntRange(min = 2, max = 999) int individual) {
        char sign = ("+" + SIGNS_1900 + SIGNS_2000).charAt(signIndex);
        int year = (sign == '+' ? 1800 : SIGNS_1900.indexOf(sign) >= 0 ? 1900 : 2000) + yy;
        boolean real = month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
        String ddmmyy = String.format(Locale.ROOT, "%02d%02d%02d", day, month, yy);
        String zzz = String.format(Locale.ROOT, "%03d", individual);
        String code = ddmmyy + sign + zzz + checkChar(ddmmyy, zzz);
        assertThat(PersonalIdentityCode.isValid(code)).as(code).isEqualTo(real);
        assertThat(PersonalIdentityCode.occursIn("(" + code + ")")).as(code).isEqualTo(real);
    }

    private static String withCheck(String ddmmyyAndSign, String zzz) {
        return ddmmyyAndSign + zzz + checkChar(ddmmyyAndSign.substring(0, 6), zzz);
    }
}
