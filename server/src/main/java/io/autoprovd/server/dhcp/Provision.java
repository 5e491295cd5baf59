package io.autoprovd.server.dhcp;

import java.util.List;
import java.util.Objects;

/**
 * One thing a vendor's DHCP class hands to its phones: an option (or BOOTP header field) and what
 * it carries. The values are resolved against this server's addresses by {@link DhcpTargets}.
 */
public record Provision(Field field, Value value) {

  public Provision {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    if ((field == Field.CISCO_TFTP_SERVERS || field == Field.NEXT_SERVER) && !(value instanceof Value.TftpAddress)) {
      throw new IllegalArgumentException(field + ": carries an address");
    }
    if (value instanceof Value.SubOptions && field != Field.VENDOR_ENCAPSULATED) {
      throw new IllegalArgumentException(field + ": sub-options only go into option 43");
    }
  }

  /** Where the value goes in the server's answer. */
  public enum Field {
    /** Option 66 (RFC 2132 §9.4): a TFTP server name; most SIP phones also accept a full URL. */
    TFTP_SERVER_NAME(66),
    /** Option 67 (RFC 2132 §9.5). */
    BOOTFILE_NAME(67),
    /** Option 43 (RFC 2132 §8.4): a plain string, or sub-options (code, length, value). */
    VENDOR_ENCAPSULATED(43),
    /** Option 114, read by Gigaset as its provisioning URL (RFC 8910 since gave 114 to captive portals). */
    DEFAULT_URL(114),
    /** Option 150: Cisco's list of TFTP server addresses. */
    CISCO_TFTP_SERVERS(150),
    /** Option 160, read as a provisioning URL by AudioCodes, Polycom and Yealink (site-specific range of RFC 3942). */
    PROVISIONING_URL(160),
    /** The BOOTP header's {@code siaddr} (RFC 2131 §2): the next server to boot from. */
    NEXT_SERVER(0),
    /** The BOOTP header's {@code file} field (RFC 2131 §2). */
    BOOT_FILE(0);

    /** The option code; 0 for BOOTP header fields. */
    public final int code;

    Field(int code) {
      this.code = code;
    }
  }

  /** What a provision carries. */
  public sealed interface Value {
    /** The advertised HTTP provisioning URL ({@code http_base_url}), followed by {@code suffix}. */
    record HttpUrl(String suffix) implements Value {}

    /** The name phones use for this server's TFTP listener ({@code advertised.host}). */
    record TftpHost() implements Value {}

    /** The IPv4 address of this server's TFTP listener. */
    record TftpAddress() implements Value {}

    /** A fixed text. */
    record Text(String text) implements Value {}

    /** TLV sub-options of option 43 (RFC 2132 §8.4). */
    record SubOptions(List<SubOption> subOptions) implements Value {
      public SubOptions {
        subOptions = List.copyOf(subOptions);
      }
    }
  }

  /** One sub-option of option 43. */
  public record SubOption(int code, String name, SubValue value) {
    public SubOption {
      if (code < 1 || code > 254) {
        throw new IllegalArgumentException("code: 1..254 (0 and 255 are pad and end)");
      }
    }
  }

  /** The value of a sub-option. */
  public sealed interface SubValue {
    record Url(String suffix) implements SubValue {}

    record Flag(boolean on) implements SubValue {}
  }

  public static Provision of(Field field, Value value) {
    return new Provision(field, value);
  }
}
