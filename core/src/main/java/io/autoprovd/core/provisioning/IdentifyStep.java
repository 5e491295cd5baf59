package io.autoprovd.core.provisioning;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.device.Mac;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.PluginCatalog;
import io.autoprovd.core.plugin.PluginPack;
import java.util.regex.Pattern;

/**
 * Extract: what the request says about its sender. Every installed pack's rules are asked (each
 * matching rule of a pack fills what earlier ones left open); the packs' answers are merged field
 * by field, a pack that found a MAC first. Then the standard rules: a MAC as the file name ({@code 001565123456.cfg}, {@code
 * SEP001565123456.cnf.xml}) when no pack found one, and always the request's own address as ip.
 * A DHCP lease report is read by the packs' {@code dhcp_vendor_class} rules, and its MAC and
 * address override what any rule found (identification.md §3: the standard extractor runs last).
 */
public final class IdentifyStep implements Step {
  /**
   * A MAC as the file's base name, after one of the usual vendor prefixes. An all-zero OUI is not
   * a MAC: Polycom's {@code 000000000000.cfg} and Yealink's {@code y000000000028.cfg} are common files.
   */
  private static final Pattern MAC_IN_NAME = Pattern.compile(
      "(?:^|/)(?:SEP|cfg|ATA|config\\.)?(?!000000)([0-9a-fA-F]{12})(?:[.\\-_][^/]*)?$");

  /** Remembered answers are dropped all at once past this many (one per phone and file, typically). */
  static final int MAX_REMEMBERED = 65_536;
  /** Longer inputs are identified every time rather than remembered. */
  private static final int MAX_REMEMBERED_INPUT = 512;

  private final PluginCatalog catalog;
  private volatile Remembered remembered = new Remembered(null);

  public IdentifyStep(PluginCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * What the packs' rules said of one User-Agent and path, for the catalog they were asked in:
   * a phone asks for the same files with the same User-Agent again and again, and every pack's
   * regexes cost more than a look-up (11 bundled packs, some 60 rules).
   */
  private record Remembered(Object generation, java.util.concurrent.ConcurrentHashMap<Key, DeviceInfo> infos) {
    Remembered(Object generation) {
      this(generation, new java.util.concurrent.ConcurrentHashMap<>());
    }
  }

  private record Key(boolean tftp, String userAgent, String path) {}

  @Override
  public Delivery handle(Exchange exchange, Chain chain) {
    return chain.proceed(exchange.withInfo(identify(exchange.request(), exchange.path())));
  }

  /** Visible for the DHCP glue and tests: the same rules for a request that is not a fetch. */
  public DeviceInfo identify(ProvisioningRequest request, String path) {
    String userAgent = request.userAgent().orElse(null);
    boolean tftp = request.transport() == Transport.TFTP;
    if (request.transport() == Transport.DHCP || length(userAgent) + length(path) > MAX_REMEMBERED_INPUT) {
      return byRules(request, path, userAgent, tftp);
    }
    Remembered current = remembered;
    Object generation = catalog.generation();
    if (current.generation() != generation) {
      current = new Remembered(generation);
      remembered = current;
    }
    var key = new Key(tftp, userAgent, path);
    DeviceInfo info = current.infos().get(key);
    if (info == null) {
      info = byRules(request, path, userAgent, tftp).withIp(null);
      if (current.infos().size() >= MAX_REMEMBERED) {
        current.infos().clear();
      }
      current.infos().put(key, info);
    }
    return info.withIp(request.peerIp());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private DeviceInfo byRules(ProvisioningRequest request, String path, String userAgent, boolean tftp) {
    boolean dhcp = request.transport() == Transport.DHCP;
    DeviceInfo best = DeviceInfo.EMPTY;
    for (PluginPack pack : catalog.all()) {
      // Every rule of the pack that matches adds what the earlier ones left open: a softphone's
      // path names its UUID, its User-Agent its version.
      DeviceInfo fromPack = null;
      for (IdentifyRule rule : pack.rules()) {
        if (rule.withoutUserAgent() && userAgent != null) {
          continue;
        }
        String input = switch (rule.source()) {
          case USER_AGENT -> userAgent;
          case PATH -> path;
          case TFTP -> tftp ? path : null;
          case DHCP_VENDOR_CLASS -> dhcp ? request.header(ProvisioningRequest.DHCP_VENDOR_CLASS).orElse(null) : null;
        };
        var found = rule.apply(input, pack.vendor());
        if (found.isPresent()) {
          fromPack = fromPack == null ? found.get() : fromPack.orElse(found.get());
        }
      }
      if (fromPack != null) {
        best = best.mac() == null && fromPack.mac() != null ? fromPack.orElse(best) : best.orElse(fromPack);
      }
    }
    if (best.mac() == null && path != null) {
      var m = MAC_IN_NAME.matcher(path);
      if (m.find()) {
        best = best.withMac(Mac.tryParse(m.group(1)).orElse(null));
      }
    }
    if (dhcp) {
      var leased = request.header(ProvisioningRequest.DHCP_MAC).flatMap(Mac::tryParse);
      if (leased.isPresent()) {
        best = best.withMac(leased.get());
      }
    }
    return best.withIp(request.peerIp());
  }
}
