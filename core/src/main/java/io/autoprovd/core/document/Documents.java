package io.autoprovd.core.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON documents (raw configs, options, {@code X_*} keys) as plain Java values: {@code
 * Map<String, Object>}, {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and
 * {@code null}. Frozen documents are deeply unmodifiable, so records holding them stay immutable and
 * can be shared by thousands of request threads.
 */
public final class Documents {
  /**
   * Jackson's default buffer recycler is thread-local: with a new virtual thread per request every
   * parse would allocate fresh buffers. A shared pool keeps them.
   */
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build()).build();
  private static final Map<String, Object> EMPTY = Collections.unmodifiableMap(new LinkedHashMap<>());
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

  private Documents() {}

  /** A deeply unmodifiable copy that keeps key order and null values. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> freeze(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return EMPTY;
    }
    if (map instanceof Frozen) {
      return (Map<String, Object>) map;
    }
    var copy = new LinkedHashMap<String, Object>(Math.max(4, map.size() * 2));
    map.forEach((k, v) -> copy.put(k, freezeValue(v)));
    return new Frozen(copy);
  }

  /**
   * A map this class froze: unmodifiable all the way down, so freezing it again is free — records
   * holding documents are rebuilt on every phone request that changes a field.
   */
  private static final class Frozen extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> map;

    Frozen(LinkedHashMap<String, Object> map) {
      this.map = Collections.unmodifiableMap(map);
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  private static Object freezeValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      var copy = new LinkedHashMap<String, Object>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), freezeValue(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      var copy = new ArrayList<Object>(l.size());
      l.forEach(v -> copy.add(freezeValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** A deeply mutable copy, for code that builds a new document from an old one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mutableCopy(Map<String, ?> map) {
    return map == null ? new LinkedHashMap<>() : (Map<String, Object>) deepCopy(map);
  }

  /** A deeply mutable copy of any document value (maps and lists are copied, leaves shared). */
  public static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      var copy = new LinkedHashMap<String, Object>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      var copy = new ArrayList<Object>(l.size());
      l.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }

  public static String toJson(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON object; throws {@link IllegalArgumentException} when the text is not one. */
  public static Map<String, Object> parseObject(String json) {
    if ("{}".equals(json)) {
      return EMPTY;
    }
    try {
      return freeze(JSON.readValue(json, OBJECT));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  public static ObjectMapper mapper() {
    return JSON;
  }
}
