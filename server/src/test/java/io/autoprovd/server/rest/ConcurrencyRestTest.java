package io.autoprovd.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 clients replacing the same device and the same config at once: every PUT either lands
 * whole (204, one revision) or says it did not (409); none is lost in silence, and the stored
 * document is exactly one writer's.
 */
class ConcurrencyRestTest {
  private static final int CLIENTS = 16;
  private static final int ROUNDS = 8;

  @TempDir Path dataDir;
  RestFixture f;

  @BeforeEach
  void start() {
    f = RestFixture.start(dataDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void sixteenClientsReplacingOneDevice_leaveOneWritersDocument_andARevisionPerSuccess() throws Exception {
    f.api.post("/0.2/dev_mgr/devices", Map.of("device", Map.of("id", "d", "mac", "00:15:65:00:00:01"))).send();
    long before = f.store.devices().findById("d").orElseThrow().revision();

    int successes = race(i -> Map.of("device", Map.of("mac", "00:15:65:00:00:01", "description", "writer " + i,
        "X_writer", i, "options", Map.of("writer", i))), "/0.2/dev_mgr/devices/d");

    var stored = f.store.devices().findById("d").orElseThrow();
    assertThat(stored.revision()).isEqualTo(before + successes);
    int writer = ((Number) stored.extra().get("X_writer")).intValue();
    assertThat(stored.description()).isEqualTo("writer " + writer);
    assertThat(stored.options()).isEqualTo(Map.of("writer", writer));
  }

  @Test
  void sixteenClientsReplacingOneConfig_leaveOneWritersDocument_andARevisionPerSuccess() throws Exception {
    f.api.post("/0.2/cfg_mgr/configs", ConfigsRestTest.config("c", List.of("base"), Map.of())).send();
    long before = f.store.configs().findById("c").orElseThrow().revision();

    int successes = race(i -> Map.of("config", Map.of("parent_ids", List.of("base"),
        "raw_config", Map.of("X_writer", i), "X_writer", i)), "/0.2/cfg_mgr/configs/c");

    var stored = f.store.configs().findById("c").orElseThrow();
    assertThat(stored.revision()).isEqualTo(before + successes);
    assertThat(stored.rawConfig().get("X_writer")).isEqualTo(stored.extra().get("X_writer"));
  }

  /** Each client PUTs its own document ROUNDS times; returns how many PUTs answered 204. */
  private int race(IntFunction<Map<String, Object>> document, String path) throws Exception {
    var ok = new AtomicInteger();
    var start = new CountDownLatch(1);
    var results = new ArrayList<Future<?>>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        var api = new ApiClient(f.server.port());
        results.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < ROUNDS; round++) {
            var reply = api.put(path, document.apply(client * 100 + round)).send();
            assertThat(reply.status()).as(reply.body()).isIn(204, 409);
            if (reply.status() == 204) {
              ok.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (var r : results) {
        r.get();
      }
    }
    assertThat(ok.get()).isPositive();
    return ok.get();
  }
}
