package fi.dentalsystems.register.core.domain;

public record BillingAddress(String street, String postalCode, String city, String country) {
}
