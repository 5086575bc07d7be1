using AiPolicyHub.Core.Evidence;

namespace AiPolicyHub.Core.Tests.Evidence;

public class EvidenceFilesTests
{
    public static TheoryData<string, byte[], string> KeptFiles => new()
    {
        { "assessment.pdf", EvidenceSamples.Pdf, "application/pdf" },
        { "diagram.PNG", EvidenceSamples.Png, "image/png" },
        { "photo.jpg", EvidenceSamples.Jpeg, "image/jpeg" },
        { "photo.jpeg", EvidenceSamples.Jpeg, "image/jpeg" },
        { "chart.gif", EvidenceSamples.Gif, "image/gif" },
        { "dpia.docx", EvidenceSamples.Word, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "controls.xlsx", EvidenceSamples.Excel, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "review.pptx", EvidenceSamples.PowerPoint, "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "notes.txt", EvidenceSamples.Text(), "text/plain; charset=utf-8" },
        { "samples.csv", EvidenceSamples.Text("id,result\n1,ok\n"), "text/csv; charset=utf-8" },
        { "README.md", EvidenceSamples.Text("# Müller's review ✓\n"), "text/markdown; charset=utf-8" },
    };

    [Theory, MemberData(nameof(KeptFiles))]
    public void A_file_is_kept_with_the_type_its_bytes_show(string name, byte[] bytes, string contentType)
    {
        var result = EvidenceFiles.Inspect(name, bytes);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(contentType, result.Value!.ContentType);
    }

    [Fact]
    public void A_png_named_as_a_pdf_is_refused_and_the_message_says_what_it_really_is()
    {
        var result = EvidenceFiles.Inspect("report.pdf", EvidenceSamples.Png);

        Assert.False(result.Succeeded);
        Assert.Equal("“report.pdf” is named as a PDF document (.pdf) but its contents are a PNG image; rename it to its real type, or choose the right file.",
            Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("report.docx")]   // a Word name on an Excel workbook
    [InlineData("notes.txt")]     // text name on a PDF
    public void Office_and_text_names_on_other_contents_are_refused(string name)
    {
        var bytes = name.EndsWith(".docx", StringComparison.Ordinal) ? EvidenceSamples.Excel : EvidenceSamples.Pdf;

        Assert.Contains("but its contents are", Assert.Single(EvidenceFiles.Inspect(name, bytes).Errors));
    }

    [Fact]
    public void An_executable_renamed_to_pdf_or_txt_is_refused_as_an_unknown_binary()
    {
        foreach (var name in new[] { "invoice.pdf", "invoice.txt" })
        {
            var error = Assert.Single(EvidenceFiles.Inspect(name, EvidenceSamples.Executable).Errors);
            Assert.StartsWith($"The contents of “{name}” are not a file AiPolicyHub keeps", error);
        }
    }

    [Fact]
    public void A_zip_that_is_not_an_office_file_is_refused_under_an_office_name() =>
        Assert.StartsWith("The contents of “dpia.docx” are not a file", Assert.Single(EvidenceFiles.Inspect("dpia.docx", EvidenceSamples.PlainZip).Errors));

    [Fact]
    public void Text_with_a_nul_character_or_invalid_utf8_is_not_text()
    {
        Assert.False(EvidenceFiles.Inspect("notes.txt", [0x68, 0x69, 0x00, 0x21]).Succeeded);
        Assert.False(EvidenceFiles.Inspect("notes.txt", [0x68, 0xC3, 0x28]).Succeeded);
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "looks like a path")]
    [InlineData("folder/report.pdf", "looks like a path")]
    [InlineData("C:\\Users\\me\\report.pdf", "looks like a path")]
    [InlineData("report\u0000.pdf", "control characters")]
    [InlineData("report\n.pdf", "control characters")]
    [InlineData("evil\u202Efdp.exe", "control characters")]
    [InlineData("..", "is not a file name")]
    [InlineData(".pdf", "is not a file name")]
    [InlineData("report", "has no extension")]
    [InlineData("setup.exe", "Files ending “.exe” cannot be attached")]
    [InlineData("page.html", "Files ending “.html” cannot be attached")]
    [InlineData("drawing.svg", "Files ending “.svg” cannot be attached")]
    [InlineData("", "has no name")]
    public void Names_with_paths_control_characters_or_unknown_types_are_refused_with_a_message(string name, string message)
    {
        Assert.Contains(message, EvidenceFiles.NameProblem(name));
        Assert.False(EvidenceFiles.Inspect(name, EvidenceSamples.Pdf).Succeeded);
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        Assert.Equal("“empty.txt” is empty.", Assert.Single(EvidenceFiles.Inspect("empty.txt", []).Errors));

    [Fact]
    public void A_name_longer_than_255_characters_is_refused() =>
        Assert.Contains("shorten it to 255", EvidenceFiles.NameProblem(new string('a', 252) + ".pdf"));
}
