package io.autoprovd.core.provisioning;

/** How a phone's request arrived. */
public enum Transport {
  HTTP,
  HTTPS,
  TFTP,
  /**
   * A lease the site's DHCP server reported ({@code POST /0.2/dev_mgr/dhcpinfo}): no file is asked
   * for; the lease's MAC and vendor class travel in the headers {@link
   * ProvisioningRequest#DHCP_MAC} and {@link ProvisioningRequest#DHCP_VENDOR_CLASS}.
   */
  DHCP
}
