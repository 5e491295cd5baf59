package io.autoprovd.server.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Asterisk manager as far as autoprovd uses one (Asterisk is not packaged in Debian 12): the
 * banner, {@code Login} checked against one user, {@code PJSIPNotify} answered as configured, and
 * {@code Logoff}. Every action received is kept, in order, for the test to read. A real edge: a
 * TCP socket on loopback speaking AMI's line protocol.
 */
final class FakeAmi implements AutoCloseable {
  final ServerSocket server;
  final List<Map<String, List<String>>> actions = new CopyOnWriteArrayList<>();
  final String username;
  final String secret;
  volatile String notifyError;
  volatile boolean chatty = true;

  FakeAmi(String username, String secret) throws IOException {
    this.username = username;
    this.secret = secret;
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      write(out, "Asterisk Call Manager/7.0.3\r\n");
      boolean loggedIn = false;
      while (true) {
        Map<String, List<String>> action = read(in);
        if (action == null) {
          return;
        }
        actions.add(action);
        String name = first(action, "Action");
        String id = first(action, "ActionID");
        switch (name) {
          case "Login" -> {
            loggedIn = username.equals(first(action, "Username")) && secret.equals(first(action, "Secret"));
            if (chatty) {
              // Asterisk may send an event before the response; the client must skip it.
              write(out, "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n");
            }
            write(out, loggedIn
                ? "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n"
                : "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
            if (!loggedIn) {
              return;
            }
          }
          case "PJSIPNotify" -> write(out, notifyError == null
              ? "Response: Success\r\nActionID: " + id + "\r\nMessage: NOTIFY sent\r\n\r\n"
              : "Response: Error\r\nActionID: " + id + "\r\nMessage: " + notifyError + "\r\n\r\n");
          case "Logoff" -> {
            write(out, "Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
            return;
          }
          default -> write(out, "Response: Error\r\nActionID: " + id + "\r\nMessage: Invalid/unknown command\r\n\r\n");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Map<String, List<String>> read(BufferedReader in) throws IOException {
    var action = new LinkedHashMap<String, List<String>>();
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      action.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    return line == null ? null : action;
  }

  static String first(Map<String, List<String>> action, String key) {
    var values = action.get(key);
    return values == null ? "" : values.getFirst();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
