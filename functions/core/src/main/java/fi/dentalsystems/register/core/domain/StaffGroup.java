package fi.dentalsystems.register.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** Cognito groups that grant access to the staff API (DESIGN.md, Security). Ordered by power. */
public enum StaffGroup {
    ADMIN("register-admin"),
    STAFF("register-staff"),
    PROCESSOR("register-processor"),
    /**
     * The company's own services (DentalSuite, the portal…) recording which accounts a contact has:
     * a service account user in this group may use the credentials routes and nothing else.
     */
    SERVICE("register-service");

    private final String groupName;

    StaffGroup(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    public static Optional<StaffGroup> fromGroupName(String name) {
        return Arrays.stream(values()).filter(g -> g.groupName.equals(name)).findFirst();
    }
}
