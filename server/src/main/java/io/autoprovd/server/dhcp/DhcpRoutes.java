package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.Device;
import io.autoprovd.core.device.DeviceStore;
import io.autoprovd.server.rest.RestContext;
import io.autoprovd.server.rest.RestError;
import io.autoprovd.server.rest.RestServer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP endpoints, registered beside the core REST routes (docs/dhcp.md):
 *
 * <pre>
 *   POST /0.2/dev_mgr/dhcpinfo   a lease report from the site's DHCP server hook → 204, or 400 naming every problem
 *                                 (wazo-provd's endpoint; ACL provd.dev_mgr.dhcpinfo.create)
 *   GET  /0.2/dhcp/config        the DHCP configuration for isc or kea → 200 text, or 400
 *                                 (an autoprovd extension; ACL provd.dhcp.config.read)
 * </pre>
 *
 * The REST listener authenticates these routes like its own, with the ACL it derives from the
 * path and method, and answers a client's mistake ({@link RestError}) as JSON naming every
 * problem, with one log line. A report is processed before the answer, which still comes within milliseconds:
 * wazo-provd answers 204 first and works in the background, but then a failure is never seen by
 * anyone, and the hook does not wait for the answer anyway.
 */
public final class DhcpRoutes implements RestServer.Routes {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpRoutes.class);
  static final String DHCPINFO = "/0.2/dev_mgr/dhcpinfo";
  static final String CONFIG = "/0.2/dhcp/config";

  private final LeaseIngestion ingestion;
  private final Supplier<DhcpTargets> targets;
  private final DeviceStore devices;
  private final AtomicLong ids = new AtomicLong();

  /** @param targets read per request: the advertised URL is known only once HTTP is bound */
  public DhcpRoutes(LeaseIngestion ingestion, Supplier<DhcpTargets> targets, DeviceStore devices) {
    this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.devices = Objects.requireNonNull(devices, "devices");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(DHCPINFO, this::report);
    routes.get(CONFIG, this::config);
  }

  private void report(Context ctx) {
    // 415, 413 and 400 for the body itself come from RestContext, as for every other route.
    Map<String, Object> info = RestContext.of(ctx).envelope("dhcp_info");
    switch (DhcpInfo.parse(info)) {
      case DhcpInfo.Parsed.Invalid invalid -> throw RestError.invalid(invalid.problems());
      case DhcpInfo.Parsed.Valid valid -> {
        String id = "dhcp-" + ids.incrementAndGet();
        var outcome = ingestion.ingest(valid.report(), id);
        LOG.info("{} {}: {}", id, describe(valid.report()), describe(outcome));
        ctx.status(204);
      }
    }
  }

  private void config(Context ctx) {
    switch (DhcpConfigRequest.parse(ctx.queryParamMap())) {
      case DhcpConfigRequest.Parsed.Invalid invalid -> throw RestError.invalid(invalid.problems());
      case DhcpConfigRequest.Parsed.Valid valid -> {
        var request = valid.request();
        String knownVendor = request.device() == null ? null
            : devices.findByMac(request.device()).map(Device::vendor).orElse(null);
        String text = DhcpConfigGenerator.generate(request, targets.get(), knownVendor);
        ctx.status(200).contentType(switch (request.format()) {
          case ISC -> "text/plain; charset=utf-8";
          case KEA -> "application/json";
        }).result(text);
      }
    }
  }

  private static String describe(LeaseReport report) {
    return switch (report) {
      case LeaseReport.Commit c -> "commit " + c.ip() + " " + c.mac()
          + (c.vendorClass() == null ? "" : " '" + printable(c.vendorClass()) + "'");
      case LeaseReport.Release r -> "release " + r.ip() + (r.mac() == null ? "" : " " + r.mac());
      case LeaseReport.Expiry e -> "expiry " + e.ip() + (e.mac() == null ? "" : " " + e.mac());
    };
  }

  private static String describe(LeaseIngestion.Outcome outcome) {
    return switch (outcome) {
      case LeaseIngestion.Outcome.Known k -> (k.created() ? "created device " : "device ") + k.device().id()
          + (k.device().plugin() == null ? "" : " (" + k.device().plugin() + ")");
      case LeaseIngestion.Outcome.Unclaimed u -> "no device for " + u.mac() + " (no installed pack recognises it, or auto-creation is off)";
      case LeaseIngestion.Outcome.Cleared c -> "address cleared on device " + c.device().id();
      case LeaseIngestion.Outcome.Recorded r -> "recorded; " + r.why();
    };
  }

  private static String printable(String text) {
    return text.chars().map(c -> c < 0x20 || c >= 0x7f ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
