package fi.dentalsystems.register.local.support;

import fi.dentalsystems.register.core.validation.BusinessId;

/** Valid, fictional Y-tunnus values for tests: a different one for each n, checked by the register's own rule. */
public final class SampleBusinessIds {
    private SampleBusinessIds() {
    }

    /** The n-th sample (n ≥ 0): distinct for distinct n, valid check digit. */
    public static String nth(int n) {
        for (int body = 1_000_000 + n * 7; ; body++) {
            for (int check = 0; check <= 9; check++) {
                String candidate = body + "-" + check;
                if (BusinessId.isValid(candidate)) {
                    return candidate;
                }
            }
        }
    }
}
