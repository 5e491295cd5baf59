package io.autoprovd.server.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal Asterisk Manager Interface client: one TCP connection per call, {@code Login}, one
 * action, {@code Logoff}. AMI speaks {@code Key: value} lines, a blank line ending each message;
 * a response carries the {@code ActionID} of its action, and events (which {@code Events: off}
 * mostly silences) are skipped. Each read waits at most {@code timeout}. Thread-safe: it keeps
 * nothing between calls.
 */
public final class AmiClient {
  private final String host;
  private final int port;
  private final String username;
  private final String secret;
  private final Duration timeout;

  public AmiClient(String host, int port, String username, String secret, Duration timeout) {
    this.host = host;
    this.port = port;
    this.username = username;
    this.secret = secret;
    this.timeout = timeout;
  }

  /** What the manager answered to the action. */
  public sealed interface Reply {
    /** {@code Response: Success}, with the rest of the message. */
    record Success(Map<String, String> fields) implements Reply {}

    /** {@code Response: Error} (or anything but Success), with its {@code Message}. */
    record Error(String message) implements Reply {}

    /** No manager there, a refused login, or a broken conversation. */
    record Unreachable(String reason) implements Reply {}
  }

  /** Logs in, sends {@code action} with its fields (repeated keys allowed), logs off. */
  public Reply call(String action, List<Map.Entry<String, String>> fields) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      String banner = in.readLine();
      if (banner == null || !banner.startsWith("Asterisk Call Manager")) {
        return new Reply.Unreachable("not an Asterisk manager at " + host + ":" + port + " (banner: " + banner + ")");
      }
      send(out, "Login", "1", List.of(Map.entry("Username", username), Map.entry("Secret", secret),
          Map.entry("Events", "off")));
      Map<String, String> login = responseTo(in, "1");
      if (!"success".equalsIgnoreCase(login.get("response"))) {
        return new Reply.Unreachable("AMI login as " + username + " refused: " + login.getOrDefault("message", "?"));
      }
      send(out, action, "2", fields);
      Map<String, String> reply = responseTo(in, "2");
      logoff(in, out);
      return "success".equalsIgnoreCase(reply.get("response")) ? new Reply.Success(reply)
          : new Reply.Error(reply.getOrDefault("message", "no message"));
    } catch (IOException e) {
      return new Reply.Unreachable("AMI " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** Says goodbye and waits for the answer, so the manager ends the session cleanly; a failure here changes nothing. */
  private static void logoff(BufferedReader in, OutputStream out) {
    try {
      send(out, "Logoff", "3", List.of());
      responseTo(in, "3");
    } catch (IOException e) {
      // the action's answer is already known
    }
  }

  private static void send(OutputStream out, String action, String id, List<Map.Entry<String, String>> fields)
      throws IOException {
    var sb = new StringBuilder("Action: ").append(action).append("\r\nActionID: ").append(id).append("\r\n");
    for (var f : fields) {
      if (f.getValue().indexOf('\r') >= 0 || f.getValue().indexOf('\n') >= 0) {
        throw new IOException("AMI field " + f.getKey() + " holds a line break");
      }
      sb.append(f.getKey()).append(": ").append(f.getValue()).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads messages until the one answering {@code actionId}; keys lower-cased. */
  private static Map<String, String> responseTo(BufferedReader in, String actionId) throws IOException {
    for (int messages = 0; messages < 1000; messages++) {
      var message = new LinkedHashMap<String, String>();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          message.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
      }
      if (line == null) {
        throw new IOException("the manager closed the connection");
      }
      if (message.containsKey("response") && actionId.equals(message.getOrDefault("actionid", actionId))) {
        return message;
      }
    }
    throw new IOException("no response to action " + actionId);
  }
}
