package io.autoprovd.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table: a header row in capitals, columns as wide as their widest cell, two spaces
 * apart, no trailing blanks. Absent values print as {@code -}; nested documents as compact JSON.
 */
final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("row: " + cells.length + " cells for " + headers.size() + " columns");
    }
    var row = new ArrayList<String>(cells.length);
    for (Object cell : cells) {
      row.add(cell(cell));
    }
    rows.add(row);
    return this;
  }

  static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return io.autoprovd.core.document.Documents.toJson(value);
    }
    // A cell is one line: a newline or tab in a value would break the columns.
    return value.toString().replaceAll("[\\t\\n\\r]", " ");
  }

  void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, headers, widths);
    rows.forEach(row -> line(out, row, widths));
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    var text = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      text.append(cells.get(i));
      if (i < cells.size() - 1) {
        text.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    out.println(text.toString().stripTrailing());
  }
}
