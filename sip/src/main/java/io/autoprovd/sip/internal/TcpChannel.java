package io.autoprovd.sip.internal;

import io.autoprovd.sip.Flow;
import io.autoprovd.sip.SipParser;
import io.autoprovd.sip.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over TCP (RFC 3261 §18.3): a listening socket, one virtual thread per connection that frames
 * messages by {@code Content-Length}, and a table of open connections by peer address. Sending to
 * a peer reuses its connection (a phone behind NAT is reachable only through the connection it
 * opened) or opens one. A connection idle for {@code idle} is closed; at most {@code
 * maxConnections} are open. A peer that breaks framing (no Content-Length, an oversized message)
 * loses its connection: there is no way to find the next message boundary.
 */
public final class TcpChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpChannel.class);
  private static final byte[] PONG = "\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int CONNECT_TIMEOUT_MS = 3000;

  private final ServerSocket server;
  private final Inbound inbound;
  private final int maxConnections;
  private final Duration idle;
  private final ConcurrentHashMap<InetSocketAddress, Connection> connections = new ConcurrentHashMap<>();
  private final Thread acceptor;

  private TcpChannel(ServerSocket server, Inbound inbound, int maxConnections, Duration idle) {
    this.server = server;
    this.inbound = inbound;
    this.maxConnections = maxConnections;
    this.idle = idle;
    this.acceptor = Thread.ofVirtual().name("sip-tcp-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  public static TcpChannel open(InetAddress bind, int port, Inbound inbound, int maxConnections, Duration idle)
      throws IOException {
    var server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(bind, port), 128);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    return new TcpChannel(server, inbound, maxConnections, idle);
  }

  public int port() {
    return server.getLocalPort();
  }

  public int openConnections() {
    return connections.size();
  }

  /** Sends on the connection to {@code to}, opening one if none is open. */
  public void send(byte[] bytes, InetSocketAddress to) throws IOException {
    Connection c = connections.get(to);
    if (c == null) {
      if (connections.size() >= maxConnections) {
        throw new IOException("too many open SIP TCP connections (" + maxConnections + ")");
      }
      var socket = new Socket();
      try {
        socket.connect(to, CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        socket.close();
        throw new IOException("cannot connect to " + to + ": " + e.getMessage(), e);
      }
      c = register(socket);
    }
    c.write(bytes);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
        LOG.warn("SIP TCP accept failed: {}", e.getMessage());
        continue;
      }
      if (connections.size() >= maxConnections) {
        LOG.warn("SIP TCP: refusing {}: {} connections open", socket.getRemoteSocketAddress(), maxConnections);
        closeQuietly(socket);
        continue;
      }
      register(socket);
    }
  }

  private Connection register(Socket socket) {
    var c = new Connection(socket);
    Connection previous = connections.put(c.remote, c);
    if (previous != null && previous != c) {
      previous.close();
    }
    Thread.ofVirtual().name("sip-tcp-" + c.remote).start(c::readLoop);
    return c;
  }

  private final class Connection {
    private final Socket socket;
    private final InetSocketAddress remote;
    private final ReentrantLock writeLock = new ReentrantLock();
    private OutputStream output;

    Connection(Socket socket) {
      this.socket = socket;
      this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    void write(byte[] bytes) throws IOException {
      writeLock.lock();
      try {
        if (output == null) {
          output = socket.getOutputStream();
        }
        output.write(bytes);
        output.flush();
      } catch (IOException e) {
        close();
        throw e;
      } finally {
        writeLock.unlock();
      }
    }

    void readLoop() {
      var flow = new Flow(Transport.TCP, remote);
      try (InputStream in = socket.getInputStream()) {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idle.toMillis()));
        byte[] buffer = new byte[SipParser.MAX_MESSAGE + 4];
        int filled = 0;
        while (true) {
          int n = in.read(buffer, filled, buffer.length - filled);
          if (n < 0) {
            return;
          }
          filled += n;
          // Hand over every complete message in the buffer.
          while (true) {
            int start = 0;
            while (start < filled && (buffer[start] == '\r' || buffer[start] == '\n')) {
              start++;
            }
            if (start > 0) {
              // RFC 5626 §4.4.1: a double CRLF is a keep-alive ping, answered with one CRLF.
              if (start >= 4 && buffer[0] == '\r' && buffer[1] == '\n' && buffer[2] == '\r' && buffer[3] == '\n') {
                write(PONG);
              }
              System.arraycopy(buffer, start, buffer, 0, filled - start);
              filled -= start;
            }
            int[] end = SipParser.headerEnd(buffer, 0, filled);
            if (end == null) {
              if (filled >= SipParser.MAX_MESSAGE) {
                LOG.info("SIP TCP {}: header section larger than {} bytes; closing", remote, SipParser.MAX_MESSAGE);
                return;
              }
              break;
            }
            int bodyStart = end[0] + end[1];
            int length = contentLength(new String(buffer, 0, end[0], StandardCharsets.UTF_8));
            if (length < 0) {
              LOG.info("SIP TCP {}: message without a valid Content-Length; closing (RFC 3261 §18.3)", remote);
              return;
            }
            if (bodyStart + length > SipParser.MAX_MESSAGE) {
              LOG.info("SIP TCP {}: message larger than {} bytes; closing", remote, SipParser.MAX_MESSAGE);
              return;
            }
            if (filled < bodyStart + length) {
              break;
            }
            byte[] message = Arrays.copyOf(buffer, bodyStart + length);
            System.arraycopy(buffer, bodyStart + length, buffer, 0, filled - bodyStart - length);
            filled -= bodyStart + length;
            try {
              inbound.receive(message, message.length, flow);
            } catch (RuntimeException e) {
              LOG.error("SIP TCP message from {} failed", flow, e);
            }
          }
        }
      } catch (SocketTimeoutException e) {
        LOG.debug("SIP TCP {}: idle for {}; closing", remote, idle);
      } catch (SocketException e) {
        // closed by us or reset by the peer
      } catch (IOException e) {
        LOG.debug("SIP TCP {}: {}", remote, e.getMessage());
      } finally {
        close();
      }
    }

    void close() {
      connections.remove(remote, this);
      closeQuietly(socket);
    }
  }

  /** The Content-Length (or compact {@code l}) of a header section; -1 if absent or not a number. */
  static int contentLength(String head) {
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (name.equals("content-length") || name.equals("l")) {
        try {
          int n = Integer.parseInt(line.substring(colon + 1).strip());
          return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    acceptor.interrupt();
    connections.values().forEach(Connection::close);
  }
}
