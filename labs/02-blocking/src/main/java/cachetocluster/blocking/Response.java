package cachetocluster.blocking;

import java.nio.charset.StandardCharsets;

/** What a handler answers: a status code, a content type and the body bytes. */
public record Response(int status, String contentType, byte[] body) {

    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an HTTP status is 100-599, not " + status);
        }
    }

    /** A plain-text answer in UTF-8. */
    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with a plain-text body. */
    public static Response ok(String text) {
        return text(200, text);
    }

    /** The body as text, for tests and the notebook. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The reason phrase of the statuses this server sends. */
    public String reason() {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
