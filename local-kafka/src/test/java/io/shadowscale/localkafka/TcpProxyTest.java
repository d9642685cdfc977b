package io.shadowscale.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread c = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // peer gone
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new TcpProxy(0, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
        byte[] back = socket.getInputStream().readNBytes(text.length());
        return new String(back);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
        }
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aCutResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "before")).isEqualTo("before");
            proxy.cut();
            assertThatThrownBy(() -> {
                        roundTrip(socket, "during");
                        roundTrip(socket, "during");
                    })
                    .isInstanceOf(IOException.class);
        }
        try (Socket refused = connect()) {
            assertThatThrownBy(() -> roundTrip(refused, "x")).isInstanceOf(IOException.class);
        }
        proxy.restore();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Socket again = connect()) {
                assertThat(roundTrip(again, "after")).isEqualTo("after");
            }
        });
    }

    @Test
    void aDelayHoldsEachChunkInEachDirection() throws IOException {
        proxy.delay(Duration.ofMillis(200));
        try (Socket socket = connect()) {
            long t0 = System.nanoTime();
            assertThat(roundTrip(socket, "slow")).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aThrottleLimitsTheByteRate() throws IOException {
        proxy.throttle(10_000);
        try (Socket socket = connect()) {
            long t0 = System.nanoTime();
            String text = "x".repeat(2_000);
            assertThat(roundTrip(socket, text)).isEqualTo(text);
            // 2,000 bytes at 10,000 B/s, each way: at least 0.4 s
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }
}
