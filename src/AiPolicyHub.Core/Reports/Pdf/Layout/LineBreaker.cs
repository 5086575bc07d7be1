using System.Text;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>A run of printable text in one face, possibly a link.</summary>
internal readonly record struct StyledText(string Text, FontFace Face, string? Link = null);

/// <summary>Part of a line in one face; X is relative to the line's start.</summary>
internal sealed record LineFragment(double X, double Width, string Text, FontFace Face, string? Link);

internal sealed record TextLine(IReadOnlyList<LineFragment> Fragments, double Width)
{
    public static readonly TextLine Empty = new([], 0);
}

/// <summary>
/// Greedy line breaking: lines break at spaces only (never with a hyphen), runs of spaces collapse to
/// one, a line feed starts a new line, and a word wider than the line is broken between characters.
/// Words may span styles ("<b>bold</b>,") and stay together. Linear in the text's length.
/// </summary>
internal static class LineBreaker
{
    /// <summary>One plain run; the common table-cell case that fits on one line costs one measurement and no copy.</summary>
    public static IReadOnlyList<TextLine> Break(string printable, FontFace face, double size, double maxWidth)
    {
        if (printable.Length == 0)
        {
            return [];
        }
        if (!printable.Contains('\n'))
        {
            var width = FontMetrics.For(face).Measure(printable, size);
            if (width <= maxWidth && !printable.StartsWith(' ') && !printable.EndsWith(' ') && !printable.Contains("  ", StringComparison.Ordinal))
            {
                return [new TextLine([new LineFragment(0, width, printable, face, null)], width)];
            }
        }
        return Break([new StyledText(printable, face)], size, maxWidth);
    }

    public static IReadOnlyList<TextLine> Break(IReadOnlyList<StyledText> runs, double size, double maxWidth)
    {
        var assembler = new LineAssembler(size, maxWidth);
        foreach (var run in runs)
        {
            var text = run.Text;
            var wordStart = 0;
            for (var i = 0; i <= text.Length; i++)
            {
                var atEnd = i == text.Length;
                if (!atEnd && text[i] != ' ' && text[i] != '\n')
                {
                    continue;
                }
                if (i > wordStart)
                {
                    assembler.AddWordPiece(run, wordStart, i - wordStart);
                }
                if (!atEnd)
                {
                    if (text[i] == ' ')
                    {
                        assembler.Space(run);
                    }
                    else
                    {
                        assembler.HardBreak();
                    }
                }
                wordStart = i + 1;
            }
        }
        return assembler.Finish();
    }

    /// <summary>Collects word pieces until a break opportunity, then places the word on the current or a new line.</summary>
    private sealed class LineAssembler(double size, double maxWidth)
    {
        private readonly List<TextLine> lines = [];
        private readonly List<(StyledText Run, int Start, int Length, double Width)> word = [];
        private List<LineFragment> fragments = [];
        private readonly StringBuilder fragmentText = new();
        private FontFace fragmentFace;
        private string? fragmentLink;
        private double fragmentX, lineWidth;
        private StyledText? pendingSpace;

        public void AddWordPiece(StyledText run, int start, int length)
        {
            var width = FontMetrics.For(run.Face).Measure(run.Text.AsSpan(start, length), size);
            word.Add((run, start, length, width));
        }

        public void Space(StyledText run)
        {
            PlaceWord();
            if (lineWidth > 0 || fragmentText.Length > 0)
            {
                pendingSpace ??= run;
            }
        }

        public void HardBreak()
        {
            PlaceWord();
            EndLine();
        }

        public IReadOnlyList<TextLine> Finish()
        {
            PlaceWord();
            if (fragmentText.Length > 0 || fragments.Count > 0)
            {
                EndLine();
            }
            return lines;
        }

        private void PlaceWord()
        {
            if (word.Count == 0)
            {
                return;
            }
            var wordWidth = 0.0;
            foreach (var piece in word)
            {
                wordWidth += piece.Width;
            }
            var lineHasText = fragmentText.Length > 0 || fragments.Count > 0;
            var spaceWidth = lineHasText && pendingSpace is { } space ? FontMetrics.For(space.Face).Measure(' ', size) : 0;
            if (lineHasText && lineWidth + spaceWidth + wordWidth > maxWidth)
            {
                EndLine();
                lineHasText = false;
            }
            if (lineHasText && pendingSpace is { } before)
            {
                Append(" ", 0, 1, before.Face, before.Link, spaceWidth);
            }
            pendingSpace = null;
            foreach (var piece in word)
            {
                if (lineWidth + piece.Width <= maxWidth + 0.001)
                {
                    Append(piece.Run.Text, piece.Start, piece.Length, piece.Run.Face, piece.Run.Link, piece.Width);
                }
                else
                {
                    AppendByCharacters(piece.Run, piece.Start, piece.Length);
                }
            }
            word.Clear();
        }

        /// <summary>A word longer than a line: as many characters as fit, then the rest on following lines.</summary>
        private void AppendByCharacters(StyledText run, int start, int length)
        {
            var metrics = FontMetrics.For(run.Face);
            var end = start + length;
            while (start < end)
            {
                var count = 0;
                var width = 0.0;
                while (start + count < end)
                {
                    var next = metrics.Measure(run.Text[start + count], size);
                    if (lineWidth + width + next > maxWidth && (count > 0 || lineWidth > 0))
                    {
                        break;
                    }
                    width += next;
                    count++;
                }
                if (count > 0)
                {
                    Append(run.Text, start, count, run.Face, run.Link, width);
                    start += count;
                }
                if (start < end)
                {
                    EndLine();
                }
            }
        }

        private void Append(string text, int start, int length, FontFace face, string? link, double width)
        {
            if (fragmentText.Length > 0 && (face != fragmentFace || !string.Equals(link, fragmentLink, StringComparison.Ordinal)))
            {
                CloseFragment();
            }
            if (fragmentText.Length == 0)
            {
                fragmentFace = face;
                fragmentLink = link;
                fragmentX = lineWidth;
            }
            fragmentText.Append(text, start, length);
            lineWidth += width;
        }

        private void CloseFragment()
        {
            if (fragmentText.Length == 0)
            {
                return;
            }
            fragments.Add(new LineFragment(fragmentX, lineWidth - fragmentX, fragmentText.ToString(), fragmentFace, fragmentLink));
            fragmentText.Clear();
        }

        private void EndLine()
        {
            CloseFragment();
            lines.Add(fragments.Count == 0 ? TextLine.Empty : new TextLine(fragments, lineWidth));
            fragments = [];
            lineWidth = 0;
            pendingSpace = null;
        }
    }
}
