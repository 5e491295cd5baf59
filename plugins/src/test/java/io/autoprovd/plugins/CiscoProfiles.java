package io.autoprovd.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import io.autoprovd.core.plugin.IdentifyRule;
import io.autoprovd.core.plugin.PluginPack;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Test helpers for Cisco flat profiles ({@code <flat-profile>} with one element per parameter):
 * parsing with the JDK's DOM parser (Cisco publishes no XSD for flat profiles, so well-formedness
 * is what can be checked), reading parameters, and running a pack's identification rules as the
 * server's IdentifyStep does for one pack.
 */
final class CiscoProfiles {
  private CiscoProfiles() {}

  /** Parses a rendered profile (failing the test when it is not well-formed XML). */
  static Document parse(String xml) {
    return GoldenFiles.parseXml(xml);
  }

  /** A {@code <flat-profile>}'s parameters in document order (a repeated name: the last one, as the phone). */
  static Map<String, String> params(String xml) {
    Document doc = parse(xml);
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("flat-profile");
    var params = new LinkedHashMap<String, String>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        assertThat(e.getElementsByTagName("*").getLength()).as("%s is a flat parameter", e.getTagName()).isZero();
        params.put(e.getTagName(), e.getTextContent());
      }
    }
    return params;
  }

  /**
   * What one pack's rules say about a request, as the server's IdentifyStep asks them: the first
   * matching rule wins; {@code tftp} rules only see TFTP names, {@code dhcp_vendor_class} rules only
   * DHCP lease reports, rules marked {@code without_user_agent} only requests without one.
   */
  static Optional<DeviceInfo> identify(PluginPack pack, String userAgent, String path, boolean tftp, String vendorClass) {
    for (IdentifyRule rule : pack.rules()) {
      if (rule.withoutUserAgent() && userAgent != null) {
        continue;
      }
      String input = switch (rule.source()) {
        case USER_AGENT -> userAgent;
        case PATH -> path;
        case TFTP -> tftp ? path : null;
        case DHCP_VENDOR_CLASS -> vendorClass;
      };
      var found = rule.apply(input, pack.vendor());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  static Optional<DeviceInfo> byUserAgent(PluginPack pack, String userAgent, String path) {
    return identify(pack, userAgent, path, false, null);
  }

  static Optional<DeviceInfo> byTftp(PluginPack pack, String name) {
    return identify(pack, null, name, true, null);
  }

  static Optional<DeviceInfo> byDhcp(PluginPack pack, String vendorClass) {
    return identify(pack, null, null, false, vendorClass);
  }
}
