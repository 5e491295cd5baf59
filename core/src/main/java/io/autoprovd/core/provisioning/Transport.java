package io.autoprovd.core.provisioning;

/** How a phone's request arrived. */
public enum Transport {
  HTTP,
  HTTPS,
  TFTP
}
