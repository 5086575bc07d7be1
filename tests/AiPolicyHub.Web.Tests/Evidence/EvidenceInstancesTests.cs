using System.Net;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Tests.Api;

namespace AiPolicyHub.Web.Tests.Evidence;

/// <summary>Two app instances over one database (PostgreSQL when AIPOLICYHUB_TEST_POSTGRES is set, as in CI's second pass).</summary>
public sealed class EvidenceInstancesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aipolicyhub-evidence-").FullName;

    [Fact]
    public async Task A_file_uploaded_on_one_instance_is_downloaded_from_the_other()
    {
        await using var first = AppFactory.OnDataFolder(folder);
        await using var second = AppFactory.OnDataFolder(folder);
        var (workflow, manager) = await EvidenceSession.WorkflowWithManagerAsync(first);
        var uploader = await EvidenceSession.StartAsync(first, manager);
        var reader = await EvidenceSession.StartAsync(second, await second.CreateTokenUserAsync(Roles.Staff));

        var attached = await uploader.AttachAsync(workflow, "dpia.pdf", EvidenceSession.Pdf);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var id = JsonDocument.Parse(await attached.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var download = await reader.Client.GetAsync($"/evidence/{id}/versions/1");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(EvidenceSession.Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    public void Dispose()
    {
        AiPolicyHub.Tests.Shared.TestDatabase.Drop(folder);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
