package io.autoprovd.server.cli;

import io.autoprovd.core.document.Documents;
import io.autoprovd.core.tenant.Tenant;
import io.autoprovd.core.token.ApiToken;
import io.autoprovd.server.auth.NewToken;
import io.autoprovd.server.auth.TokenIssuer;
import io.autoprovd.server.settings.ServerSettings;
import io.autoprovd.server.settings.SettingsException;
import io.autoprovd.server.settings.SettingsLoader;
import io.autoprovd.store.Store;
import io.autoprovd.store.StoreException;
import io.autoprovd.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autoprovd tokens …}: API tokens, straight on the data directory's database (SQLite, or the
 * PostgreSQL of {@code database.url}): no server needs to run, so an administrator can bootstrap.
 * The same settings as {@code serve} say where the database is.
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens (on the database itself: no server needed).",
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand extends GroupCommand {

  /** Where the database is, as for {@code serve}. */
  static final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE",
        description = "Settings file (default: <data-dir>/autoprovd.yml, then ./autoprovd.yml).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ./data; env AUTOPROVD_DATA_DIR).")
    String dataDir;

    @Option(names = "--json", description = "Print JSON instead of text (for scripts).")
    boolean json;
  }

  /** Opens the store, runs, closes; settings problems exit 2, an unreachable database 1. */
  abstract static class StoreCommand implements Callable<Integer> {
    @Mixin StoreOptions options;
    @Spec CommandSpec spec;

    abstract int run(Store store);

    @Override
    public final Integer call() {
      var flags = new LinkedHashMap<String, String>();
      if (options.dataDir != null) {
        flags.put("data_dir", options.dataDir);
      }
      ServerSettings settings;
      try {
        settings = new SettingsLoader(AutoprovdCommand.environment(spec)).load(options.config, flags);
      } catch (SettingsException e) {
        err().println("autoprovd: " + e.getMessage());
        return ExitCode.USAGE;
      }
      try (Store store = Store.open(storeSettings(settings))) {
        return run(store);
      } catch (CliFailure failure) {
        err().println("autoprovd: " + failure.getMessage());
        return failure.exitCode();
      } catch (StoreException e) {
        err().println("autoprovd: " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }

    // As serve opens it: SQLite in the data directory unless database.url names a PostgreSQL.
    private static StoreSettings storeSettings(ServerSettings settings) {
      var db = settings.database();
      return db.embedded() ? StoreSettings.sqlite(settings.dataDir().toAbsolutePath())
          : StoreSettings.postgresql(db.url(), db.username(), db.password());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    void printJson(Object document) {
      try {
        out().println(Documents.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("a document of strings always prints", e);
      }
    }
  }

  /** What is shown of a token: never its hash, which the store alone needs. */
  static Map<String, Object> describe(ApiToken token) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", token.id());
    view.put("name", token.name());
    view.put("description", token.description());
    view.put("tenant_uuid", token.tenantUuid());
    view.put("acls", token.acls());
    view.put("created_at", token.createdAt().toString());
    view.put("expires_at", token.expiresAt() == null ? null : token.expiresAt().toString());
    return view;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 365d}: the settings' duration forms. */
  static Duration duration(String option, String text) {
    var m = DURATION.matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new CliFailure(ExitCode.USAGE, option + ": a positive duration such as 90s, 30m, 12h, 365d; got " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  @Command(name = "create", description = {
      "Create a token and print it once: only its hash is stored, it cannot be shown again.",
      "Text output: the token alone on standard output (TOKEN=$(autoprovd tokens create …)), the rest on "
          + "standard error."})
  static final class Create extends StoreCommand {
    @Option(names = "--name", defaultValue = "cli", description = "A short name, shown in lists and logs (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--description", description = "Free text: who uses it, what for.")
    String description;

    @Option(names = "--acl", paramLabel = "ACL",
        description = "What it may do, as wazo-auth ACLs (* one segment, # the rest, !acl denies); repeatable "
            + "(default: provd.#, everything).")
    List<String> acls = new ArrayList<>();

    @Option(names = "--tenant", paramLabel = "UUID", description = "Its tenant (default: the master tenant).")
    String tenant = Tenant.MASTER_UUID;

    @Option(names = "--create-tenant",
        description = "Create --tenant (a sub-tenant of --parent-tenant) if it does not exist.")
    boolean createTenant;

    @Option(names = "--parent-tenant", paramLabel = "UUID", description = "Parent of a tenant made by --create-tenant "
        + "(default: the master tenant).")
    String parentTenant = Tenant.MASTER_UUID;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Stops working after 90s, 30m, 12h, 365d… "
        + "(default: never).")
    String expiresIn;

    @Override
    int run(Store store) {
      Duration lifetime = expiresIn == null ? null : duration("--expires-in", expiresIn);
      if (createTenant && store.tenants().findById(tenant).isEmpty()) {
        if (store.tenants().findById(parentTenant).isEmpty()) {
          throw new CliFailure(ExitCode.REJECTED, "--parent-tenant: tenant " + parentTenant + " does not exist");
        }
        store.tenants().insert(new Tenant(tenant, null, parentTenant));
      }
      var request = new NewToken(tenant, acls.isEmpty() ? List.of("provd.#") : acls, name, description, lifetime);
      return switch (new TokenIssuer(store.tokens(), InstantSource.system()).issue(request)) {
        case TokenIssuer.Issue.Refused refused -> throw new CliFailure(ExitCode.REJECTED, refused.why()
            + (refused.why().startsWith("tenant ") ? " (add --create-tenant to create it)" : ""));
        case TokenIssuer.Issue.Issued issued -> {
          if (options.json) {
            var view = describe(issued.token());
            view.put("token", issued.secret());
            printJson(view);
          } else {
            out().println(issued.secret());
            ApiToken t = issued.token();
            err().println("token " + t.id() + " (" + t.name() + ") created for tenant " + t.tenantUuid() + ", ACLs "
                + String.join(" ", t.acls()) + ", " + (t.expiresAt() == null ? "never expires" : "expires " + t.expiresAt())
                + ".\nKeep it now: only its hash is stored, it cannot be shown again. "
                + "Use it as X-Auth-Token, --token or AUTOPROVD_TOKEN.");
          }
          yield ExitCode.OK;
        }
      };
    }
  }

  @Command(name = "list", description = "List tokens (never the tokens themselves: they are not stored).")
  static final class ListTokens extends StoreCommand {
    @Override
    int run(Store store) {
      List<ApiToken> tokens = store.tokens().list();
      if (options.json) {
        printJson(Map.of("tokens", tokens.stream().map(TokensCommand::describe).toList()));
        return ExitCode.OK;
      }
      var table = new Table("ID", "NAME", "TENANT", "ACLS", "EXPIRES", "CREATED", "DESCRIPTION");
      for (ApiToken t : tokens) {
        table.row(t.id(), t.name(), t.tenantUuid(), String.join(" ", t.acls()),
            t.expiresAt() == null ? "never" : t.expiresAt(), t.createdAt(), t.description());
      }
      table.print(out());
      return ExitCode.OK;
    }
  }

  @Command(name = "revoke", description = {"Revoke a token by its id.",
      "A running server stops accepting it within auth.cache_ttl (10 s by default)."})
  static final class Revoke extends StoreCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run(Store store) {
      var revoked = store.tokens().revoke(id)
          .orElseThrow(() -> new CliFailure(ExitCode.NOT_FOUND, "no token with id " + id + " (see: autoprovd tokens list)"));
      if (options.json) {
        printJson(describe(revoked));
      } else {
        out().println("token " + id + " (" + revoked.name() + ") revoked");
      }
      return ExitCode.OK;
    }
  }
}
