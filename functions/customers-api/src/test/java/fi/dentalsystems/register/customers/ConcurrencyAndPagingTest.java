package fi.dentalsystems.register.customers;

import fi.dentalsystems.register.local.support.ApiClient;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyAndPagingTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    static ApiClient api;

    @BeforeAll
    static void handler() {
        api = new ApiClient(new CustomersApiHandler(ENGINE.client(), ENGINE.tables(), Clock.systemUTC()));
    }

    @RepeatedTest(5)
    void twoUpdatesOfTheSameVersionNeverBothWin() throws Exception {
        String id = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<ApiClient.Answer>> racers = new ArrayList<>();
            for (String city : List.of("Espoo", "Vantaa")) {
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return api.asStaff("PATCH", "/customers/{customerId}", b -> b.path("customerId", id)
                            .header("if-match", "\"1\"")
                            .json("{\"billingAddress\": {\"street\": \"Katu 2\", \"postalCode\": \"02100\", "
                                    + "\"city\": \"" + city + "\", \"country\": \"FI\"}}"));
                }, pool));
            }
            List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(ApiClient.Answer::status)
                    .sorted().toList();
            assertThat(statuses).containsExactly(200, 412);
        } finally {
            pool.shutdownNow();
        }
        ApiClient.Answer after = api.asStaff("GET", "/customers/{customerId}", b -> b.path("customerId", id));
        assertThat(after.text("version")).isEqualTo("2");
    }

    @Test
    void customerListPagesThroughEveryCustomerOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            created.add(api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId"));
        }
        Set<String> seen = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Optional<String> current = cursor;
            ApiClient.Answer page = api.asStaff("GET", "/customers", b -> {
                b.query("limit", "3");
                current.ifPresent(c -> b.query("cursor", c));
                return b;
            });
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(3);
            page.json().path("items").forEach(item -> assertThat(seen.add(item.path("customerId").asText())).isTrue());
            cursor = page.json().has("nextCursor") ? Optional.of(page.text("nextCursor")) : Optional.empty();
            pages++;
        } while (cursor.isPresent() && pages < 20);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).containsAll(created);
    }

    @Test
    void historyPagesNewestFirstAcrossThreePages() {
        String id = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        Instant base = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 7; i++) {
            String occurredAt = base.plusSeconds(3600L * i).toString();
            assertThat(api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", id)
                    .json("{\"channel\": \"PHONE\", \"summary\": \"Support call about backups\", "
                            + "\"occurredAt\": \"" + occurredAt + "\", \"source\": \"PHONE\"}")).status())
                    .isEqualTo(201);
        }
        List<String> times = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Optional<String> current = cursor;
            ApiClient.Answer page = api.asStaff("GET", "/customers/{customerId}/history", b -> {
                b.path("customerId", id).query("limit", "3");
                current.ifPresent(c -> b.query("cursor", c));
                return b;
            });
            page.json().path("items").forEach(item -> times.add(item.path("occurredAt").asText()));
            cursor = page.json().has("nextCursor") ? Optional.of(page.text("nextCursor")) : Optional.empty();
            pages++;
        } while (cursor.isPresent() && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(times).hasSize(7);
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aCursorOfAnotherCustomersHistoryIsRefused() {
        String first = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        String second = api.asStaff("POST", "/customers", b -> b.json(TestPeople.customerJson())).text("customerId");
        for (int i = 0; i < 3; i++) {
            api.asStaff("POST", "/customers/{customerId}/history", b -> b.path("customerId", first)
                    .json("{\"channel\": \"NOTE\", \"summary\": \"Note\", \"source\": \"CUSTOMER\"}"));
        }
        String cursor = api.asStaff("GET", "/customers/{customerId}/history",
                b -> b.path("customerId", first).query("limit", "1")).text("nextCursor");
        assertThat(cursor).isNotBlank();
        assertThat(api.asStaff("GET", "/customers/{customerId}/history",
                b -> b.path("customerId", second).query("cursor", cursor)).status()).isEqualTo(400);
    }
}
