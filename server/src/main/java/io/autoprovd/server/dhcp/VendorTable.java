package io.autoprovd.server.dhcp;

import static io.autoprovd.server.dhcp.Provision.Field.BOOTFILE_NAME;
import static io.autoprovd.server.dhcp.Provision.Field.BOOT_FILE;
import static io.autoprovd.server.dhcp.Provision.Field.CISCO_TFTP_SERVERS;
import static io.autoprovd.server.dhcp.Provision.Field.DEFAULT_URL;
import static io.autoprovd.server.dhcp.Provision.Field.NEXT_SERVER;
import static io.autoprovd.server.dhcp.Provision.Field.PROVISIONING_URL;
import static io.autoprovd.server.dhcp.Provision.Field.TFTP_SERVER_NAME;
import static io.autoprovd.server.dhcp.Provision.Field.VENDOR_ENCAPSULATED;
import static io.autoprovd.server.dhcp.VendorClassMatch.exact;
import static io.autoprovd.server.dhcp.VendorClassMatch.prefix;
import static io.autoprovd.server.dhcp.VendorClassMatch.suffix;
import static io.autoprovd.server.dhcp.VendorClassMatch.userClass;

import io.autoprovd.core.device.Mac;
import io.autoprovd.server.dhcp.Provision.SubOption;
import io.autoprovd.server.dhcp.Provision.SubValue;
import io.autoprovd.server.dhcp.Provision.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which phones the generated DHCP configuration recognises and what each vendor is handed: the
 * rules of wazo-provd's DHCP snippets (reference dhcp.md §2–§3), as data. Every vendor of the
 * reference is here, whether or not a plugin pack for it is installed: the DHCP server points a
 * phone at autoprovd before anyone knows which packs it will need.
 *
 * <p>Order matters. ISC dhcpd and Kea both give precedence to the class declared first when two
 * classes set the same option, so the profiles that match a vendor class (which names the
 * firmware) come before those that match only a MAC prefix (which names the manufacturer); and
 * within one vendor, the exclusions keep the classes apart.
 *
 * <p>Deviations from the reference, each written in the profile's {@code source}: Snom phones are
 * not sent option 6 (the reference points their DNS at the Wazo appliance, which runs one; on any
 * other site that would break their name resolution); AudioCodes phones get option 160, which they
 * read first (the reference sends nothing); Yealink phones are also recognised by the vendor class
 * they send ({@code yealink}, settable on the phone); vendor-class lists given model by model in
 * the reference are matched by their common prefix.
 */
public final class VendorTable {
  private static final String NUL = "\0";

  /** The profiles, in the order the classes are declared. */
  public static final List<VendorProfile> PROFILES = profiles();

  private VendorTable() {}

