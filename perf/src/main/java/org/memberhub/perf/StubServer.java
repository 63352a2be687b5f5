package org.memberhub.perf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cheapest HTTP/1.1 server that keeps connections open: answers every GET with the same bytes, a thread per
 * connection, so that the load generator in front of it, not the server, sets the pace.
 */
final class StubServer implements AutoCloseable {

    private final ServerSocket socket;
    private final byte[] response;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-connection");
        thread.setDaemon(true);
        return thread;
    });

    StubServer(byte[] body) throws IOException {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"3\"\r\nContent-Length: "
                        + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        response = new byte[head.length + body.length];
        System.arraycopy(head, 0, response, 0, head.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Requests without a body: each ends with an empty line, and gets the canned answer. */
    private void serve(Socket connection) {
        try (connection;
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream()) {
            int state = 0;
            int b;
            while ((b = in.read()) >= 0) {
                // CR LF CR LF: states 1, 2, 3, 4
                if (b == '\r') {
                    state = state == 2 ? 3 : 1;
                } else if (b == '\n') {
                    state = state == 1 ? 2 : state == 3 ? 4 : 0;
                } else {
                    state = 0;
                }
                if (state == 4) {
                    out.write(response);
                    out.flush();
                    state = 0;
                }
            }
        } catch (IOException gone) {
            // the client closed the connection
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
    }
}
