package io.autoprovd.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dotted paths into JSON documents, as wazo-provd walks them: each segment looks a key up in an
 * object, and in every object element of a list met on the way.
 */
public final class DocumentPaths {
  private DocumentPaths() {}

  /** Every value the path reaches; empty when it reaches none (a present null is a value). */
  public static List<Object> valuesAt(Map<String, ?> document, String path) {
    List<Object> current = new ArrayList<>(1);
    current.add(document);
    for (String segment : path.split("\\.", -1)) {
      var next = new ArrayList<Object>();
      for (Object value : current) {
        step(value, segment, next, true);
      }
      if (next.isEmpty()) {
        return next;
      }
      current = next;
    }
    return current;
  }

  private static void step(Object value, String segment, List<Object> out, boolean intoLists) {
    if (value instanceof Map<?, ?> map) {
      if (map.containsKey(segment)) {
        out.add(map.get(segment));
      }
    } else if (intoLists && value instanceof List<?> list) {
      for (Object element : list) {
        step(element, segment, out, false);
      }
    }
  }

  /** The first value at the path, or null (missing and null sort alike). */
  public static Object firstAt(Map<String, ?> document, String path) {
    var values = valuesAt(document, path);
    return values.isEmpty() ? null : values.getFirst();
  }
}
