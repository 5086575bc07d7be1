using System.Diagnostics;

namespace AiPolicyHub.Core.Tests.Reports;

/// <summary>The real PDF tools (poppler-utils, qpdf; ./test.sh installs them), run on a file.</summary>
internal static class PdfTools
{
    public static string Text(string pdf, int? page = null, bool layout = false)
    {
        var args = new List<string>();
        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(), "-l", p.ToString()]);
        }
        if (layout)
        {
            args.Add("-layout");
        }
        args.AddRange(["-enc", "UTF-8", pdf, "-"]);
        return Run("pdftotext", args).Output;
    }

    /// <summary>The text inside a rectangle of one page, in points from the top left (e.g. one table column).</summary>
    public static string TextIn(string pdf, int page, double x, double y, double width, double height) =>
        Run("pdftotext", ["-f", page.ToString(), "-l", page.ToString(), "-x", ((int)x).ToString(), "-y", ((int)y).ToString(),
            "-W", ((int)Math.Ceiling(width)).ToString(), "-H", ((int)Math.Ceiling(height)).ToString(), "-enc", "UTF-8", pdf, "-"]).Output;

    /// <summary>Each word of a page with its left edge and top, in points (pdftotext -bbox).</summary>
    public static IReadOnlyList<(string Word, double XMin, double YMin)> Words(string pdf, int page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(
                Run("pdftotext", ["-bbox", "-f", page.ToString(), "-l", page.ToString(), "-enc", "UTF-8", pdf, "-"]).Output,
                "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\"[^>]*>([^<]*)</word>")
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups[3].Value),
                double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>pdfinfo's "Key: value" lines.</summary>
    public static IReadOnlyDictionary<string, string> Info(string pdf) =>
        Run("pdfinfo", ["-enc", "UTF-8", pdf]).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());

    public static (int ExitCode, string Output) QpdfCheck(string pdf) => Run("qpdf", ["--check", pdf], allowFailure: true);

    public static string QpdfJson(string pdf) => Run("qpdf", ["--json", pdf]).Output;

    private static (int ExitCode, string Output) Run(string tool, IEnumerable<string> args, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error.Result}");
        }
        return (process.ExitCode, output + error.Result);
    }
}
