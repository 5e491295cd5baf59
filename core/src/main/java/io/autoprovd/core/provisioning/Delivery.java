package io.autoprovd.core.provisioning;

import java.nio.file.Path;

/** What the pipeline answers a phone. Listeners translate each case in one exhaustive switch. */
public sealed interface Delivery {

  /** Bytes rendered from a template (or read into memory), ready to send. */
  record Content(byte[] bytes, String packId, String file) implements Delivery {}

  /** A file served from disk as it is (static files, firmware, language packages). */
  record StaticFile(Path path, long size, String packId) implements Delivery {}

  /** Nothing here for this request; the reason is logged, never sent to the phone. */
  record NotFound(String reason) implements Delivery {}

  /** A request refused on purpose (hostile name, policy); logged to the security log. */
  record Denied(String reason) implements Delivery {}
}
