package io.autoprovd.core.device;

/**
 * What one request says about the device that sent it. Every field may be null. Produced by
 * identification rules, merged field by field ({@link #orElse(DeviceInfo)}).
 */
public record DeviceInfo(
    Mac mac, String sn, String uuid, String vendor, String model, String version, String ip) {

  public static final DeviceInfo EMPTY = new DeviceInfo(null, null, null, null, null, null, null);

  public DeviceInfo withIp(String newIp) {
    return new DeviceInfo(mac, sn, uuid, vendor, model, version, newIp);
  }

  public DeviceInfo withMac(Mac newMac) {
    return new DeviceInfo(newMac, sn, uuid, vendor, model, version, ip);
  }

  /** This info, with each missing field taken from {@code other}. */
  public DeviceInfo orElse(DeviceInfo other) {
    return new DeviceInfo(
        mac != null ? mac : other.mac,
        sn != null ? sn : other.sn,
        uuid != null ? uuid : other.uuid,
        vendor != null ? vendor : other.vendor,
        model != null ? model : other.model,
        version != null ? version : other.version,
        ip != null ? ip : other.ip);
  }

  public boolean hasIdentity() {
    return mac != null || sn != null || uuid != null;
  }
}
