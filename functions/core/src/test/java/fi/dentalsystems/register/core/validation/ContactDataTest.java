package fi.dentalsystems.register.core.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Email addresses and phone numbers, the two contact fields with a format. */
class ContactDataTest {
    @Test
    void emailAddressesAreCheckedAndNormalisedForLookup() {
        assertThat(EmailAddress.parse(" Hilkka.Salonen@DentalSystems.fi ")).hasValueSatisfying(e -> {
            assertThat(e.value()).isEqualTo("Hilkka.Salonen@DentalSystems.fi");
            assertThat(e.normalized()).isEqualTo("hilkka.salonen@dentalsystems.fi");
        });
        assertThat(EmailAddress.parse("a+tag@sub.example.co.uk")).isPresent();
        assertThat(EmailAddress.parse("info@hammaslääkäri.fi")).as("IDN in Unicode").isPresent();
        for (String bad : new String[] {"", "plain", "@example.fi", "a@", "a@@b.fi", "a@b", "a..b@c.fi", ".a@c.fi",
                "a.@c.fi", "a b@c.fi", "a@-c.fi", "a@c-.fi", "a@c.f1", "a@c.f", "\"q\"@c.fi",
                "x".repeat(65) + "@c.fi", "a@" + "b".repeat(250) + ".fi"}) {
            assertThat(EmailAddress.parse(bad)).as(bad).isEmpty();
        }
        assertThat(EmailAddress.parse(null)).isEmpty();
    }

    @Test
    void phoneNumbersBecomeE164WithFinlandAsTheDefault() {
        assertThat(PhoneNumber.parse("040 1487 672")).map(PhoneNumber::e164).contains("+358401487672");
        assertThat(PhoneNumber.parse("020 177 2300")).map(PhoneNumber::e164).contains("+358201772300");
        assertThat(PhoneNumber.parse("+46 8 123 456 78")).map(PhoneNumber::e164).contains("+46812345678");
        assertThat(PhoneNumber.parse("12")).isEmpty();
        assertThat(PhoneNumber.parse("not a number")).isEmpty();
        assertThat(PhoneNumber.parse("")).isEmpty();
        assertThat(PhoneNumber.parse("1".repeat(41))).isEmpty();
    }
}
