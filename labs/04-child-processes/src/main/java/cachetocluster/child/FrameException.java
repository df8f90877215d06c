package cachetocluster.child;

import java.nio.charset.StandardCharsets;

/**
 * A frame the receiver could not turn into a message. It is reported (the channel's {@code 'error'} event) and
 * the frame is dropped; the frames after it are still delivered. Only that one frame is lost.
 */
public final class FrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a frame was rejected. */
    public enum Kind {
        /** More than maxFrameBytes before the newline: the rest of it was skipped up to the next newline. */
        TOO_LARGE,
        /** A complete frame that is not one JSON value (bad JSON, invalid UTF-8, empty). */
        MALFORMED
    }

    private final Kind kind;
    private final long frameBytes;

    private FrameException(Kind kind, long frameBytes, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.frameBytes = frameBytes;
    }

    /** A frame that already holds {@code seenBytes} bytes, more than {@code maxFrameBytes}, without its newline. */
    public static FrameException tooLarge(long seenBytes, int maxFrameBytes) {
        return new FrameException(Kind.TOO_LARGE, seenBytes,
                "frame too large: more than " + maxFrameBytes + " bytes (" + seenBytes
                        + " seen without a newline); skipped up to the next newline", null);
    }

    /** A complete frame ({@code length} bytes, newline excluded) that did not parse. */
    public static FrameException malformed(byte[] frame, int offset, int length, Throwable cause) {
        String why = cause == null ? "" : ": " + firstLine(cause.getMessage());
        return new FrameException(Kind.MALFORMED, length,
                "malformed frame of " + length + " bytes " + preview(frame, offset, length) + why, cause);
    }

    /** The channel ended in the middle of a frame (the peer died mid-write): those bytes can never complete. */
    public static FrameException truncated(int bufferedBytes) {
        return new FrameException(Kind.MALFORMED, bufferedBytes,
                "the channel ended inside a frame, " + bufferedBytes + " bytes without their newline", null);
    }

    public Kind kind() {
        return kind;
    }

    /** The frame's size in bytes (for TOO_LARGE: how many were seen when the limit was crossed). */
    public long frameBytes() {
        return frameBytes;
    }

    private static String preview(byte[] frame, int offset, int length) {
        int shown = Math.min(length, 40);
        String text = new String(frame, offset, shown, StandardCharsets.UTF_8).replace("\n", "\\n");
        return "\"" + text + (shown < length ? "..." : "") + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
