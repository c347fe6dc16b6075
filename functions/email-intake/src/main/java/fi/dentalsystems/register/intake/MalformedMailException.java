package fi.dentalsystems.register.intake;

/** The message cannot be read as MIME; it is parked for staff, never dropped. */
final class MalformedMailException extends Exception {
    MalformedMailException(String reason) {
        super(reason, null, false, false);
    }
}
