package io.autoprovd.sip.internal;

import io.autoprovd.sip.Flow;
import io.autoprovd.sip.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP socket: one reader thread, each datagram handled on its own virtual thread. At most
 * {@code maxInFlight} datagrams are handled at once; beyond that a datagram is dropped, as a
 * congested network would, so a flood costs memory for nothing but the socket buffer. Requests
 * autoprovd sends go out of this socket too, so their responses come back to it through a NAT.
 */
public final class UdpChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpChannel.class);

  private final DatagramSocket socket;
  private final Inbound inbound;
  private final Semaphore inFlight;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread reader;

  private UdpChannel(DatagramSocket socket, Inbound inbound, int maxInFlight) {
    this.socket = socket;
    this.inbound = inbound;
    this.inFlight = new Semaphore(maxInFlight);
    this.reader = Thread.ofVirtual().name("sip-udp-" + socket.getLocalPort()).start(this::readLoop);
  }

  public static UdpChannel open(InetAddress bind, int port, Inbound inbound, int maxInFlight) throws IOException {
    var socket = new DatagramSocket(null);
    try {
      socket.setReuseAddress(false);
      socket.setReceiveBufferSize(1 << 20);
      socket.bind(new InetSocketAddress(bind, port));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new UdpChannel(socket, inbound, maxInFlight);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public long dropped() {
    return dropped.get();
  }

  public void send(byte[] bytes, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private void readLoop() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      var packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        LOG.warn("SIP UDP receive failed: {}", e.getMessage());
        continue;
      }
      if (!inFlight.tryAcquire()) {
        dropped.incrementAndGet();
        continue;
      }
      byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
      var flow = new Flow(Transport.UDP, (InetSocketAddress) packet.getSocketAddress());
      Thread.ofVirtual().start(() -> {
        try {
          inbound.receive(data, data.length, flow);
        } catch (RuntimeException e) {
          LOG.error("SIP UDP message from {} failed", flow, e);
        } finally {
          inFlight.release();
        }
      });
    }
  }

  @Override
  public void close() {
    socket.close();
    reader.interrupt();
  }
}
