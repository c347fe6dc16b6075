package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.core.domain.BillingAddress;
import fi.dentalsystems.register.core.http.JsonFields;
import fi.dentalsystems.register.core.validation.BusinessId;
import fi.dentalsystems.register.core.validation.EmailAddress;
import fi.dentalsystems.register.core.validation.FreeTextGuard;
import fi.dentalsystems.register.core.validation.PhoneNumber;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How this API reads the register's fields from JSON: lengths, formats and the core
 * validators. Messages name the rule, never the value.
 */
final class RegisterFields {
    static final int NAME_MAX = 200;
    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 40;
    static final int SUMMARY_MAX = 2000;

    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");
    private static final Pattern E_INVOICE = Pattern.compile("[A-Za-z0-9@._-]{4,64}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private RegisterFields() {
    }

    static Optional<String> name(JsonFields f, String field, boolean required) {
        Optional<String> value = required ? f.requiredText(field, NAME_MAX) : f.optionalText(field, NAME_MAX);
        return value.flatMap(v -> freeText(f, field, v));
    }

    static Optional<String> businessId(JsonFields f) {
        return f.requiredParsed("businessId", 20, BusinessId::parse,
                "must be a Finnish business id (Y-tunnus) such as 1234567-8 with a valid check digit")
                .map(BusinessId::value);
    }

    static Optional<String> email(JsonFields f, boolean required) {
        var parser = (java.util.function.Function<String, Optional<EmailAddress>>) EmailAddress::parse;
        String message = "must be an email address such as name@example.fi";
        return (required ? f.requiredParsed("email", EMAIL_MAX, parser, message)
                : f.optionalParsed("email", EMAIL_MAX, parser, message)).map(EmailAddress::value);
    }

    static Optional<String> phone(JsonFields f, boolean required) {
        var parser = (java.util.function.Function<String, Optional<PhoneNumber>>) PhoneNumber::parse;
        String message = "must be a valid phone number (Finnish numbers may omit +358)";
        return (required ? f.requiredParsed("phone", PHONE_MAX, parser, message)
                : f.optionalParsed("phone", PHONE_MAX, parser, message)).map(PhoneNumber::e164);
    }

    static Optional<BillingAddress> billingAddress(JsonFields f, boolean required) {
        Optional<JsonFields> object = required ? f.requiredObject("billingAddress") : f.optionalObject("billingAddress");
        if (object.isEmpty()) {
            return Optional.empty();
        }
        JsonFields a = object.get();
        Optional<String> street = a.requiredText("street", NAME_MAX).flatMap(v -> freeText(a, "street", v));
        Optional<String> postalCode = a.requiredParsed("postalCode", 10,
                v -> POSTAL_CODE.matcher(v).matches() ? Optional.of(v.toUpperCase(Locale.ROOT)) : Optional.empty(),
                "must be a postal code of 2–10 letters, digits, spaces or hyphens");
        Optional<String> city = a.requiredText("city", 100).flatMap(v -> freeText(a, "city", v));
        Optional<String> country = a.requiredParsed("country", 2,
                v -> COUNTRIES.contains(v.toUpperCase(Locale.ROOT)) ? Optional.of(v.toUpperCase(Locale.ROOT))
                        : Optional.empty(),
                "must be an ISO 3166-1 alpha-2 country code such as FI");
        if (street.isEmpty() || postalCode.isEmpty() || city.isEmpty() || country.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BillingAddress(street.get(), postalCode.get(), city.get(), country.get()));
    }

    static Optional<String> eInvoiceAddress(JsonFields f) {
        return f.optionalParsed("eInvoiceAddress", 64,
                v -> E_INVOICE.matcher(v).matches() ? Optional.of(v) : Optional.empty(),
                "must be an e-invoice address (OVT code or operator address) of 4–64 letters, digits or @._-");
    }

    static Optional<String> summary(JsonFields f) {
        return f.requiredText("summary", SUMMARY_MAX).flatMap(v -> freeText(f, "summary", v));
    }

    /** A corrected summary, when given: guarded like every free text. */
    static Optional<String> optionalSummary(JsonFields f) {
        return f.optionalText("summary", SUMMARY_MAX).flatMap(v -> freeText(f, "summary", v));
    }

    /** Free text refuses henkilötunnus and card numbers (DESIGN.md, data minimisation). */
    static Optional<String> freeText(JsonFields f, String field, String value) {
        var finding = FreeTextGuard.check(value);
        if (finding.isPresent()) {
            f.error(field, finding.get().message());
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
