using System.Globalization;
using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Core.Tests.Reports;

/// <summary>Documents that exercise every block type and the awkward inputs reports meet.</summary>
internal static class SampleReports
{
    public const string Organisation = "Nordlicht Logistik GmbH";
    public const string Title = "AI risk register";
    public const string EmojiName = "Chatbot 🤖 triage";

    public static readonly string[] UnicodeNames =
    [
        "Αξιολόγηση κινδύνου πελατών",      // Greek
        "Обработка заявок клиентов",         // Cyrillic
        "Évaluation des fournisseurs – Ærø Åsa Øresund Straße",
    ];

    public static ReportMetadata Metadata(string title = Title) => new(
        title,
        "Every AI workflow with its residual risk",
        "Compliance office",
        Organisation,
        "RPT-2026-000042",
        new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
        "Maria Rossi <compliance>",
        "Department: all; Tier: all",
        new ReportFingerprint().Add("sample", 1).Compute());

    public static string RowName(int index) => $"Workflow-{index:D4}";

    /// <summary>Cover, contents, every block type, a table of <paramref name="rows"/> rows and the Unicode cases.</summary>
    public static ReportDocument Showcase(int rows = 300)
    {
        var counts = new int[5, 5];
        for (var l = 0; l < 5; l++)
        {
            for (var i = 0; i < 5; i++)
            {
                counts[l, i] = (l * 3 + i * 7) % 11;
            }
        }
        return new ReportBuilder(Metadata())
            .Cover("All workflows by residual risk", new KeyValueItem("Workflows", rows.ToString(CultureInfo.InvariantCulture)), new KeyValueItem("Scope", "Whole organisation"))
            .TableOfContents()
            .Heading(1, "Executive summary")
            .Paragraph(
                TextSpan.Plain("This register lists "), TextSpan.Bold($"{rows} workflows"),
                TextSpan.Plain(" that use AI. It follows the "), TextSpan.Italic("NIST AI RMF"),
                TextSpan.Plain(" and ISO/IEC 42001; see "), TextSpan.Link("the EU AI Act", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"),
                TextSpan.Plain(" for the legal categories. A link that must not be live: "), TextSpan.Link("click me", "javascript:alert(1)"),
                TextSpan.Plain("."))
            .Callout(CalloutKind.Warning, "Paused workflows", TextSpan.Plain("Three workflows are paused and must not be used until compliance restarts them."))
            .Callout(CalloutKind.Danger, null, TextSpan.Bold("Critical: "), TextSpan.Plain("one workflow makes hiring decisions without a human approval."))
            .Callout(CalloutKind.Info, "Note", TextSpan.Plain("Risk scores are residual, after controls."))
            .Heading(2, "Risk at a glance")
            .HeatMap("Workflows by likelihood and impact", counts)
            .BarChart("Workflows by risk tier",
                new Bar("Low", 120, Tone.Low), new Bar("Medium", 64, Tone.Medium), new Bar("High", 21, Tone.High), new Bar("Critical", 4, Tone.Critical))
            .Heading(2, "Key facts")
            .Facts(new KeyValueItem("Owner", "Compliance office"), new KeyValueItem("Review cadence", "Quarterly"),
                new KeyValueItem("Markup check", "<script>alert(\"x\") & more</script>"))
            .Heading(3, "Principles")
            .Bullets("AI is an assistant, not an authority.", "Verify important claims.", "Keep humans in the approval loop.")
            .Numbered("Stop the workflow.", "Report the incident.", "Restart only after sign-off.")
            .Heading(1, "All workflows")
            .Table("Workflows ordered by residual risk",
                [new TableColumn("Workflow", 2.2), new TableColumn("Department", 1.4), new TableColumn("Tier", 0.9), new TableColumn("Score", 0.8, ColumnAlignment.Right), new TableColumn("Purpose", 3.5)],
                [.. Enumerable.Range(1, rows).Select(i => new TableRow([RowName(i), i % 3 == 0 ? "Customer service" : "Finance", "High", (100 - i % 100).ToString(CultureInfo.InvariantCulture), i % 10 == 0 ? "Drafts replies to customer e-mails which a person reviews before they are sent, with a sample checked weekly." : "Summarises invoices."]))])
            .Heading(1, "Names from everywhere")
            .Table(null, [new TableColumn("Name"), new TableColumn("Note", 2)],
                [.. UnicodeNames.Select(n => new TableRow([n, "Renders in DejaVu Sans."])), new TableRow([EmojiName, "The emoji is replaced visibly."])])
            .Heading(2, "A very long description")
            .Paragraph(LongText(5000))
            .Heading(2, "An unbreakable word")
            .Paragraph(new string('x', 400) + " end")
            .PageBreak()
            .Heading(1, "Appendix")
            .Paragraph("Last page.")
            .Build();
    }

    /// <summary>Words of varied length up to <paramref name="length"/> characters.</summary>
    public static string LongText(int length)
    {
        string[] words = ["governance", "of", "artificial", "intelligence", "requires", "human", "oversight", "and", "verification", "Überprüfung", "προστασία", "данных"];
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(words[i % words.Length]).Append(' ');
        }
        return text.ToString(0, length);
    }
}
