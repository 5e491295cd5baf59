package io.autoprovd.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.autoprovd.core.document.Documents;
import io.autoprovd.store.StoreException;
import java.util.List;
import java.util.Map;

/** JSON text columns. Text, not JSONB: it keeps key order, which templates and diffs rely on. */
final class Json {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private Json() {}

  static String write(Object document) {
    return Documents.toJson(document);
  }

  static Map<String, Object> readObject(String column, String json) {
    try {
      return Documents.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new StoreException("column " + column + " holds no JSON object: " + e.getMessage(), e);
    }
  }

  static List<String> readStrings(String column, String json) {
    try {
      return List.copyOf(Documents.mapper().readValue(json, STRINGS));
    } catch (JsonProcessingException | NullPointerException e) {
      throw new StoreException("column " + column + " holds no JSON array of strings: " + e.getMessage(), e);
    }
  }
}
