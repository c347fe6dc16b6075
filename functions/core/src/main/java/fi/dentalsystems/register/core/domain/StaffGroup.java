package fi.dentalsystems.register.core.domain;

import java.util.Arrays;
import java.util.Optional;

/** Cognito groups that grant access to the staff API (DESIGN.md, Security). Ordered by power. */
public enum StaffGroup {
    ADMIN("register-admin"),
    STAFF("register-staff"),
    PROCESSOR("register-processor");

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
