package health.careloop.intake.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A notification body as HAPI reads it, checked byte by byte on the way: more than the limit, a
 * NUL byte, or bytes that are not UTF-8 end the read with a 413 or 400 (HAPI answers both as an
 * OperationOutcome). Checking while reading means a body chunked without a Content-Length is never
 * held beyond the limit, and the checks run only once HAPI reads, after the secret was checked.
 */
final class CheckedBodyStream extends ServletInputStream {

  private final ServletInputStream body;
  private final long limit;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  /** Bytes of a character split across reads, carried to the next read. */
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private final CharBuffer decoded = CharBuffer.allocate(8192);
  private long read;

  CheckedBodyStream(ServletInputStream body, long limit) {
    this.body = body;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = body.read(buffer, offset, length);
    if (n < 0) {
      if (pending.hasRemaining()) {
        throw notUtf8();
      }
      return n;
    }
    read += n;
    if (read > limit) {
      throw new PayloadTooLargeException("CL-1110: the notification is larger than " + limit
          + " bytes (careloop.hook.max-body-size)");
    }
    check(buffer, offset, n);
    return n;
  }

  private void check(byte[] buffer, int offset, int n) {
    for (int i = offset; i < offset + n; i++) {
      if (buffer[i] == 0) {
        throw new InvalidRequestException("CL-1111: the notification contains a NUL byte");
      }
    }
    ByteBuffer input = ByteBuffer.allocate(pending.remaining() + n).put(pending).put(buffer, offset, n).flip();
    CoderResult result;
    do {
      decoded.clear();
      result = utf8.decode(input, decoded, false);
      if (result.isError()) {
        throw notUtf8();
      }
    } while (result.isOverflow());
    pending = input.slice();
  }

  private static InvalidRequestException notUtf8() {
    return new InvalidRequestException("CL-1111: the notification is not UTF-8 text");
  }

  @Override
  public boolean isFinished() {
    return body.isFinished();
  }

  @Override
  public boolean isReady() {
    return body.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    body.setReadListener(listener);
  }
}
