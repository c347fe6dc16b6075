package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.domain.DataSubjectRequest;
import fi.dentalsystems.register.core.domain.Language;
import fi.dentalsystems.register.core.domain.RequestChannel;
import fi.dentalsystems.register.core.domain.RequestLifecycle;
import fi.dentalsystems.register.core.domain.RequestType;

import java.util.Optional;

/** Data-subject requests for tests, through the lifecycle's own moves, before they are stored. */
public final class Requests {
    private Requests() {
    }

    /** A letter of {@code type} from {@code email}, received at {@link Customers#AT}, in Finnish. */
    public static DataSubjectRequest aLetter(RequestType type, String email) {
        return RequestLifecycle.receive(type, RequestChannel.LETTER, email, Optional.empty(), Optional.empty(),
                Language.FI, "staff", Customers.AT);
    }

    /** The same letter, verified by staff (a signed letter): ready for its fulfilment. */
    public static DataSubjectRequest aVerifiedRequest(RequestType type, String email) {
        return verified(aLetter(type, email));
    }

    /** The request verified by staff at {@link Customers#AT}. */
    public static DataSubjectRequest verified(DataSubjectRequest received) {
        return RequestLifecycle.verifyByStaff(received, "staff", "signed letter", Customers.AT);
    }
}
