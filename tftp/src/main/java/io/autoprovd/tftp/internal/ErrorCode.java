package io.autoprovd.tftp.internal;

/** RFC 1350 §5 error codes, plus RFC 2347's code 8. */
enum ErrorCode {
  NOT_DEFINED(0),
  FILE_NOT_FOUND(1),
  ACCESS_VIOLATION(2),
  ILLEGAL_OPERATION(4),
  UNKNOWN_TRANSFER_ID(5),
  OPTION_REFUSED(8);

  final int value;

  ErrorCode(int value) {
    this.value = value;
  }
}
