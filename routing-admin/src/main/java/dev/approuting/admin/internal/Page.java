package dev.approuting.admin.internal;

import java.util.Map;

/**
 * One response of the console's pages: status, content type, body and extra headers.
 *
 * @param status the HTTP status
 * @param type the content type
 * @param body the body
 * @param headers headers to add (such as {@code WWW-Authenticate})
 */
record Page(int status, String type, String body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";

    /** Copies the map. */
    Page {
        headers = Map.copyOf(headers);
    }

    /** An HTML page without extra headers. */
    static Page html(int status, String body) {
        return new Page(status, HTML, body, Map.of());
    }

    /** A short HTML page saying what went wrong, {@code message} escaped. */
    static Page error(int status, String title, String message) {
        StringBuilder b = new StringBuilder();
        HtmlPage.head(b, title, null);
        b.append("<nav class=\"crumbs\"><a href=\"/\">Databases</a></nav>\n<h1>")
                .append(HtmlPage.escape(title))
                .append("</h1>\n<p id=\"error\" class=\"error\">")
                .append(HtmlPage.escape(message))
                .append("</p>\n</body>\n</html>\n");
        return html(status, b.toString());
    }
}
