using System.IO.Compression;
using System.Xml;

namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>
/// Reads an XLSX workbook's parts as streams before the workbook reader sees them, and refuses one that would cost far more
/// memory than its size suggests: a part (sheet, shared strings, anything else) that inflates beyond
/// <see cref="ImportLimits.MaxInflatedPartBytes"/>, or a cell text longer than <see cref="ImportLimits.MaxCellLength"/> — the
/// limit a CSV cell has. A 410 KB file holding one 400 MB cell used to take the server to 2 GB. Nothing of an oversized value
/// is kept or echoed: text is counted in chunks, never read whole.
/// </summary>
internal static class XlsxPreflight
{
    public static void Check(Stream seekable)
    {
        var start = seekable.Position;
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                CheckPart(entry);
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("This file is not a readable XLSX workbook (it may be damaged, password-protected or another kind of file). " +
                "Save it again as .xlsx, or export it as CSV.");
        }
        finally
        {
            seekable.Position = start;
        }
    }

    private static void CheckPart(ZipArchiveEntry entry)
    {
        if (entry.Length > ImportLimits.MaxInflatedPartBytes)
        {
            throw TooLarge(entry);
        }
        using var inflated = new LimitedStream(entry.Open(), ImportLimits.MaxInflatedPartBytes, () => TooLarge(entry));
        var isCells = entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
            || entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
        if (!isCells)
        {
            inflated.CopyTo(Stream.Null);
            return;
        }
        using var xml = XmlReader.Create(inflated, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var buffer = new char[8192];
        var row = "";
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row")
                {
                    // Only a row number is ever repeated back; anything else in the attribute is not.
                    row = int.TryParse(xml.GetAttribute("r"), out var number) ? number.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "";
                }
                else if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    long length = 0;
                    int read;
                    while ((read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        length += read;
                        if (length > ImportLimits.MaxCellLength)
                        {
                            var what = entry.FullName.Contains("sharedStrings", StringComparison.OrdinalIgnoreCase) ? "A text in the workbook"
                                : row.Length > 0 ? $"A cell in row {row}" : "A cell";
                            throw new ImportFileException($"{what} is longer than {ImportLimits.MaxCellLength:N0} characters, the most a cell may hold. "
                                + "Shorten it, or leave it out of the import.");
                        }
                    }
                }
            }
        }
        catch (XmlException)
        {
            throw new ImportFileException($"The workbook part {entry.FullName} is not well-formed XML: the file may be damaged. Save it again as .xlsx.");
        }
    }

    private static ImportFileException TooLarge(ZipArchiveEntry entry) => new(
        $"The workbook part {entry.FullName} unpacks to more than {ImportLimits.MaxInflatedPartBytes / 1024 / 1024} MB, the most AiPolicyHub reads "
        + "(the file is compressed far more than a spreadsheet of this size would be). Split the workbook, or export it as CSV.");

    /// <summary>Passes reads through until <paramref name="limit"/> bytes have come out, then throws what <paramref name="tooLarge"/> makes.</summary>
    private sealed class LimitedStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
    {
        private long total;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            total += read;
            if (total > limit)
            {
                throw tooLarge();
            }
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
