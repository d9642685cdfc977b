package io.shadowscale.testkit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A self-contained HTML page (no scripts, no network) with headings, tables, inline SVG charts and
 * Markdown rendered to HTML (CommonMark with GitHub tables), so a report written as Markdown reads
 * as a page, not as a raw dump.
 */
public final class HtmlReport {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser MARKDOWN =
            Parser.builder().extensions(EXTENSIONS).build();
    /** Raw HTML inside the Markdown is escaped: the report's text comes from runs, not from a trusted author. */
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private final StringBuilder body = new StringBuilder();
    private final String title;
    private boolean inSection;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(SvgChart.escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(SvgChart.escape(text)).append("</p>\n");
        return this;
    }

    /** Preformatted text, e.g. the command that produced the report. */
    public HtmlReport code(String text) {
        body.append("<pre>").append(SvgChart.escape(text)).append("</pre>\n");
        return this;
    }

    /** Markdown (CommonMark and GitHub tables) rendered as HTML. */
    public HtmlReport markdown(String text) {
        body.append(RENDERER.render(MARKDOWN.parse(text)));
        return this;
    }

    /**
     * Starts a {@code <section id="...">} with a heading; it ends where the next section starts or
     * the page ends.
     */
    public HtmlReport section(String id, String heading) {
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("section id '" + id + "': expected [a-z][a-z0-9-]*");
        }
        endSection();
        body.append("<section id=\"").append(id).append("\">\n");
        inSection = true;
        return heading(heading);
    }

    private void endSection() {
        if (inSection) {
            body.append("</section>\n");
            inSection = false;
        }
    }

    public HtmlReport chart(String svg) {
        body.append("<div class=\"chart\">").append(svg).append("</div>\n");
        return this;
    }

    /** A table; the first row is the header. */
    public HtmlReport table(List<List<String>> rows) {
        body.append("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            body.append("<tr>");
            for (String value : rows.get(r)) {
                body.append('<')
                        .append(cell)
                        .append('>')
                        .append(SvgChart.escape(value))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public String toHtml() {
        endSection();
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + SvgChart.escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px "
                + "8px;text-align:right}"
                + "th{background:#f3f3f3}td:first-child,"
                + "th:first-child{text-align:left}pre{background:#f6f6f6;padding:8px;overflow-x:auto}"
                + "code{font-size:90%}h2{margin-top:1.6em;border-bottom:1px solid #ddd}"
                + ".chart{margin:1em 0}</style></head>\n<body>\n<h1>" + SvgChart.escape(title) + "</h1>\n"
                + body + "</body></html>\n";
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toHtml(), StandardCharsets.UTF_8);
    }
}
