using System.Globalization;
using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// A risk-register-like document with made-up but realistic content: the shape the real register
/// will have (summary, heat map, tier chart, one row per workflow), without needing risk scores.
/// </summary>
internal static class SyntheticRegister
{
    private static readonly string[] Departments = ["Customer service", "Finance", "Human resources", "Legal", "Marketing", "Engineering", "Operations", "Procurement"];
    private static readonly string[] Owners = ["Maria Rossi", "Jonas Müller", "Αλέξανδρος Παπαδόπουλος", "Анна Иванова", "Chloé Dubois", "Sven Åkesson", "Priya Nair", "Tomás Ruiz"];
    private static readonly string[] Tools = ["ChatGPT Enterprise", "GitHub Copilot", "Claude for Work", "DeepL Pro", "Azure OpenAI (GPT-4o)", "Gemini for Workspace", "In-house classifier v3", "Otter.ai"];
    private static readonly string[] Data = ["Public", "Internal", "Confidential, personal data", "Restricted, special-category personal data", "Confidential, source code", "Internal, customer data"];
    private static readonly string[] Oversight = ["Spot-check 10 %", "Review before use", "Approval before external release", "Two-person approval", "None"];
    private static readonly string[] Tiers = ["Low", "Medium", "High", "Critical"];
    private static readonly string[] Verbs = ["Drafts", "Summarises", "Classifies", "Translates", "Screens", "Answers", "Reviews", "Extracts"];
    private static readonly string[] Objects = ["customer e-mails", "supplier invoices", "job applications", "contract clauses", "support tickets", "pull requests", "meeting notes", "insurance claims"];

    public static ReportDocument Build(int rows, int seed)
    {
        var random = new Random(seed);
        var tableRows = new TableRow[rows];
        var counts = new int[5, 5];
        var perTier = new int[4];
        var fingerprint = new ReportFingerprint();
        for (var i = 0; i < rows; i++)
        {
            var likelihood = random.Next(1, 6);
            var impact = random.Next(1, 6);
            counts[likelihood - 1, impact - 1]++;
            var tier = HeatMapBlock.ToneOf(likelihood, impact) - Tone.Low;
            perTier[tier]++;
            var name = $"{Verbs[random.Next(Verbs.Length)]} {Objects[random.Next(Objects.Length)]} #{i + 1:D5}";
            var tools = random.Next(3) == 0 ? $"{Tools[random.Next(Tools.Length)]}, {Tools[random.Next(Tools.Length)]}" : Tools[random.Next(Tools.Length)];
            var score = (likelihood * impact * 4).ToString(CultureInfo.InvariantCulture);
            tableRows[i] = new TableRow([name, Departments[random.Next(Departments.Length)], Owners[random.Next(Owners.Length)], tools,
                Data[random.Next(Data.Length)], Oversight[random.Next(Oversight.Length)], Tiers[tier], score]);
            fingerprint.Add("workflow", i + 1, name, score);
        }
        var metadata = new ReportMetadata("AI risk register", "Every AI workflow by residual risk", "Compliance office", "Nordlicht Logistik GmbH",
            "RPT-BENCH-0001", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), "Benchmark", "None", fingerprint.Compute());

        return new ReportBuilder(metadata)
            .Cover("All workflows by residual risk", new KeyValueItem("Workflows", rows.ToString("N0", CultureInfo.InvariantCulture)))
            .TableOfContents()
            .Heading(1, "Executive summary")
            .Paragraph(TextSpan.Plain("The organisation runs "), TextSpan.Bold(rows.ToString("N0", CultureInfo.InvariantCulture) + " AI workflows"),
                TextSpan.Plain(". Residual risk is the risk left after each workflow's human oversight and verification controls."))
            .HeatMap("Workflows by likelihood and impact", counts)
            .BarChart("Workflows by risk tier", [.. Tiers.Select((t, i) => new Bar(t, perTier[i], Tone.Low + i))])
            .Heading(1, "All workflows")
            .Table("Every workflow, highest residual risk first",
                [new TableColumn("Workflow", 1.9), new TableColumn("Department", 1.75), new TableColumn("Owner", 1.5), new TableColumn("Tools", 1.8),
                 new TableColumn("Data", 1.7), new TableColumn("Oversight", 1.5), new TableColumn("Tier", 1.15), new TableColumn("Score", 1.0, ColumnAlignment.Right)],
                tableRows)
            .Build();
    }
}
