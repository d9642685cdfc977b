package io.shadowscale.scaler.admin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The life of one of the scaler's HTTP endpoints (JDK HttpServer): bind, start, bound port, stop. */
abstract class HttpEndpoint implements AutoCloseable {
    /** The server; subclasses add their contexts in their constructor. */
    protected final HttpServer server;

    HttpEndpoint(InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 16);
    }

    public void start() {
        server.start();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
