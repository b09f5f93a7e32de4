package georeport.conformance.selftest;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import georeport.conformance.report.ConformanceReportListener;
import georeport.conformance.report.ConformanceReportListener.Outcome;
import georeport.conformance.report.ConformanceReportListener.Row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report writer: summary line, console table and Markdown. */
class ReportTest {

    static final List<Row> ROWS = List.of(
            new Row("servicelist", "2.2 services valid [xml]", Outcome.PASS, "", false),
            new Row("errors", "4.2 bad | pipe", Outcome.FAIL, "expected 404; got <errors> 200", false),
            new Row("tokens", "2.5 token resolves", Outcome.SKIP, "the server offers no batch service", false));

    @Test
    @DisplayName(
            "report: the summary line reads 'Conformance: N passed, N failed, N skipped' and ends the console output")
    void summaryLine() {
        assertEquals(
                "Conformance: 1 passed, 1 failed, 1 skipped", ConformanceReportListener.summary("Conformance", ROWS));
        String console = ConformanceReportListener.console(ROWS, List.of()).strip();
        assertTrue(console.endsWith("\nConformance: 1 passed, 1 failed, 1 skipped"), console);
        assertTrue(console.contains("FAIL errors / 4.2 bad | pipe"), "failures are repeated in full: " + console);
    }

    @Test
    @DisplayName("report: the Markdown escapes table pipes and angle brackets and lists failures and skip reasons")
    void markdown() {
        String md = ConformanceReportListener.markdown(ROWS, List.of());
        assertTrue(md.contains("**Conformance: 1 passed, 1 failed, 1 skipped**"), md);
        assertTrue(md.contains("4.2 bad \\| pipe"), md);
        assertTrue(md.contains("got &lt;errors> 200"), md);
        assertTrue(md.contains("the server offers no batch service"), md);
        assertTrue(md.contains("## Failures"), md);
    }
}
