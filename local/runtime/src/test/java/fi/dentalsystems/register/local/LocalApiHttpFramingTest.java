package fi.dentalsystems.register.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.dentalsystems.register.local.http.HttpLimits;
import fi.dentalsystems.register.local.support.DynamoDbEngine;
import fi.dentalsystems.register.local.support.RepositoryRoot;
import fi.dentalsystems.register.local.support.SamTemplate;
import fi.dentalsystems.register.local.support.SampleBusinessIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The local runtime's HTTP framing over a raw socket, byte for byte: every malformed request gets
 * a problem+json answer of the handlers' shape before its connection closes (decision 0015).
 */
class LocalApiHttpFramingTest {
    @RegisterExtension
    static final DynamoDbEngine ENGINE = new DynamoDbEngine();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://register.dentalsystems.fi/problems/";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);
    /** The event the echo route last received: what the router made of the bytes on the wire. */
    private static final AtomicReference<APIGatewayV2HTTPEvent> ECHOED = new AtomicReference<>();

    static LocalApi api;
    static DevTokens tokens;

    @BeforeAll
    static void start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        tokens = DevTokens.withKey(key);
        List<LocalApi.Binding> bindings = new ArrayList<>(LocalApi.bind(SamTemplate.load(), ENGINE.client(),
                ENGINE.tableNamesByLogicalId(), Clock.systemUTC()));
        bindings.add(LocalApi.Binding.of(new SamTemplate.HttpRoute("GET", "/echo/{value}", false), (event, context) -> {
            ECHOED.set(event);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
        }));
        api = LocalApi.start(0, bindings, tokens, RepositoryRoot.find().resolve("openapi.yaml"),
                HttpLimits.defaults().withRequestTimeout(REQUEST_TIMEOUT).withIdleTimeout(IDLE_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    // ---- the request line and the target

    @Test
    void invalidPercentEncodingInThePathIsA400ProblemAndTheConnectionServesTheNextRequest() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /customers/cus%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /form HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.answer().status()).isEqualTo(200);
        }
    }

    @Test
    void invalidPercentEncodingInTheQueryIsA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form?lang=%e HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
        }
    }

    @Test
    void percentEncodedBytesThatAreNotUtf8AreA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form?lang=%FF%FE HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "GET /form",                        // no version
            "GET  /form HTTP/1.1",              // two spaces
            "GET /form HTTP/1.1 extra",         // four parts
            "GET /form HTTX/1.1",               // not HTTP
            "GET /form HTTP/1.x",               // no minor digit
            "G(T /form HTTP/1.1",               // method not a token
            "GET form HTTP/1.1",                // target not a path
            "GET /fo\u0001rm HTTP/1.1",         // control character in the target
            "GET /\u00e4 HTTP/1.1",             // raw non-ASCII byte
            "GET /form#top HTTP/1.1",           // a fragment
            "GET\t/form HTTP/1.1"})             // tab as separator
    void aMalformedRequestLineIsA400ProblemAndCloses(String requestLine) throws Exception {
        try (Wire wire = new Wire()) {
            wire.send(requestLine + "\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).as("closed after the answer").isTrue();
        }
    }

    @Test
    void anotherMajorVersionIsA505Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/2.0\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 505, "http-version-not-supported");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form?lang=" + "a".repeat(HttpLimits.defaults().requestLineBytes()) + " HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n");
            assertProblem(wire.answer(), 414, "uri-too-long");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    // ---- header fields

    @Test
    void aBareCrInAHeaderIsA400ProblemAndCloses() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\nX-Note: a\rb\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aBareLfEndingAHeaderLineIsA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nX-Note: a\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void anObsFoldedHeaderIsA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\nX-Note: first\r\n  continued\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Host : localhost",                     // whitespace before the colon
            "Host localhost",                       // no colon
            ": no-name",                            // empty name
            "X(Note): a",                           // name not a token
            "X-Note: a\u0000b",                     // NUL in the value
            "X-Note: a\u007fb"})                    // DEL in the value
    void badHeaderSyntaxIsA400Problem(String fieldLine) throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\n" + (fieldLine.startsWith("Host") ? "" : "Host: localhost\r\n")
                    + fieldLine + "\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void anHttp11RequestNeedsExactlyOneHost() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
        }
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\nHost: elsewhere\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
        }
    }

    @Test
    void headerFieldsOverTheLimitAreA431Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "b".repeat(HttpLimits.defaults().headerSectionBytes()) + "\r\n\r\n");
            assertProblem(wire.answer(), 431, "header-fields-too-large");
            assertThat(wire.closedByServer()).isTrue();
        }
        try (Wire wire = new Wire()) {
            StringBuilder many = new StringBuilder("GET /form HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < HttpLimits.defaults().headerFields(); i++) {
                many.append("X-").append(i).append(": v\r\n");
            }
            wire.send(many + "\r\n");
            assertProblem(wire.answer(), 431, "header-fields-too-large");
        }
    }

    // ---- body framing

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Content-Length: 2\r\nContent-Length: 2",   // duplicate, even if equal
            "Content-Length: 2\r\nContent-Length: 3",   // conflicting
            "Content-Length: 2, 3",                     // conflicting in one line
            "Content-Length: -2",                       // not digits
            "Content-Length: 0x2",
            "Content-Length: "})
    void aDuplicateConflictingOrNonNumericContentLengthIsA400Problem(String contentLength) throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\n" + contentLength + "\r\n\r\nab");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void contentLengthWithChunkedIsA400ProblemAndNothingAfterItIsRead() throws Exception {
        try (Wire wire = new Wire()) {
            // read by Content-Length, the "0" chunk ends the body and a smuggled GET follows; read chunked, not
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /openapi.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).as("closed, the smuggled request unanswered").isTrue();
        }
    }

    @Test
    void transferEncodingInAnHttp10RequestIsA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aTransferCodingOtherThanChunkedIsA501Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                    + "0\r\n\r\n");
            assertProblem(wire.answer(), 501, "not-implemented");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"chunked, gzip", "gzip", "chunked, chunked", "identity"})
    void aBodyWhoseLengthChunkedDoesNotEndIsA400Problem(String transferEncoding) throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + transferEncoding
                    + "\r\n\r\n0\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"zz", "", "-1", "0x5", " 5"})
    void anInvalidChunkSizeIsA400ProblemThenClose(String size) throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size + "\r\nhello\r\n0\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void chunkDataLongerThanItsSizeIsA400Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabcdef\r\n0\r\n\r\n");
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aTruncatedChunkedBodyIsA400ProblemThenClose() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nab");
            wire.endOutput();
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
        try (Wire wire = new Wire()) { // the last chunk never comes
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\nab\r\n");
            wire.endOutput();
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsA400ProblemThenClose() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
            wire.endOutput();
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemBeforeItIsSent() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + (HttpLimits.defaults().bodyBytes() + 1) + "\r\n\r\n");
            assertProblem(wire.answer(), 413, "payload-too-large");
            assertThat(wire.closedByServer()).isTrue();
        }
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "ffffffff\r\n");
            assertProblem(wire.answer(), 413, "payload-too-large");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aClientStillSendingARefusedBodyCanFinishAndThenReadTheAnswer() throws Exception {
        try (Wire wire = new Wire()) {
            // as a client streaming its body does: it writes on after the server has answered and
            // closed; a close with the body unread would reset it and its writes would fail instead
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + (HttpLimits.defaults().bodyBytes() + 1) + "\r\n\r\n");
            Thread.sleep(200); // the server has answered by now
            byte[] piece = new byte[32 * 1024];
            for (int i = 0; i < 16; i++) {
                wire.send(piece);
                Thread.sleep(5);
            }
            assertProblem(wire.answer(), 413, "payload-too-large");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aConnectionClosedInsideTheHeadStillGetsAnAnswer() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\n");
            wire.endOutput();
            assertProblem(wire.answer(), 400, "malformed-request");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    // ---- timing, expectations, methods

    @Test
    void aRequestThatStallsAfterItStartedIsA408ProblemThenClose() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HT");
            long started = System.nanoTime();
            assertProblem(wire.answer(), 408, "request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(REQUEST_TIMEOUT);
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleConnectionClosesWithoutAnAnswerSinceNoRequestBegan() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(wire.answer().status()).isEqualTo(200);
            long idle = System.nanoTime();
            assertThat(wire.in.read()).as("nothing is sent to an idle connection; it ends").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - idle)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void expect100ContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        String body = customerJson("Jatkokysymys Oy", SampleBusinessIds.nth(9101));
        try (Wire wire = new Wire()) {
            wire.send("POST /customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + staff()
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n");
            Answer interim = wire.answer();
            assertThat(interim.status()).as("100 Continue while the body is still unsent").isEqualTo(100);
            wire.send(body.getBytes(StandardCharsets.UTF_8));
            Answer created = wire.answer();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("name").asText()).isEqualTo("Jatkokysymys Oy");
        }
    }

    @Test
    void anExpectationOtherThan100ContinueIsA417Problem() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("POST /public/requests HTTP/1.1\r\nHost: localhost\r\nExpect: something-else\r\n"
                    + "Content-Length: 2\r\n\r\nab");
            assertProblem(wire.answer(), 417, "expectation-failed");
        }
    }

    @Test
    void aHeadAnswerHasNoBodySoTheNextAnswerOnTheConnectionParses() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("HEAD /form HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer head = wire.answerToHead();
            // HEAD routes like API Gateway's: only a GET route is declared, so 405, with the length it would have
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(Integer.parseInt(head.headers().get("content-length"))).isPositive();
            wire.send("GET /openapi.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer get = wire.answer();
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.text()).startsWith("openapi: 3.1");
        }
    }

    // ---- what works

    @Test
    void twoRequestsOnOneConnectionAreBothAnsweredAndItStaysOpen() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form?lang=en HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer first = wire.answer();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers()).doesNotContainKey("connection");
            wire.send("GET /openapi.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer second = wire.answer();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).startsWith("openapi: 3.1");
        }
    }

    @Test
    void connectionCloseAndHttp10EndTheConnectionAfterTheirAnswer() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            Answer answer = wire.answer();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().get("connection")).isEqualTo("close");
            assertThat(wire.closedByServer()).isTrue();
        }
        try (Wire wire = new Wire()) {
            wire.send("GET /form HTTP/1.0\r\n\r\n");
            assertThat(wire.answer().status()).isEqualTo(200);
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    void aChunkedBodyIsAcceptedWithExtensionsAndTrailers() throws Exception {
        byte[] body = customerJson("Paloiteltu Hammas Oy", SampleBusinessIds.nth(9102)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        int split = 17;
        chunked.writeBytes((Integer.toHexString(split) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunked.write(body, 0, split);
        chunked.writeBytes(("\r\n" + Integer.toHexString(body.length - split).toUpperCase(Locale.ROOT)
                + ";note=\"second\"\r\n").getBytes(StandardCharsets.US_ASCII));
        chunked.write(body, split, body.length - split);
        chunked.writeBytes("\r\n0\r\nX-Checksum: none\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Wire wire = new Wire()) {
            wire.send("POST /customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + staff()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            wire.send(chunked.toByteArray());
            Answer created = wire.answer();
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().get("customerId").asText();
            wire.send("GET /customers/" + id + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + staff()
                    + "\r\n\r\n");
            Answer read = wire.answer();
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("name").asText()).isEqualTo("Paloiteltu Hammas Oy");
        }
    }

    @Test
    void aPercentEncodedUtf8PathParameterReachesTheHandlerDecoded() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET /echo/Hammasl%C3%A4%C3%A4k%C3%A4ri%2F%C3%85+1?q=%C3%A4y+r%C3%A4s&lang=fi HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n");
            assertThat(wire.answer().status()).isEqualTo(204);
        }
        APIGatewayV2HTTPEvent event = ECHOED.get();
        // in a path '+' is a plus; in a query (form encoding, as browsers send it) a space
        assertThat(event.getPathParameters()).containsEntry("value", "Hammaslääkäri/Å+1");
        assertThat(event.getQueryStringParameters()).containsEntry("q", "äy räs").containsEntry("lang", "fi");
    }

    @Test
    void percentEncodedPathsAndUtf8QueriesReachTheRealHandlerDecoded() throws Exception {
        String name = "Hammaslääkäri Äyräs Oy";
        try (Wire wire = new Wire()) {
            byte[] body = customerJson(name, SampleBusinessIds.nth(9103)).getBytes(StandardCharsets.UTF_8);
            wire.send("POST /customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + staff()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            wire.send(body);
            String id = wire.answer().json().get("customerId").asText();
            String encodedId = id.replace("_", "%5F");
            wire.send("GET /customers/" + encodedId + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + staff() + "\r\n\r\n");
            Answer read = wire.answer();
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("name").asText()).isEqualTo(name);
            wire.send("GET /customers?q=%C3%84yr%C3%A4s HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + staff() + "\r\n\r\n");
            Answer found = wire.answer();
            assertThat(found.status()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            found.json().get("items").forEach(item -> names.add(item.get("name").asText()));
            assertThat(names).containsExactly(name);
        }
    }

    @Test
    void anAbsoluteFormTargetIsRoutedByItsPath() throws Exception {
        try (Wire wire = new Wire()) {
            wire.send("GET http://localhost/openapi.yaml HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer answer = wire.answer();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).startsWith("openapi: 3.1");
        }
    }

    // ---- the wire

    private static String staff() {
        return tokens.issue("staff", Instant.now());
    }

    private static String customerJson(String name, String businessId) {
        return """
                {"name": "%s", "businessId": "%s", "email": "office@framing.example", "phone": "09 1234 5678",
                 "billingAddress": {"street": "Katu 1", "postalCode": "00100", "city": "Helsinki", "country": "FI"}}
                """.formatted(name, businessId);
    }

    /** A problem answer of the handlers' shape, read whole off the wire. */
    private static void assertProblem(Answer answer, int status, String slug) throws IOException {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).isEqualTo("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo(PROBLEMS + slug);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One TCP connection to the local API: exact bytes out, answers parsed strictly in. */
    static final class Wire implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Wire() throws IOException {
            socket = new Socket("127.0.0.1", api.port());
            socket.setSoTimeout(5000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            // ISO-8859-1: each char one byte, so a test writes exactly the bytes it names (UTF-8 goes in as %XX)
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void endOutput() throws IOException {
            socket.shutdownOutput();
        }

        Answer answer() throws IOException {
            return read(false);
        }

        Answer answerToHead() throws IOException {
            return read(true);
        }

        /** True when the server ends the connection (EOF) with nothing more sent; false if it stays open. */
        boolean closedByServer() throws IOException {
            try {
                int next = in.read();
                assertThat(next).as("nothing after the answer").isEqualTo(-1);
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (java.net.SocketException reset) {
                fail("the connection was reset instead of closed after the answer");
                return false;
            }
        }

        private Answer read(boolean head) throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                fail("the connection closed without an answer");
            }
            assertThat(statusLine).matches("HTTP/1\\.1 \\d{3} .+");
            int status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (String field = line(); !field.isEmpty(); field = line()) {
                int colon = field.indexOf(':');
                headers.put(field.substring(0, colon).toLowerCase(Locale.ROOT), field.substring(colon + 1).strip());
            }
            byte[] body = new byte[0];
            if (!head && status >= 200 && headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                body = in.readNBytes(length);
                assertThat(body).as("the whole body before the connection ends").hasSize(length);
            }
            return new Answer(status, headers, body);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\r') {
                    assertThat(in.read()).as("CRLF").isEqualTo('\n');
                    return line.toString();
                }
                line.append((char) b);
            }
            if (line.isEmpty()) {
                return null;
            }
            fail("the connection closed inside the answer");
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
