package io.shadowscale.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP proxy for network-fault tests: it forwards every connection to a target port and
 * can {@link #cut()} the link (open connections reset, new ones closed at once) until
 * {@link #restore()}, {@link #delay(Duration) delay} every chunk it forwards in either direction, and
 * {@link #throttle(long) throttle} each direction of each connection to a byte rate. Two threads per
 * connection, blocking I/O: a handful of test clients, not a load generator. Written here because
 * the kept Java proxies for this (Toxiproxy) run as a separate server process, which the build
 * cannot start without Docker or a Go binary.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final ServerSocket server;
    private final IntSupplier targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean cut;
    private volatile long delayNanos;
    private volatile long bytesPerSecond;
    private volatile boolean closed;

    /** Listens on a free loopback port (or {@code port}) and forwards to {@code 127.0.0.1:targetPort}. */
    public TcpProxy(int port, int targetPort) throws IOException {
        this(port, () -> targetPort);
    }

    /**
     * Listens on a free loopback port (or {@code port}) and forwards each new connection to
     * {@code 127.0.0.1:<targetPort.getAsInt()>}, asked at the connection's accept: a Service in
     * front of whichever replica is ready at the time.
     */
    public TcpProxy(int port, IntSupplier targetPort) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted and forwarded so far. */
    public long connections() {
        return connections.get();
    }

    /** Resets every open connection and refuses new ones (accepted, then closed) until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            reset(socket);
        }
        LOG.info("proxy :{} -> :{} cut", port(), targetPort.getAsInt());
    }

    /** Forwards again (clients reconnect on their own). */
    public void restore() {
        cut = false;
        LOG.info("proxy :{} -> :{} restored", port(), targetPort.getAsInt());
    }

    /** Waits {@code delay} before forwarding each chunk, in both directions (zero: none). */
    public void delay(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    /** Limits each direction of each connection to {@code bytesPerSecond} (0: no limit). */
    public void throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy :{} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort.getAsInt());
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                connections.incrementAndGet();
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (cut) {
                                break;
                            }
                            long delay = delayNanos;
                            if (delay > 0) {
                                Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
                            }
                            long rate = bytesPerSecond;
                            if (rate > 0) {
                                Thread.sleep(n * 1000L / rate);
                            }
                            if (cut) {
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // a reset or closed side ends the pair
                    } finally {
                        reset(from);
                        reset(to);
                    }
                },
                "tcp-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0); // RST, as a broken link looks to the peer
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            reset(socket);
        }
    }
}
