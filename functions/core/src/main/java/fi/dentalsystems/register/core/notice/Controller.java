package fi.dentalsystems.register.core.notice;

/** Seed §1: who is responsible for the register. Comes from the template's parameters, never from code. */
public record Controller(String name, String streetAddress, String postalCode, String city, String phone,
                         String email, String businessId) {

    /** One line, as a letter is addressed. */
    public String postalAddress() {
        return streetAddress + ", " + postalCode + " " + city;
    }
}
