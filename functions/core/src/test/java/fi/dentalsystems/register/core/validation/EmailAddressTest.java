package fi.dentalsystems.register.core.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {
    private static final String ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

    @Test
    void trimsAndNormalisesForLookup() {
        assertThat(EmailAddress.parse(" Hilkka.Salonen@DentalSystems.fi\n")).hasValueSatisfying(e -> {
            assertThat(e.value()).isEqualTo("Hilkka.Salonen@DentalSystems.fi");
            assertThat(e.normalized()).isEqualTo("hilkka.salonen@dentalsystems.fi");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.fi", "a+tag@sub.example.co.uk", "first.last@example.com", "x@a-b.c-d.fi",
            "!#$%&'*+-/=?^_`{|}~@example.fi", "user@123.example.fi", "info@hammaslääkäri.fi", "info@ÄÄKKÖSET.FI",
            "post@пример.рф", "a@b.photography", "ä@c.fi", "jdöe@mächine.example", "пользователь@пример.рф",
            "用户@例子.广告"})
    void soundAddressesAreAcceptedAlsoWithNonAsciiLocalPartsAsRfc6532Allows(String address) {
        assertThat(EmailAddress.parse(address)).map(EmailAddress::value).contains(address);
    }

    @Test
    void decomposedLettersAreComposed() {
        assertThat(EmailAddress.parse("info@hammasla\u0308a\u0308ka\u0308ri.fi")).map(EmailAddress::value)
                .contains("info@hammaslääkäri.fi");
    }

    @Test
    void lengthLimitsAreExact() {
        String local64 = "l".repeat(64);
        String label63 = "d".repeat(63);
        assertThat(EmailAddress.parse(local64 + "@example.fi")).isPresent();
        assertThat(EmailAddress.parse(local64 + "l@example.fi")).isEmpty();
        assertThat(EmailAddress.parse("a@" + label63 + ".fi")).isPresent();
        assertThat(EmailAddress.parse("a@" + label63 + "d.fi")).isEmpty();
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 characters
        String longest = local64 + "@" + label63 + "." + label63 + "." + "t".repeat(61);
        assertThat(longest).hasSize(254);
        assertThat(EmailAddress.parse(longest)).isPresent();
        assertThat(EmailAddress.parse(longest + "t")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.fi", "a@", "a@@b.fi", "a@b@c.fi", "a@b", "a@.fi", "a@b.fi.",
            "a@b..fi", ".a@c.fi", "a.@c.fi", "a..b@c.fi", "a b@c.fi", "a@c d.fi", "a@-c.fi", "a@c-.fi", "a@c.f1",
            "a@c.f", "a@c.-fi", "a@c.1", "\"q\"@c.fi", "\"a b\"@c.fi", "a(comment)@c.fi", "a@[192.0.2.1]", "a@c_d.fi",
            "a\u00a0b@c.fi", "a\u2028b@c.fi", "a\u200bb@c.fi", "a,b@c.fi", "a;b@c.fi", "a<b>@c.fi", "a\\b@c.fi", "a@c.fi\u0000", "a\tb@c.fi",
            "a@c.xn--p1ai", "a@c.fi.١", "a@c١.fi"})
    void unsoundAddressesAreRefused(String bad) {
        assertThat(EmailAddress.parse(bad)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThat(EmailAddress.parse(null)).isEmpty();
    }

    @Test
    void constructorRefusesUnsoundValuesAndMismatchedKeysWithoutEchoingThem() {
        assertThat(new EmailAddress("A@B.fi", "a@b.fi").normalized()).isEqualTo("a@b.fi");
        assertThatThrownBy(() -> new EmailAddress("secret@@b.fi", "secret@@b.fi"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new EmailAddress("A@B.fi", "A@B.fi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmailAddress(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(2)
    void hugeOrPathologicalInputIsRefusedQuickly() {
        assertThat(EmailAddress.parse("a".repeat(1_000_000) + "@b.fi")).isEmpty();
        assertThat(EmailAddress.parse(".".repeat(200) + "@" + "-.".repeat(25))).isEmpty();
    }

    /** Random dot-atom local parts and LDH domains, in mixed case. */
    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> atom = Arbitraries.strings().withChars(ATEXT).ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(4).map(atoms -> String.join(".", atoms));
        Arbitrary<String> ldh = Arbitraries.strings().withChars("abcXYZ019").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> label = Combinators.combine(ldh, ldh, Arbitraries.of("", "-", "--"))
                .as((a, b, hyphen) -> hyphen.isEmpty() ? a : a + hyphen + b);
        Arbitrary<String> tld = Arbitraries.strings().withChars("abcdefFIXYZ").ofMinLength(2).ofMaxLength(6);
        Arbitrary<String> domain = Combinators.combine(label.list().ofMinSize(1).ofMaxSize(3), tld)
                .as((labels, top) -> String.join(".", labels) + "." + top);
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    @Property(tries = 1000)
    void generatedSoundAddressesAreAcceptedAsWritten(@ForAll("addresses") String address) {
        assertThat(EmailAddress.parse(address)).hasValueSatisfying(e -> {
            assertThat(e.value()).isEqualTo(address);
            assertThat(e.normalized()).isEqualTo(address.toLowerCase(Locale.ROOT));
            assertThat(EmailAddress.parse(e.normalized())).map(EmailAddress::normalized).contains(e.normalized());
        });
    }

    @Property(tries = 1000)
    void aForbiddenCharacterAnywhereMakesItUnsound(@ForAll("addresses") String address,
                                                    @ForAll @IntRange(max = 200) int position,
                                                    @ForAll("forbidden") char bad) {
        int at = position % (address.length() + 1);
        String broken = address.substring(0, at) + bad + address.substring(at);
        assertThat(EmailAddress.parse(broken)).as(broken).isEmpty();
    }

    @Provide
    Arbitrary<Character> forbidden() {
        return Arbitraries.chars().with("\"(),:;<>[]\\@\u0000".toCharArray());
    }

    @Property(tries = 1000)
    void anyInputGivesAResultWithoutThrowing(@ForAll String raw) {
        EmailAddress.parse(raw).ifPresent(e -> {
            assertThat(e.value().chars().filter(c -> c == '@').count()).isEqualTo(1);
            assertThat(e.normalized()).isEqualTo(e.value().toLowerCase(Locale.ROOT));
        });
    }
}
