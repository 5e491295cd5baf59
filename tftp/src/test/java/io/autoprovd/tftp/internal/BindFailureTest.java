package io.autoprovd.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class BindFailureTest {

  @Test
  void port69WithoutPrivilege_saysToRunAsRootGrantTheCapabilityOrChangeThePort() {
    var cause = new BindException("Permission denied");

    BindException explained = BindFailure.explain(new InetSocketAddress(69), cause);

    assertThat(explained.getMessage())
        .contains("cannot bind TFTP to", ":69", "Permission denied", "run as root",
            "CAP_NET_BIND_SERVICE", "another TFTP port");
    assertThat(explained.getCause()).isSameAs(cause);
  }

  @Test
  void aPortInUse_namesTheUsualCulprits() {
    BindException explained = BindFailure.explain(
        new InetSocketAddress(69), new BindException("Address already in use"));

    assertThat(explained.getMessage()).contains("tftpd-hpa", "another TFTP port");
  }
}
