package fi.dentalsystems.register.core.notice;

/** Seed §2: the contact person for register matters; receives the deadline summaries too. */
public record ContactPerson(String name, String email, String phone) {
}
