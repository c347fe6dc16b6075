package fi.dentalsystems.register.customers;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fictional personal data for the tests, each value unique and remembered, so that the
 * log scan at the end of the run can prove none of it reached a log line.
 */
final class TestPeople {
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String[] FIRST = {"Aino", "Eero", "Helmi", "Väinö", "Saga", "Oskari", "Ilona", "Åke"};
    private static final String[] LAST = {"Virtanen", "Mäkinen", "Nieminen", "Lindqvist", "Heikkilä", "Öhman"};

    private TestPeople() {
    }

    static Set<String> used() {
        return Collections.unmodifiableSet(USED);
    }

    private static String remember(String value) {
        USED.add(value);
        return value;
    }

    static String personName() {
        int n = COUNTER.incrementAndGet();
        return remember(FIRST[n % FIRST.length] + " " + LAST[(n / 3) % LAST.length] + "-Testi" + n);
    }

    static String organisationName() {
        return remember("Hammaslääkäriasema Hymy" + COUNTER.incrementAndGet() + " Oy");
    }

    static String email() {
        return remember("person" + COUNTER.incrementAndGet() + "." + Long.toString(System.nanoTime() % 100000, 36)
                + "@hammas-testi.fi");
    }

    /** A Finnish mobile number in the national form; the API stores its E.164 form (both remembered). */
    static String phone() {
        String local = String.format(Locale.ROOT, "040%07d", ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        remember(local);
        remember("+358" + local.substring(1));
        return local;
    }

    static String street() {
        return remember("Testikatu " + COUNTER.incrementAndGet());
    }

    /** A random Y-tunnus with a valid check digit. */
    static String businessId() {
        int[] weights = {7, 9, 10, 5, 8, 4, 2};
        while (true) {
            String body = String.format(Locale.ROOT, "%07d", ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
            int sum = 0;
            for (int i = 0; i < 7; i++) {
                sum += (body.charAt(i) - '0') * weights[i];
            }
            int r = sum % 11;
            if (r == 1) {
                continue;
            }
            return remember(body + "-" + (r == 0 ? 0 : 11 - r));
        }
    }

    static String customerJson() {
        return customerJson(businessId());
    }

    static String customerJson(String businessId) {
        return """
                {"name": "%s", "businessId": "%s", "email": "%s", "phone": "%s",
                 "billingAddress": {"street": "%s", "postalCode": "00620", "city": "Helsinki", "country": "FI"}}
                """.formatted(organisationName(), businessId, email(), phone(), street());
    }

    static String contactJson(String roles) {
        return """
                {"name": "%s", "email": "%s", "phone": "%s", "roles": [%s], "source": "CUSTOMER"}
                """.formatted(personName(), email(), phone(), roles);
    }
}
