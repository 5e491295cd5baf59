package io.autoprovd.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.autoprovd.core.document.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a device or config document is written on the command line: a whole document with {@code
 * --data} (JSON text) or {@code --data-file} (a file, or {@code -} for standard input; not
 * {@code @file}, which picocli expands into arguments), then single values by
 * dotted path: {@code --set raw_config.sip_lines.1.username=1001} (a string), {@code --set-json
 * options.switchboard=true} (any JSON value), {@code --unset description}. Applied in that order.
 * JSON that does not parse is refused before anything is sent (exit 4).
 */
final class DocumentEdits {
  @Option(names = "--data", paramLabel = "JSON",
      description = "A JSON object: the whole document for add, the keys to replace for edit.")
  String data;

  @Option(names = "--data-file", paramLabel = "FILE", description = "As --data, read from FILE (- for standard input).")
  Path dataFile;

  @Option(names = "--set", paramLabel = "PATH=TEXT", description = "Set a value (a string) by dotted path; repeatable.")
  List<String> set = new ArrayList<>();

  @Option(names = "--set-json", paramLabel = "PATH=JSON",
      description = "Set a JSON value (number, true, null, object…) by dotted path; repeatable.")
  List<String> setJson = new ArrayList<>();

  @Option(names = "--unset", paramLabel = "PATH", description = "Remove a key by dotted path; repeatable.")
  List<String> unset = new ArrayList<>();

  boolean isEmpty() {
    return data == null && dataFile == null && set.isEmpty() && setJson.isEmpty() && unset.isEmpty();
  }

  /** {@code --data} or {@code --data-file} as an object, or an empty one. */
  Map<String, Object> data(InputStream stdin) {
    if (data != null && dataFile != null) {
      throw new CliFailure(ExitCode.USAGE, "--data and --data-file: give one of them");
    }
    String text;
    String origin;
    if (data != null) {
      text = data;
      origin = "--data";
    } else if (dataFile == null) {
      return new LinkedHashMap<>();
    } else {
      try {
        boolean stdinWanted = dataFile.toString().equals("-");
        text = stdinWanted ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(dataFile, StandardCharsets.UTF_8);
        origin = stdinWanted ? "standard input" : dataFile.toString();
      } catch (IOException e) {
        throw new CliFailure(ExitCode.USAGE, "--data-file: cannot read " + dataFile + ": " + e.getMessage());
      }
    }
    try {
      return Documents.mutableCopy(Documents.parseObject(text));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.REJECTED, origin + ": " + e.getMessage());
    }
  }

  /** Applies {@code --set}, {@code --set-json} and {@code --unset} to {@code document}, in place. */
  void applyPaths(Map<String, Object> document) {
    for (String assignment : set) {
      var pair = split("--set", assignment);
      put(document, pair[0], pair[1]);
    }
    for (String assignment : setJson) {
      var pair = split("--set-json", assignment);
      Object value;
      try {
        value = Documents.mapper().readValue(pair[1], Object.class);
      } catch (JsonProcessingException e) {
        throw new CliFailure(ExitCode.REJECTED, "--set-json " + pair[0] + ": not JSON: " + e.getOriginalMessage());
      }
      put(document, pair[0], value);
    }
    for (String path : unset) {
      remove(document, path);
    }
  }

  private static String[] split(String option, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new CliFailure(ExitCode.USAGE, option + ": expected PATH=VALUE, got " + assignment);
    }
    return new String[] {assignment.substring(0, eq), assignment.substring(eq + 1)};
  }

  /** Sets a value by dotted path, making the objects on the way. */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> document, String path, Object value) {
    String[] keys = keys(path);
    Map<String, Object> at = document;
    for (int i = 0; i < keys.length - 1; i++) {
      Object next = at.get(keys[i]);
      if (next == null) {
        next = new LinkedHashMap<String, Object>();
        at.put(keys[i], next);
      } else if (!(next instanceof Map<?, ?>)) {
        throw new CliFailure(ExitCode.USAGE, path + ": " + String.join(".", List.of(keys).subList(0, i + 1))
            + " is not an object");
      }
      at = (Map<String, Object>) next;
    }
    at.put(keys[keys.length - 1], value);
  }

  @SuppressWarnings("unchecked")
  static void remove(Map<String, Object> document, String path) {
    String[] keys = keys(path);
    Map<String, Object> at = document;
    for (int i = 0; i < keys.length - 1; i++) {
      if (!(at.get(keys[i]) instanceof Map<?, ?> next)) {
        return;
      }
      at = (Map<String, Object>) next;
    }
    at.remove(keys[keys.length - 1]);
  }

  private static String[] keys(String path) {
    String[] keys = path.split("\\.", -1);
    for (String key : keys) {
      if (key.isEmpty()) {
        throw new CliFailure(ExitCode.USAGE, "not a dotted path: " + path);
      }
    }
    return keys;
  }
}
