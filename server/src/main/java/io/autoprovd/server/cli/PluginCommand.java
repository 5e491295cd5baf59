package io.autoprovd.server.cli;

import io.autoprovd.core.plugin.FeatureMatrix;
import io.autoprovd.core.plugin.ModelSpec;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.plugin.PluginPackException;
import io.autoprovd.server.plugin.PackLinter;
import io.autoprovd.server.plugin.PackScaffold;
import io.autoprovd.server.plugin.RepositoryBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autoprovd plugin}: the toolkit for pack authors (new, check, matrix, build) and the
 * discovery log of phones no pack supports yet. Exit codes: 0 done, 1 the check or the build
 * failed, 2 bad usage.
 */
@Command(name = "plugin", mixinStandardHelpOptions = true,
    description = "Write, check and publish plugin packs; see what unsupported phones ask for.",
    subcommands = {PluginCommand.New.class, PluginCommand.Check.class, PluginCommand.Matrix.class,
        PluginCommand.Build.class, PluginCommand.Discovered.class})
public final class PluginCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "new", mixinStandardHelpOptions = true,
      description = "Scaffold a pack for a vendor and model(s): plugin.yml, templates, golden-test skeleton.")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--vendor", required = true, description = "Vendor name as phones identify it (e.g. Acme).")
    String vendor;

    @Option(names = "--model", required = true, description = "A model name (repeat for several).")
    List<String> models;

    @Parameters(paramLabel = "DIR", description = "Folder to create the pack in.")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        String id = PackScaffold.create(vendor, models, dir);
        out.println("created pack " + id + " in " + dir + " (" + String.join(", ", models) + ")");
        out.println("next: autoprovd plugin check " + dir + "   (README.md in the pack says what to fill in)");
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("plugin new: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Lint a pack: schema, regexes, every template rendered for sample configs, XML "
          + "well-formed, sensitive files declared, feature matrix filled, golden files.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--update-golden", description = "Write tests/golden/ from the current templates instead of comparing.")
    boolean updateGolden;

    @Parameters(paramLabel = "DIR", description = "The pack folder.")
    Path dir;

    @Override
    public Integer call() {
      var report = updateGolden ? PackLinter.updateGolden(dir) : PackLinter.check(dir);
      PrintWriter out = spec.commandLine().getOut();
      report.notes().forEach(n -> out.println("  " + n));
      if (report.ok()) {
        out.println("OK " + dir);
        return 0;
      }
      var err = spec.commandLine().getErr();
      report.problems().forEach(p -> err.println("problem: " + p));
      err.println(report.problems().size() + " problem(s) in " + dir);
      return 1;
    }
  }

  @Command(name = "matrix", mixinStandardHelpOptions = true,
      description = "Print the feature matrix as the guide's Markdown table: one model, or several side by side.")
  static final class Matrix implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", description = "Only these models (repeat); default: every model of the packs.")
    List<String> models = new ArrayList<>();

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Pack folder(s).")
    List<Path> dirs;

    @Override
    public Integer call() {
      var columns = new ArrayList<FeatureMatrix.Column>();
      var packs = new ArrayList<PluginPack>();
      try {
        for (Path dir : dirs) {
          packs.add(PluginPack.load(dir));
        }
      } catch (PluginPackException e) {
        spec.commandLine().getErr().println("plugin matrix: " + e.getMessage());
        return 1;
      }
      boolean qualify = packs.stream().map(PluginPack::vendor).distinct().count() > 1;
      for (PluginPack pack : packs) {
        for (ModelSpec model : pack.models().values().stream()
            .sorted(java.util.Comparator.comparing(ModelSpec::name)).toList()) {
          if (models.isEmpty() || models.contains(model.name())) {
            columns.add(FeatureMatrix.Column.of(qualify ? pack.vendor() + " " + model.name() : model.name(), model));
          }
        }
      }
      var missing = models.stream().filter(m -> packs.stream().noneMatch(p -> p.model(m).isPresent())).toList();
      if (!missing.isEmpty()) {
        spec.commandLine().getErr().println("plugin matrix: no such model: " + String.join(", ", missing));
        return 2;
      }
      spec.commandLine().getOut().print(FeatureMatrix.markdown(columns));
      return 0;
    }
  }

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Pack folders into .tar.gz archives and index.json in a repository folder (a plugin_server).")
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "REPO_DIR", description = "Repository folder to write.")
    Path out;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Pack folder(s).")
    List<Path> dirs;

    @Override
    public Integer call() {
      try {
        for (var p : RepositoryBuilder.build(dirs, out)) {
          spec.commandLine().getOut().println(p.id() + " " + p.version() + " -> " + p.archive().getFileName() + " ("
              + p.size() + " bytes, sha256 " + p.sha256() + ")");
        }
        return 0;
      } catch (PluginPackException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("plugin build: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "discovered", mixinStandardHelpOptions = true,
      description = "What phones no installed plugin claims asked for, grouped by device (the discovery log).")
  static final class Discovered extends ApiCommand {
    @Option(names = "--clear", description = "Empty the log afterwards.")
    boolean clear;

    @Override
    @SuppressWarnings("unchecked")
    int run(RestClient client) {
      var document = client.get("/0.2/pg_mgr/discovery").document();
      if (json()) {
        printJson(document);
      } else {
        print((List<Map<String, Object>>) document.get("devices"));
      }
      if (clear) {
        client.delete("/0.2/pg_mgr/discovery");
      }
      return ExitCode.OK;
    }

    @SuppressWarnings("unchecked")
    private void print(List<Map<String, Object>> devices) {
      PrintWriter out = out();
      if (devices.isEmpty()) {
        out.println("no unclaimed phone seen");
      }
      for (Map<String, Object> d : devices) {
        out.println(d.get("key") + "  (" + d.get("count") + " requests, " + d.get("first_seen") + " .. "
            + d.get("last_seen") + ")");
        out.println("  addresses:      " + String.join(", ", (List<String>) d.get("ips")));
        out.println("  user agents:    " + String.join(" | ", (List<String>) d.get("user_agents")));
        out.println("  vendor classes: " + String.join(" | ", (List<String>) d.get("vendor_classes")));
        for (Map<String, Object> r : (List<Map<String, Object>>) d.get("requests")) {
          out.println("    " + r.get("time") + "  " + r.get("transport") + "  "
              + (r.get("path") == null ? "(DHCP lease, vendor class " + r.get("vendor_class") + ")" : r.get("path")));
        }
      }
    }
  }
}
