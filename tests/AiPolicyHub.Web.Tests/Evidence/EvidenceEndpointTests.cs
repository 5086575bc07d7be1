using System.Net;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Tests.Api;

namespace AiPolicyHub.Web.Tests.Evidence;

/// <summary>The evidence upload and download endpoints on the real pipeline: limits, names, bytes, headers, versions, roles.</summary>
public sealed class EvidenceEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> DetailOf(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString() ?? "";
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_a_message_before_it_is_read()
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var session = await EvidenceSession.StartAsync(app, manager);

        var declaredTooLarge = await session.AttachAsync(workflow, "scan.pdf", new byte[26 * 1024 * 1024]);
        // Just over 25 MB: within the form's room for its other fields, so the register reads it and stops at the limit.
        var justOver = new byte[25 * 1024 * 1024 + 1];
        EvidenceSession.Pdf.CopyTo(justOver, 0);
        var readTooLarge = await session.AttachAsync(workflow, "scan.pdf", justOver);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declaredTooLarge.StatusCode);
        Assert.Contains("AiPolicyHub keeps files of up to 25 MB", await DetailOf(declaredTooLarge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, readTooLarge.StatusCode);
        Assert.Equal("“scan.pdf” is larger than 25 MB, the most AiPolicyHub keeps for one file.", await DetailOf(readTooLarge));
    }

    [Fact]
    public async Task A_file_whose_bytes_contradict_its_name_is_refused_with_a_message()
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var session = await EvidenceSession.StartAsync(app, manager);

        var response = await session.AttachAsync(workflow, "report.pdf", EvidenceSession.Png);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("“report.pdf” is named as a PDF document (.pdf) but its contents are a PNG image", await DetailOf(response));
    }

    [Theory]
    [InlineData("../../etc/report.pdf")]
    [InlineData("C:\\Users\\me\\report.pdf")]
    public async Task A_file_name_with_path_characters_is_refused_with_a_message(string name)
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var session = await EvidenceSession.StartAsync(app, manager);

        var response = await session.AttachAsync(workflow, name, EvidenceSession.Pdf);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("looks like a path", await DetailOf(response));
    }

    [Fact]
    public async Task Downloads_are_attachments_with_the_stored_type_and_nosniff_and_replacing_keeps_the_versions()
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var session = await EvidenceSession.StartAsync(app, manager);
        var attached = await session.AttachAsync(workflow, "soc2.pdf", EvidenceSession.Pdf);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        using var answer = JsonDocument.Parse(await attached.Content.ReadAsStringAsync());
        var id = answer.RootElement.GetProperty("id").GetInt32();
        var second = "%PDF-1.7\nthe renewed report\n%%EOF\n"u8.ToArray();
        var replaced = await session.ReplaceAsync(id, answer.RootElement.GetProperty("version").GetInt32(), "soc2-2027.pdf", second);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        // Staff see every workflow, so they read its evidence too.
        var staff = await EvidenceSession.StartAsync(app, await app.CreateTokenUserAsync(Roles.Staff));
        var first = await staff.Client.GetAsync($"/evidence/{id}/versions/1");
        var latest = await staff.Client.GetAsync($"/evidence/{id}/versions/2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("soc2.pdf", first.Content.Headers.ContentDisposition?.FileNameStar ?? first.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], first.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(EvidenceSession.Pdf, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", latest.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(second, await latest.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync($"/evidence/{id}/versions/3")).StatusCode);
    }

    [Fact]
    public async Task Uploads_need_the_antiforgery_token_and_a_role_that_may_change_the_record()
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var session = await EvidenceSession.StartAsync(app, manager);
        var staff = await EvidenceSession.StartAsync(app, await app.CreateTokenUserAsync(Roles.Staff));

        var withoutToken = await session.AttachAsync(workflow, "soc2.pdf", EvidenceSession.Pdf, withToken: false);
        var byStaff = await staff.AttachAsync(workflow, "soc2.pdf", EvidenceSession.Pdf);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Contains("Only managers of the workflow's department and compliance officers", await DetailOf(byStaff));
    }

    [Fact]
    public async Task Anonymous_visitors_get_no_file()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/evidence/1/versions/1");

        Assert.True(AppFactory.IsRedirectTo(response, "/account/sign-in"), $"{response.StatusCode} {response.Headers.Location}");
    }
}

/// <summary>The evidence in the REST API, with a token: per record, the index for compliance, and downloads.</summary>
public sealed class EvidenceApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_token_lists_a_records_evidence_with_its_versions_and_downloads_a_file_and_only_compliance_gets_the_index()
    {
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(app);
        var attached = await (await EvidenceSession.StartAsync(app, manager)).AttachAsync(workflow, "dpia.pdf", EvidenceSession.Pdf, "Impact assessment");
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var staff = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);
        var officer = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);

        var listed = await staff.GetAsync($"/api/v1/evidence?subjectKind=Workflow&subjectId={workflow}");
        using var list = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("Impact assessment", item.GetProperty("description").GetString());
        var id = item.GetProperty("id").GetInt32();
        Assert.Equal("dpia.pdf", item.GetProperty("versions")[0].GetProperty("fileName").GetString());
        var file = await staff.GetAsync($"/api/v1/evidence/{id}/versions/1");
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(EvidenceSession.Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/v1/evidence?subjectKind=Workflow&subjectId=999999")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/v1/evidence/index")).StatusCode);
        using var index = JsonDocument.Parse(await officer.GetStringAsync("/api/v1/evidence/index"));
        var row = index.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        Assert.Equal(("dpia.pdf", 1), (row.GetProperty("fileName").GetString(), row.GetProperty("fileVersions").GetInt32()));
        Assert.StartsWith("Evidence workflow", row.GetProperty("subjectName").GetString());
    }
}
