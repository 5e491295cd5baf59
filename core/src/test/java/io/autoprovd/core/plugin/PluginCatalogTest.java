package io.autoprovd.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoprovd.core.device.DeviceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** identification.md §6: the highest score of at least 300 wins; a tie goes to the greatest id. */
class PluginCatalogTest {

  static PluginPack pack(String id, String vendor, String... models) {
    var specs = new java.util.HashMap<String, ModelSpec>();
    for (String m : models) {
      specs.put(m, new ModelSpec(m, 1, 0, Map.of(), Map.of()));
    }
    return new PluginPack(id, "1.0.0", vendor, null, "check-sync", List.of(), specs, List.of(), Map.of(), Path.of("."));
  }

  static DeviceInfo info(String vendor, String model) {
    return new DeviceInfo(null, null, null, vendor, model, null, null);
  }

  @Test
  void theHighestScore_wins() {
    // given
    var catalog = new PluginCatalog(List.of(pack("yealink-a", "Yealink"), pack("yealink-b", "Yealink", "T46S")));

    // when / then
    assertThat(catalog.associate(info("Yealink", "T46S"))).map(PluginPack::id).contains("yealink-b");
  }

  @Test
  void aTie_goesToTheLexicographicallyGreatestId() {
    // given in both insertion orders
    var v86 = pack("wazo-yealink-v86", "Yealink", "T46S");
    var v87 = pack("wazo-yealink-v87", "Yealink", "T46S");
    var v100 = pack("wazo-yealink-v100", "Yealink", "T46S");

    // when / then
    assertThat(new PluginCatalog(List.of(v86, v87, v100)).associate(info("Yealink", "T46S")))
        .map(PluginPack::id).contains("wazo-yealink-v87");
    assertThat(new PluginCatalog(List.of(v100, v87, v86)).associate(info("Yealink", "T46S")))
        .map(PluginPack::id).contains("wazo-yealink-v87");
    assertThat(new PluginCatalog(List.of(v86, v87)).associate(info("Yealink", "T99")))
        .map(PluginPack::id).contains("wazo-yealink-v87");
  }

  @Test
  void aTie_goesFirstToThePackThatServesTheRequestedFile() {
    // given: Snom desk phones and Snom DECT bases, neither listing the model the phone names
    var desk = withFile(pack("snom", "Snom", "D785"), "snom(?<model>D\\d{3})\\.htm");
    var dect = withFile(pack("snom-dect", "Snom", "M900"), "snom(?<model>M\\d{3})\\.htm");
    var catalog = new PluginCatalog(List.of(desk, dect));

    // when / then
    assertThat(catalog.associate(info("Snom", "D120"), "snomD120.htm")).map(PluginPack::id).contains("snom");
    assertThat(catalog.associate(info("Snom", "M85"), "snomM085.htm")).map(PluginPack::id).contains("snom-dect");
    // no file, or a file neither serves: the greatest id, as before
    assertThat(catalog.associate(info("Snom", "D120"), null)).map(PluginPack::id).contains("snom-dect");
    assertThat(catalog.associate(info("Snom", "D120"), "other.cfg")).map(PluginPack::id).contains("snom-dect");
  }

  static PluginPack withFile(PluginPack p, String path) {
    var entry = new FileEntry(path, FileEntry.Scope.COMMON, "t.j2", null, false, false, FileEntry.compile(path));
    return new PluginPack(p.id(), p.version(), p.vendor(), null, "check-sync", List.of(), p.models(), List.of(entry),
        Map.of(), Path.of("."));
  }

  @Test
  void belowProbable_noPackIsAssociated() {
    // given
    var catalog = new PluginCatalog(List.of(pack("yealink", "Yealink", "T46S"), pack("fanvil", "Fanvil")));

    // when / then
    assertThat(catalog.associate(info("Snom", "D785"))).isEmpty();
    assertThat(catalog.associate(info(null, null))).isEmpty();
    assertThat(new PluginCatalog(List.of()).associate(info("Yealink", "T46S"))).isEmpty();
  }

  @Test
  void packsAreFoundByIdAndListedById_andChangesReplaceTheWholeSet() {
    // given
    var catalog = new PluginCatalog(List.of(pack("b", "B"), pack("a", "A")));

    // when
    catalog.put(pack("c", "C"));
    catalog.remove("a");

    // then
    assertThat(catalog.all()).extracting(PluginPack::id).containsExactly("b", "c");
    assertThat(catalog.find("c")).isPresent();
    assertThat(catalog.find("a")).isEmpty();
    assertThat(catalog.find(null)).isEmpty();

    // when
    catalog.replaceAll(List.of(pack("z", "Z")));

    // then
    assertThat(catalog.all()).extracting(PluginPack::id).containsExactly("z");
  }
}
