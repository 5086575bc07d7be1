using System.Globalization;
using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>Bar charts and the likelihood × impact heat map, drawn with boxes and text (so their numbers stay searchable).</summary>
internal static class ChartLayout
{
    private const double BarRow = 16, CellWidth = 46, CellHeight = 28, AxisWidth = 70;

    public static double BarChartHeight(BarChartBlock chart) => BodyLine + 4 + chart.Bars.Count * BarRow;

    public static double HeatMapHeight() => BodyLine + 4 + HeatMapBlock.Size * CellHeight + 2 * SmallLine + 4;

    public static void BarChart(PageFlow flow, BarChartBlock chart)
    {
        flow.EnsureSpace(BarChartHeight(chart));
        Title(flow, chart.Title);
        var labelWidth = ContentWidth * 0.32;
        const double valueWidth = 48;
        var barLeft = ContentLeft + labelWidth + 6;
        var barSpace = ContentRight - valueWidth - barLeft;
        var max = chart.Bars.Count == 0 ? 1 : Math.Max(chart.Bars.Max(b => b.Value), double.Epsilon);
        foreach (var bar in chart.Bars)
        {
            var baseline = Baseline(flow.Y, BarRow, SmallSize + 1);
            flow.Add(new TextOp(ContentLeft, baseline, TextEmitter.Fit(bar.Label, FontFace.Regular, SmallSize + 1, labelWidth), FontFace.Regular, SmallSize + 1, Text));
            var length = barSpace * bar.Value / max;
            if (length > 0)
            {
                flow.Add(new BoxOp(barLeft, flow.Y + 3, Math.Max(length, 0.8), BarRow - 6, Solid(bar.Tone)));
            }
            var value = bar.Value.ToString("0.##", CultureInfo.InvariantCulture);
            flow.Add(new TextOp(barLeft + length + 4, baseline, value, FontFace.Bold, SmallSize + 1, Text));
            flow.Y += BarRow;
        }
        flow.Gap(BlockGap);
    }

    /// <summary>Likelihood rises upwards (5 at the top), impact to the right, as risk matrices are usually read.</summary>
    public static void HeatMap(PageFlow flow, HeatMapBlock map)
    {
        flow.EnsureSpace(HeatMapHeight());
        Title(flow, map.Title);
        var gridLeft = ContentLeft + AxisWidth;
        var gridTop = flow.Y;
        var regular = FontMetrics.For(FontFace.Regular);
        var bold = FontMetrics.For(FontFace.Bold);

        flow.Add(new TextOp(ContentLeft, Baseline(gridTop, SmallLine, SmallSize), "Likelihood", FontFace.Italic, SmallSize, Muted));
        for (var row = 0; row < HeatMapBlock.Size; row++)
        {
            var likelihood = HeatMapBlock.Size - row;
            var top = gridTop + row * CellHeight;
            var label = likelihood.ToString(CultureInfo.InvariantCulture);
            flow.Add(new TextOp(gridLeft - 8 - regular.Measure(label, SmallSize + 1), Baseline(top, CellHeight, SmallSize + 1), label, FontFace.Regular, SmallSize + 1, Text));
            for (var impact = 1; impact <= HeatMapBlock.Size; impact++)
            {
                var left = gridLeft + (impact - 1) * CellWidth;
                flow.Add(new BoxOp(left, top, CellWidth, CellHeight, Tint(HeatMapBlock.ToneOf(likelihood, impact))));
                var count = map.Count(likelihood, impact);
                var text = count.ToString(CultureInfo.InvariantCulture);
                var face = count > 0 ? FontFace.Bold : FontFace.Regular;
                var width = (count > 0 ? bold : regular).Measure(text, BodySize);
                flow.Add(new TextOp(left + (CellWidth - width) / 2, Baseline(top, CellHeight, BodySize, face), text, face, BodySize, count > 0 ? Text : Muted));
            }
        }
        // White grid lines over the tinted cells.
        for (var i = 0; i <= HeatMapBlock.Size; i++)
        {
            flow.Add(new LineOp(gridLeft, gridTop + i * CellHeight, gridLeft + HeatMapBlock.Size * CellWidth, gridTop + i * CellHeight, White, 1.5));
            flow.Add(new LineOp(gridLeft + i * CellWidth, gridTop, gridLeft + i * CellWidth, gridTop + HeatMapBlock.Size * CellHeight, White, 1.5));
        }
        var axisTop = gridTop + HeatMapBlock.Size * CellHeight + 2;
        for (var impact = 1; impact <= HeatMapBlock.Size; impact++)
        {
            var label = impact.ToString(CultureInfo.InvariantCulture);
            var left = gridLeft + (impact - 1) * CellWidth + (CellWidth - regular.Measure(label, SmallSize + 1)) / 2;
            flow.Add(new TextOp(left, Baseline(axisTop, SmallLine, SmallSize + 1), label, FontFace.Regular, SmallSize + 1, Text));
        }
        var impactTitle = "Impact";
        flow.Add(new TextOp(gridLeft + (HeatMapBlock.Size * CellWidth - regular.Measure(impactTitle, SmallSize)) / 2,
            Baseline(axisTop + SmallLine, SmallLine, SmallSize), impactTitle, FontFace.Italic, SmallSize, Muted));
        Legend(flow, gridLeft + HeatMapBlock.Size * CellWidth + 24, gridTop);
        flow.Y = axisTop + 2 * SmallLine + 4;
        flow.Gap(BlockGap);
    }

    private static void Legend(PageFlow flow, double left, double top)
    {
        var tones = new[] { (Tone.Critical, "Critical"), (Tone.High, "High"), (Tone.Medium, "Medium"), (Tone.Low, "Low") };
        for (var i = 0; i < tones.Length; i++)
        {
            var y = top + i * (SmallLine + 4);
            flow.Add(new BoxOp(left, y + 1.5, 10, SmallLine - 3, Tint(tones[i].Item1)));
            flow.Add(new TextOp(left + 15, Baseline(y, SmallLine, SmallSize), tones[i].Item2, FontFace.Regular, SmallSize, Text));
        }
    }

    private static void Title(PageFlow flow, string title)
    {
        var text = TextEmitter.Fit(title, FontFace.Bold, BodySize, ContentWidth);
        flow.Add(new TextOp(ContentLeft, Baseline(flow.Y, BodyLine, BodySize, FontFace.Bold), text, FontFace.Bold, BodySize, Text));
        flow.Y += BodyLine + 4;
    }
}