  private static List<VendorProfile> profiles() {
    var p = new ArrayList<VendorProfile>();
    // Matched by vendor (or user) class, possibly with MAC prefixes as well.
    p.add(profile("aastra", "Aastra", "dhcp.md §3 aastra; the reference lists AastraIPPhone<model> one by one")
        .classes(prefix("AastraIPPhone"))
        .provide(VENDOR_ENCAPSULATED, new Value.SubOptions(List.of(
            new SubOption(2, "cfg-server-name", new SubValue.Url("/Aastra")),
            new SubOption(3, "contact-rcs", new SubValue.Flag(false)))))
        .build());
    p.add(profile("alcatel-noe", "Alcatel", "dhcp.md §3 alcatel (NOE mode boots over TFTP)")
        .classes(exact("alcatel.noe.0"))
        .provide(NEXT_SERVER, new Value.TftpAddress())
        .provide(BOOT_FILE, new Value.Text("sipconfig.txt"))
        .build());
    p.add(profile("alcatel-sip", "Alcatel", "dhcp.md §3 alcatel (ALU sub-option 67 http-server-name)")
        .classes(exact("alcatel.sip.0"))
        .provide(VENDOR_ENCAPSULATED, new Value.SubOptions(List.of(
            new SubOption(67, "http-server-name", new SubValue.Url("")))))
        .build());
    p.add(profile("alcatel-myriad", "Alcatel-Lucent", "dhcp.md §3 alcatel (Myriad and 8028s; ALU sub-option 66 boot-server-host-name)")
        .classes(exact("aledevice"), exact("ictouch.0"), exact("alcatel.ictouch.0"))
        .provide(VENDOR_ENCAPSULATED, new Value.SubOptions(List.of(
            new SubOption(66, "boot-server-host-name", new SubValue.Url("")))))
        .build());
    p.add(profile("cisco-3pcc", "Cisco", "dhcp.md §3 cisco (3PCC/MPP firmware; the OUI is matched whatever the vendor class)")
        .classes(suffix("-3PCC" + NUL))
        .ouis("d0ec35")
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("cisco-7920", "Cisco", "dhcp.md §3 cisco (the 7920 also reads option 150)")
        .classes(exact("Cisco Systems, Inc. IP Phone 7920" + NUL))
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .provide(CISCO_TFTP_SERVERS, new Value.TftpAddress())
        .build());
    p.add(profile("cisco-spa", "Cisco", "dhcp.md §3 ciscosmb (the phone expands $PSN)")
        .classes(prefix("Cisco SPA"), prefix("CISCO SPA"), prefix("Cisco Systems, Inc. IP Phone SPA"))
        .ouis("002699", "503de5", "00e16d", "00da55", "10bd18").ouiOnlyWithoutVendorClass()
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/spa$PSN.cfg"))
        .build());
    p.add(profile("cisco-ata-mpp", "Cisco", "ATA191/ATA192 with multiplatform firmware (the cisco-ata pack); the adapter "
        + "expands $PSN, as SPA adapters do")
        .classes(prefix("CISCO ATA19"), prefix("Cisco ATA19"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/ata$PSN.cfg"))
        .build());
    p.add(profile("cisco-sccp", "Cisco", "dhcp.md §3 cisco (SCCP and enterprise SIP over TFTP); the reference lists the "
        + "models' strings one by one, here any 'Cisco Systems' class that is not 3PCC, SPA or the 7920, as the Cisco plugins read it")
        .classes(prefix("Cisco Systems"))
        .except(suffix("-3PCC" + NUL), exact("Cisco Systems, Inc. IP Phone 7920" + NUL),
            prefix("Cisco Systems, Inc. IP Phone SPA"))
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .build());
    p.add(profile("digium", "Digium", "dhcp.md §3 digium")
        .classes(prefix("digium_D40"), prefix("digium_D50"), prefix("digium_D70"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/Digium"))
        .build());
    p.add(profile("doro", "Doro", "dhcp.md §3 doro")
        .classes(prefix("Doro-ip880-DECT"))
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .build());
    p.add(profile("gigaset-n720", "Gigaset", "dhcp.md §3 gigaset (option 114 default-url)")
        .classes(prefix("Gigaset_N720_DM_PRO"))
        .ouis("7c2f80")
        .provide(DEFAULT_URL, new Value.HttpUrl(""))
        .build());
    p.add(profile("gigaset-other", "Gigaset", "dhcp.md §2–§3 gigaset and siemens: recognised, nothing sent (they are "
        + "provisioned from their web interface or by push)")
        .classes(exact("N510_IP_PRO"), exact("C470IP"), exact("C470_IP"), exact("S675IP"), exact("S675_IP"),
            exact("C590_IP"), exact("C610_IP"), prefix("OptiIpPhone"))
        .ouis("002104", "589ec6", "0001e3", "0013a9")
        .build());
    p.add(profile("kirk", "Kirk", "dhcp.md §3 kirk: recognised, nothing sent")
        .classes(exact("KIRK.IP6000"))
        .ouis("009033")
        .build());
    p.add(profile("linksys", "Cisco", "dhcp.md §3 linksys; the reference's 25 Linksys OUIs are not in dhcp.md, only the vendor classes are matched")
        .classes(prefix("LINKSYS SPA"))
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .build());
    p.add(profile("nortel-sip", "Avaya", "dhcp.md §3 nortel (SIP firmware)")
        .classes(prefix("Nortel-SIP"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("nortel-unistim", "Avaya", "dhcp.md §3 nortel (UNIStim firmware over TFTP)")
        .classes(prefix("Nortel"))
        .except(prefix("Nortel-SIP"))
        .ouis("002400").ouiOnlyWithoutVendorClass()
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .build());
    p.add(profile("panasonic", "Panasonic", "dhcp.md §3 panasonic")
        .classes(exact("Panasonic"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/"))
        .build());
    p.add(profile("patton", "Patton", "dhcp.md §3 patton")
        .classes(prefix("SN4112"), prefix("SN4114"), prefix("SN4116"), prefix("SN4118"), prefix("SN4316"),
            prefix("SN4324"), prefix("SN4332"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("snom", "Snom", "dhcp.md §3 snom; the reference lists snom<model> one by one, and also sends option 6 "
        + "(DNS) = its own address, which only suits the Wazo appliance: not sent here")
        .classes(prefix("snom"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("thomson-st2022", "Technicolor", "dhcp.md §3 thomson (user class, option 77)")
        .classes(userClass("Thomson ST2022S"))
        .provide(VENDOR_ENCAPSULATED, new Value.HttpUrl("/ST2022S.inf"))
        .build());
    p.add(profile("thomson-st2030", "Technicolor", "dhcp.md §3 thomson (user class, option 77)")
        .classes(userClass("Thomson ST2030S"))
        .provide(VENDOR_ENCAPSULATED, new Value.HttpUrl("/ST2030S.inf"))
        .build());
    p.add(profile("thomson-tb30", "Technicolor", "dhcp.md §3 thomson (user class, option 77)")
        .classes(userClass("Thomson TB30S"))
        .provide(VENDOR_ENCAPSULATED, new Value.HttpUrl("/TB30S.inf"))
        .build());
    p.add(profile("yealink", "Yealink", "dhcp.md §3 yealink (the OUIs of the Yealink pack); also the vendor class "
        + "Yealink phones send, 'yealink'")
        .classes(prefix("yealink"))
        .ouis("001565", "e434d7", "805ec0", "805e0c", "249ad8", "44dbd2", "644f56", "ec1da9", "3497d7", "b061a9",
            "c4fc22", "f01653")
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    // Matched by MAC prefix only.
    p.add(profile("aastra-oui", "Aastra", "dhcp.md §3 aastra (Aastra OUIs, unless the vendor class says AastraIPPhone)")
        .ouis("00085d", "08000f").ouiExcept(prefix("AastraIPPhone"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/Aastra"))
        .build());
    p.add(profile("mitel-oui", "Aastra", "dhcp.md §3 aastra (Mitel OUI, unless the vendor class says MitelIPPhone)")
        .ouis("1400e9").ouiExcept(prefix("MitelIPPhone"))
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/Aastra"))
        .build());
    p.add(profile("audiocodes", "AudioCodes", "dhcp.md §1 and §3 audiocodes: the reference sends nothing; AudioCodes "
        + "phones read option 160 first")
        .ouis("00908f")
        .provide(PROVISIONING_URL, new Value.HttpUrl(""))
        .build());
    p.add(profile("doro-oui", "Doro", "dhcp.md §3 doro (the reference's options for this OUI are commented out)")
        .ouis("001d29")
        .build());
    p.add(profile("fanvil", "Fanvil", "dhcp.md §3 fanvil (66 and 43 both; the phone expands $mac)")
        .ouis("00a859", "0c383e").ouiOnlyWithoutVendorClass()
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/Fanvil/$mac.cfg"))
        .provide(VENDOR_ENCAPSULATED, new Value.HttpUrl("/Fanvil/$mac.cfg"))
        .build());
    p.add(profile("grandstream", "Grandstream", "dhcp.md §3 grandstream")
        .ouis("000b82", "c074ad", "ec74d7")
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/Grandstream"))
        .build());
    p.add(profile("htek", "Htek", "dhcp.md §3 htek")
        .ouis("001fc1")
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("patton-oui", "Patton", "dhcp.md §3 patton (the phone expands $(system.mac))")
        .ouis("00a0ba").ouiOnlyWithoutVendorClass()
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/$(system.mac).cfg"))
        .build());
    p.add(profile("polycom", "Polycom", "dhcp.md §3 polycom")
        .ouis("0004f2", "64167f", "482567")
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl("/000000000000.cfg"))
        .build());
    p.add(profile("snom-oui", "Snom", "dhcp.md §3 snom (Snom OUIs, when no vendor class)")
        .ouis("000413", "00087b").ouiOnlyWithoutVendorClass()
        .provide(TFTP_SERVER_NAME, new Value.HttpUrl(""))
        .build());
    p.add(profile("swissvoice", "Swissvoice", "dhcp.md §3 swissvoice")
        .ouis("000590")
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .provide(BOOTFILE_NAME, new Value.Text("swupdate_ip10.inf"))
        .build());
    p.add(profile("unidata", "Unidata", "dhcp.md §3 unidata: recognised, nothing sent")
        .ouis("00032a")
        .build());
    p.add(profile("zenitel", "Zenitel", "dhcp.md §3 zenitel")
        .ouis("0013cb")
        .provide(TFTP_SERVER_NAME, new Value.TftpHost())
        .build());
    return List.copyOf(p);
  }

  /** The first profile a client with this MAC and vendor class belongs to, as the DHCP server decides. */
  public static Optional<VendorProfile> classify(Mac mac, String vendorClass, String userClass) {
    return PROFILES.stream().filter(p -> p.matches(mac, vendorClass, userClass)).findFirst();
  }

  /** The profile whose MAC prefixes include this MAC's, if any. */
  public static Optional<VendorProfile> byOui(Mac mac) {
    return PROFILES.stream().filter(p -> p.ouis().contains(mac.oui())).findFirst();
  }

  /** The first profile of this vendor (as devices name it) that hands something out. */
  public static Optional<VendorProfile> byVendor(String vendor) {
    return PROFILES.stream()
        .filter(p -> !p.provisions().isEmpty() && p.vendor().toLowerCase(Locale.ROOT).equals(vendor.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  private static Builder profile(String id, String vendor, String source) {
    return new Builder(id, vendor, source);
  }

  private static final class Builder {
    private final String id;
    private final String vendor;
    private final String source;
    private List<VendorClassMatch> classes = List.of();
    private List<VendorClassMatch> except = List.of();
    private List<String> ouis = List.of();
    private boolean ouiOnlyWithoutVendorClass;
    private List<VendorClassMatch> ouiExcept = List.of();
    private final List<Provision> provisions = new ArrayList<>();

    Builder(String id, String vendor, String source) {
      this.id = id;
      this.vendor = vendor;
      this.source = source;
    }

    Builder classes(VendorClassMatch... matches) {
      classes = Arrays.asList(matches);
      return this;
    }

    Builder except(VendorClassMatch... matches) {
      except = Arrays.asList(matches);
      return this;
    }

    Builder ouis(String... values) {
      ouis = Arrays.asList(values);
      return this;
    }

    Builder ouiOnlyWithoutVendorClass() {
      ouiOnlyWithoutVendorClass = true;
      return this;
    }

    Builder ouiExcept(VendorClassMatch... matches) {
      ouiExcept = Arrays.asList(matches);
      return this;
    }

    Builder provide(Provision.Field field, Value value) {
      provisions.add(Provision.of(field, value));
      return this;
    }

    VendorProfile build() {
      return new VendorProfile(id, vendor, classes, except, ouis, ouiOnlyWithoutVendorClass, ouiExcept, provisions, source);
    }
  }
}
