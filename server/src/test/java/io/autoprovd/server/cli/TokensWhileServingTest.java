package io.autoprovd.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.document.Documents;
import io.autoprovd.server.auth.AdminToken;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's tokens and a running server share one data directory. */
class TokensWhileServingTest {
  @TempDir Path dataDir;

  @Test
  void aTokenCreatedWhileTheServerRuns_isAcceptedByIt_andTheAdminTokenIsListed() throws Exception {
    try (var server = CliServer.start(dataDir)) {
      // given: the admin token of the first start
      String admin = AdminToken.read(AdminToken.file(dataDir));

      // when
      var created = Cli.run(Map.of(), "tokens", "create", "--name", "ops", "--json", "--data-dir", dataDir.toString());
      String token = (String) Documents.parseObject(created.out()).get("token");
      var listed = Cli.run(Map.of(), "devices", "list", "--url", server.url(), "--token", token);
      var tokens = Cli.run(Map.of(), "tokens", "list", "--data-dir", dataDir.toString());

      // then
      assertThat(created.code()).as(created.toString()).isZero();
      assertThat(listed.code()).as(listed.toString()).isZero();
      assertThat(tokens.out()).contains(" admin ").contains(" ops ").doesNotContain(admin);
    }
  }
}
