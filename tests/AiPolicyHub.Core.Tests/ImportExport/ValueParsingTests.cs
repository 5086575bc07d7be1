using System.Globalization;
using AiPolicyHub.Core.ImportExport;

namespace AiPolicyHub.Core.Tests.ImportExport;

public class ValueParsingTests
{
    [Theory]
    [InlineData("2027-03-31")]
    [InlineData(" 2024-02-29 ")]
    [InlineData("2023-02-29")]
    [InlineData("2027-13-01")]
    [InlineData("0000-01-01")]
    [InlineData("2027-3-31")]
    [InlineData("2027-03-3x")]
    [InlineData("+027-03-31")]
    [InlineData("2027/03/31")]
    [InlineData("31.03.2027")]
    [InlineData("2027-03-31T10:00:00")]
    public void A_date_reads_as_the_listed_formats_read_it_the_iso_date_included(string text)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "d-M-yyyy", "dd-MM-yyyy", "d.M.yyyy", "dd.MM.yyyy", "M/d/yyyy", "MM/dd/yyyy",
            "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];
        var expected = DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
            ? DateOnly.FromDateTime(parsed) : (DateOnly?)null;

        Assert.Equal(expected, ValueParsing.TryDate(text, out var date) ? date : null);
    }
}
