package fi.dentalsystems.register.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** Cognito groups that grant access to the staff API (DESIGN.md, Security). Ordered by power. */
public enum StaffGroup {
    ADMIN("register-admin"),
    STAFF("register-staff"),
    /**
     * A contracted processor's users (GDPR art. 28): one Cognito group per processor,
     * {@code register-processor-<id>}, its purposes from the processor register, never from the token.
     */
    PROCESSOR("register-processor-<id>"),
    /**
     * The company's own services (DentalSuite, the portal…) recording which accounts a contact has:
     * a service account user in this group may use the credentials routes and nothing else.
     */
    SERVICE("register-service");

    /** The processor groups' names: this and the processor's id ({@link Processor#groupName()}). */
    public static final String PROCESSOR_GROUP_PREFIX = "register-processor-";

    private final String groupName;

    StaffGroup(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    /** The fixed groups by name; a processor's group is resolved through the {@link ProcessorRegister}. */
    public static Optional<StaffGroup> fromGroupName(String name) {
        return Arrays.stream(values()).filter(g -> g != PROCESSOR && g.groupName.equals(name)).findFirst();
    }
}
