package io.shadowscale.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void rendersMarkdownTablesListsAndCodeAsHtml() {
        String html = new HtmlReport("Demo")
                .markdown(
                        "- records: **0 duplicates**\n\n| # | walk |\n| --- | --- |\n| 1 | 1 -> 2 |\n\n```\nSTEADY\n```\n")
                .toHtml();

        assertThat(html)
                .contains("<li>records: <strong>0 duplicates</strong></li>")
                .contains("<th>#</th>", "<th>walk</th>", "<td>1</td>", "<td>1 -&gt; 2</td>")
                .contains("<pre><code>STEADY\n</code></pre>")
                .doesNotContain("| --- |", "**");
    }

    @Test
    void escapesHtmlInsideTheMarkdown() {
        String html = new HtmlReport("Demo")
                .markdown("reason: <script>alert(1)</script>\n")
                .toHtml();

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void aSectionEndsWhereTheNextStartsAndAtTheEndOfThePage() {
        String html = new HtmlReport("Demo")
                .section("walks", "Walks")
                .paragraph("one")
                .section("cost", "Cost")
                .paragraph("two")
                .toHtml();

        assertThat(html)
                .contains("<section id=\"walks\">\n<h2>Walks</h2>\n<p>one</p>\n</section>\n"
                        + "<section id=\"cost\">\n<h2>Cost</h2>\n<p>two</p>\n</section>\n</body>");
    }

    @Test
    void rejectsASectionIdThatIsNotAPlainName() {
        assertThatThrownBy(() -> new HtmlReport("Demo").section("Cost panel", "Cost"))
                .hasMessage("section id 'Cost panel': expected [a-z][a-z0-9-]*");
    }
}
