package io.shadowscale.cli;

import static io.shadowscale.cli.ScalerFixture.NOW;
import static io.shadowscale.cli.ScalerFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.scaler.controller.OperatorResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the scaler's real admin and operator endpoints on loopback ports: outputs and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairsCommandTest {
    private ScalerFixture scaler;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void start() throws Exception {
        scaler = new ScalerFixture();
    }

    @AfterAll
    void stop() {
        scaler.close();
    }

    @BeforeEach
    void reset() {
        scaler.calls.clear();
        scaler.answer(OperatorResult.accepted("resize to 3 requested for shop/orders"));
    }

    @Test
    void listShowsOneLinePerPairWithItsLastWalkAndTraffic() {
        Run r = run(Map.of(), "pairs", "list", "--admin-url", scaler.adminUrl());

        assertThat(r).isEqualTo(new Run(0, """
                PAIR           PHASE    FOR    ACTIVE  BLUE  GREEN  PAUSED  LAST WALK                    INPUT/S  PROGRESS/S  LAG
                shop/orders    STEADY   2m59s  green   0     4      no      rolled back 4->6, 2m59s ago  1520.3   1498.5      3210
                shop/payments  WARMING  10s    blue    2     3      yes     in progress 2->3 for 10s     -        -           -
                """, ""));
    }

    @Test
    void showPrintsThePairAndOneLinePerWalk() {
        Run r = run(Map.of(), "--admin-url", scaler.adminUrl(), "pairs", "show", "shop/orders");

        assertThat(r).isEqualTo(new Run(0, """
                pair         shop/orders
                phase        STEADY for 2m59s (since 2026-03-01T10:02:01Z), epoch 9, command 9
                active slot  green
                replicas     blue 0, green 4 (active 4, target 4)
                paused       no
                reason       rolled back; green stays active with 4
                traffic      input 1520.3/s, progress 1498.5/s, lag 3210 record(s) (observed 5.0s ago)
                fallback     none

                walks (2, oldest first)
                STARTED               SLOTS          SIZE  RESULT       TOOK   WHY
                2026-03-01T10:00:02Z  blue -> green  2->4  done         4.0s   operator asked for 4
                2026-03-01T10:01:00Z  green -> blue  4->6  rolled back  1m01s  lag 41 s over the 30 s target; \
                rolled back: warm-up did not finish within PT1M: 5 of 6 worker(s) ready, 8 of 8 partition(s) covered
                """, ""));
    }

    @Test
    void showOfAWalkInProgressCountsItsTimeSoFar() {
        Run r = run(Map.of(), "pairs", "show", "shop/payments", "--admin-url", scaler.adminUrl());

        assertThat(r).isEqualTo(new Run(0, """
                pair         shop/payments
                phase        WARMING for 10s (since 2026-03-01T10:04:50Z), epoch 3, command 3
                active slot  blue
                replicas     blue 2, green 3 (active 2, target 3)
                paused       yes (automatic decisions stopped)
                reason       automatic decisions paused
                traffic      not observed yet
                fallback     none

                walks (1, oldest first)
                STARTED               SLOTS          SIZE  RESULT       TOOK        WHY
                2026-03-01T10:04:50Z  blue -> green  2->3  in progress  10s so far  operator asked for 3
                """, ""));
    }

    @Test
    void jsonOutputIsTheAdminEndpointsDocument() throws Exception {
        Run r = run(Map.of(), "pairs", "show", "shop/payments", "--admin-url", scaler.adminUrl(), "-o", "json");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                {
                  "pair" : "shop/payments",
                  "phase" : "WARMING",
                  "epoch" : 3,
                  "commandId" : 3,
                  "activeSlot" : "blue",
                  "activeReplicas" : 2,
                  "targetReplicas" : 3,
                  "since" : "2026-03-01T10:04:50Z",
                  "paused" : true,
                  "barrier" : { },
                  "fallbackPartitions" : [ ],
                  "fallbackRecords" : 0,
                  "reason" : "automatic decisions paused",
                  "history" : [ {
                    "at" : "2026-03-01T10:03:20Z",
                    "epoch" : 1,
                    "from" : "STARTING",
                    "to" : "STARTING",
                    "reason" : "pair registered"
                  }, {
                    "at" : "2026-03-01T10:03:21Z",
                    "epoch" : 2,
                    "from" : "STARTING",
                    "to" : "STEADY",
                    "reason" : "2 worker(s) of blue active"
                  }, {
                    "at" : "2026-03-01T10:04:50Z",
                    "epoch" : 3,
                    "from" : "STEADY",
                    "to" : "WARMING",
                    "reason" : "resize 2 -> 3: operator asked for 3"
                  }, {
                    "at" : "2026-03-01T10:04:51Z",
                    "epoch" : 3,
                    "from" : "WARMING",
                    "to" : "WARMING",
                    "reason" : "automatic decisions paused"
                  } ],
                  "slotReplicas" : {
                    "blue" : 2,
                    "green" : 3
                  },
                  "traffic" : null,
                  "walks" : [ {
                    "startedAt" : "2026-03-01T10:04:50Z",
                    "endedAt" : null,
                    "durationMs" : null,
                    "fromSlot" : "blue",
                    "toSlot" : "green",
                    "fromReplicas" : 2,
                    "toReplicas" : 3,
                    "result" : "in_progress",
                    "why" : "resize 2 -> 3: operator asked for 3",
                    "outcome" : null
                  } ]
                }
                """);
        Run list = run(Map.of(), "-o", "json", "pairs", "list", "--admin-url", scaler.adminUrl());
        ObjectMapper mapper = new ObjectMapper();
        String served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(scaler.adminUrl() + "/pairs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(mapper.readTree(list.out())).isEqualTo(mapper.readTree(served));
        assertThat(list.out()).startsWith("[ {\n  \"pair\" : \"shop/orders\",\n  \"phase\" : \"STEADY\",");
    }

    @Test
    void resizeWithoutATokenIsRefusedWithTheScalersMessage() {
        Run r = run(
                Map.of(), "pairs", "resize", "shop/orders", "--replicas", "3", "--operator-url", scaler.operatorUrl());

        assertThat(r)
                .isEqualTo(new Run(
                        1,
                        "",
                        "error: missing bearer token: send Authorization: Bearer <token> "
                                + "(HTTP 401 from POST " + scaler.operatorUrl()
                                + "/pairs/shop/orders/resize?replicas=3)\n"
                                + "no token was given: use --token, --token-file or SHADOWSCALE_OPERATOR_TOKEN\n"));
        assertThat(scaler.calls).isEmpty();
    }

    @Test
    void aWrongTokenIsRefused() {
        Run r = run(
                Map.of(),
                "pairs",
                "rollback",
                "shop/orders",
                "--operator-url",
                scaler.operatorUrl(),
                "--token",
                TOKEN + "x");

        assertThat(r)
                .isEqualTo(new Run(
                        1,
                        "",
                        "error: invalid bearer token (HTTP 401 from POST " + scaler.operatorUrl()
                                + "/pairs/shop/orders/rollback)\n"));
        assertThat(scaler.calls).isEmpty();
    }

    @Test
    void resizeWithTheTokenIsCarriedOut() {
        Run r = run(
                Map.of(),
                "pairs",
                "resize",
                "shop/orders",
                "--replicas",
                "3",
                "--operator-url",
                scaler.operatorUrl(),
                "--token",
                TOKEN);

        assertThat(r).isEqualTo(new Run(0, "resize to 3 requested for shop/orders\n", ""));
        assertThat(scaler.calls).containsExactly("resize shop/orders 3");
    }

    @Test
    void theTokenMayComeFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  " + TOKEN + "\n");
        scaler.answer(OperatorResult.accepted("automatic decisions paused for shop/payments"));

        Run fromFile = run(
                Map.of(),
                "pairs",
                "pause",
                "shop/payments",
                "--operator-url",
                scaler.operatorUrl(),
                "--token-file",
                file.toString());
        Run fromEnvironment = run(
                Map.of("SHADOWSCALE_OPERATOR_TOKEN", TOKEN),
                "-o",
                "json",
                "pairs",
                "resume",
                "shop/payments",
                "--operator-url",
                scaler.operatorUrl());

        assertThat(fromFile).isEqualTo(new Run(0, "automatic decisions paused for shop/payments\n", ""));
        assertThat(fromEnvironment).isEqualTo(new Run(0, """
                {
                  "accepted" : true,
                  "message" : "automatic decisions paused for shop/payments"
                }
                """, ""));
        assertThat(scaler.calls).containsExactly("pause shop/payments", "resume shop/payments");
    }

    @Test
    void aCallTheControllerRefusesExitsWithOne() {
        scaler.answer(OperatorResult.refused("rollback is refused once the barrier is published"));

        Run r = run(
                Map.of(), "pairs", "rollback", "shop/orders", "--operator-url", scaler.operatorUrl(), "--token", TOKEN);

        assertThat(r)
                .isEqualTo(new Run(
                        1,
                        "",
                        "error: rollback is refused once the barrier is published (HTTP 409 " + "from POST "
                                + scaler.operatorUrl() + "/pairs/shop/orders/rollback)\n"));
    }

    @Test
    void anUnknownPairOrTheReadOnlyPortGiveTheScalersMessage() {
        Run unknown = run(Map.of(), "pairs", "show", "shop/nobody", "--admin-url", scaler.adminUrl());
        Run readOnly =
                run(Map.of(), "pairs", "pause", "shop/orders", "--operator-url", scaler.adminUrl(), "--token", TOKEN);

        assertThat(unknown)
                .isEqualTo(new Run(
                        1,
                        "",
                        "error: unknown pair shop/nobody (HTTP 404 from GET " + scaler.adminUrl()
                                + "/pairs/shop/nobody)\n"));
        assertThat(readOnly)
                .isEqualTo(new Run(
                        1,
                        "",
                        "error: this port is read-only: resize, pause, resume and "
                                + "rollback are served on the operator port (SHADOWSCALE_OPERATOR_PORT, off unless "
                                + "configured) with a "
                                + "bearer token (HTTP 405 from POST " + scaler.adminUrl()
                                + "/pairs/shop/orders/pause)\n"));
        assertThat(scaler.calls).isEmpty();
    }

    @Test
    void aBadOptionIsAUsageErrorWithPicoclisMessage() {
        Run unknown = run(Map.of(), "pairs", "list", "--bogus");
        Run format = run(Map.of(), "pairs", "list", "-o", "yaml");
        Run missing = run(Map.of(), "pairs", "resize", "shop/orders");
        Run pair = run(Map.of(), "pairs", "show", "orders");
        Run url = run(Map.of(), "pairs", "list", "--admin-url", "localhost:8081");
        Run both = run(Map.of(), "pairs", "pause", "shop/orders", "--token", "a", "--token-file", "/dev/null");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("Unknown option: '--bogus'\nUsage: shadowscale pairs list [-hV]");
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err())
                .startsWith("Invalid value for option '--output': expected one of [table, json] "
                        + "(case-sensitive) but was 'yaml'\nUsage:");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Missing required option: '--replicas=N'\nUsage:");
        assertThat(pair.code()).isEqualTo(2);
        assertThat(pair.err())
                .startsWith("Invalid value for positional parameter at index 0 (<pair>): 'orders' is "
                        + "not <namespace>/<name> (two DNS-1123 labels, e.g. shop/orders)\nUsage:");
        assertThat(url.code()).isEqualTo(2);
        assertThat(url.err())
                .startsWith("Invalid value for option '--admin-url': 'localhost:8081' is not an http:// "
                        + "or https:// URL\nUsage:");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).startsWith("give either --token or --token-file, not both\nUsage:");
        assertThat(run(Map.of(), "pairs").err()).startsWith("Missing required subcommand\nUsage: shadowscale pairs");
        assertThat(scaler.calls).isEmpty();
    }

    @Test
    void anUnreachableScalerExitsWithThreeNamingTheUrl() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        Run admin = run(Map.of(), "pairs", "list", "--admin-url", "http://127.0.0.1:" + closed);
        Run operator = run(
                Map.of(),
                "pairs",
                "pause",
                "shop/orders",
                "--operator-url",
                "http://127.0.0.1:" + closed + "/",
                "--token",
                TOKEN);

        assertThat(admin)
                .isEqualTo(new Run(
                        3,
                        "",
                        "cannot connect to the admin endpoint (--admin-url) at " + "http://127.0.0.1:" + closed
                                + "/pairs: connection refused\n"));
        assertThat(operator)
                .isEqualTo(new Run(
                        3,
                        "",
                        "cannot connect to the operator endpoint (--operator-url) at " + "http://127.0.0.1:" + closed
                                + "/pairs/shop/orders/pause: connection refused\n"));
    }

    @Test
    void helpAndVersion() {
        Run help = run(Map.of(), "--help");
        Run version = run(Map.of(), "--version");

        assertThat(help.code()).isZero();
        assertThat(help.out())
                .startsWith("Usage: shadowscale [-hV] [--admin-url=URL] [-o=FORMAT]")
                .contains("Commands:\n  pairs  Lists, shows and drives pairs.\n");
        assertThat(version.code()).isZero();
        assertThat(version.out()).matches("shadowscale \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        assertThat(run(Map.of(), "pairs", "--version")).isEqualTo(version);
        assertThat(run(Map.of(), "pairs", "show", "--version")).isEqualTo(version);
    }

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShadowscaleCli.run(
                args,
                new PrintWriter(out),
                new PrintWriter(err),
                Clock.fixed(NOW, ZoneOffset.UTC),
                environment,
                ScalerClient.standard());
        return new Run(code, out.toString(), err.toString());
    }
}
