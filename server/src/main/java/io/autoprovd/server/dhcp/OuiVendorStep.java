package io.autoprovd.server.dhcp;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import io.autoprovd.core.provisioning.Delivery;
import io.autoprovd.core.provisioning.Exchange;
import io.autoprovd.core.provisioning.Step;
import java.util.Locale;
import java.util.Optional;

/**
 * Lease reports only, between Identify and Resolve: a lease whose vendor class no pack recognised
 * is named by its MAC prefix, as the DHCP server itself recognised the phone (reference dhcp.md §3:
 * Yealink, Fanvil, Grandstream, Polycom… are matched by OUI only). Kea's run_script hook reports no
 * vendor class at all, so without this a Kea site would learn no phone from its leases.
 *
 * <p>The vendor is set only when an installed pack serves it, so that, as for phone requests, a
 * device is created only for a vendor some pack recognises.
 */
public final class OuiVendorStep implements Step {
  private final PluginCatalog catalog;

  public OuiVendorStep(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    DeviceInfo info = exchange.info();
    if (info.vendor() != null || info.mac() == null) {
      return chain.proceed(exchange);
    }
    return chain.proceed(VendorTable.byOui(info.mac())
        .flatMap(profile -> packVendor(profile.vendor()))
        .map(vendor -> exchange.withInfo(
            new DeviceInfo(info.mac(), info.sn(), info.uuid(), vendor, info.model(), info.version(), info.ip())))
        .orElse(exchange));
  }

  private Optional<String> packVendor(String vendor) {
    String wanted = vendor.toLowerCase(Locale.ROOT);
    return catalog.all().stream().map(PluginPack::vendor)
        .filter(v -> v != null && v.toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }
}
