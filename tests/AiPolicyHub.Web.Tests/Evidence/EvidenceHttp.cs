using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Evidence;

/// <summary>A signed-in browser session for the evidence endpoints: its cookies and the antiforgery token its pages carry.</summary>
public sealed record EvidenceSession(HttpClient Client, string Token)
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>Signs <paramref name="user"/> in on <paramref name="app"/> as a browser would, and reads the token from a page.</summary>
    public static async Task<EvidenceSession> StartAsync(AppFactory app, ApiFixture.TokenUser user)
    {
        var client = app.CreateBrowserlikeClient();
        var signedIn = await AppFactory.SignInAsync(client, user.Email, "api test password");
        Assert.True(AppFactory.IsRedirectTo(signedIn, "/"), $"Sign-in answered {signedIn.StatusCode} {signedIn.Headers.Location}");
        var page = await client.GetStringAsync("/check");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The page carries no antiforgery token.");
        return new EvidenceSession(client, token);
    }

    /// <summary>Posts a file to attach to a workflow, as the evidence panel does (the token in the header).</summary>
    public Task<HttpResponseMessage> AttachAsync(int workflowId, string fileName, byte[] bytes, string description = "Vendor SOC 2 report 2026",
        bool withToken = true) => AttachToAsync("Workflow", workflowId, fileName, bytes, description, withToken);

    /// <summary>Posts a file to attach to any subject (<c>Workflow</c>, <c>Tool</c>, …).</summary>
    public Task<HttpResponseMessage> AttachToAsync(string subjectKind, int subjectId, string fileName, byte[] bytes,
        string description = "Vendor SOC 2 report 2026", bool withToken = true) => PostAsync("/evidence", fileName, bytes, withToken, new()
        {
            ["subjectKind"] = subjectKind, ["subjectId"] = subjectId.ToString(), ["description"] = description, ["producedOn"] = "2026-11-01",
        });

    public Task<HttpResponseMessage> ReplaceAsync(int evidenceId, int version, string fileName, byte[] bytes) =>
        PostAsync($"/evidence/{evidenceId}/versions", fileName, bytes, true, new() { ["version"] = version.ToString() });

    private async Task<HttpResponseMessage> PostAsync(string address, string fileName, byte[] bytes, bool withToken, Dictionary<string, string> fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // The name as a browser sends it, unchanged (the framework's own quoting would escape backslashes).
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = $"\"{fileName}\"" };
        form.Add(file);
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = form };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", Token);
        }
        return await Client.SendAsync(request);
    }

    /// <summary>A workflow of a new department, created by <paramref name="manager"/> who manages it.</summary>
    public static async Task<(int Workflow, ApiFixture.TokenUser Manager)> WorkflowWithManagerAsync(AppFactory app)
    {
        var department = await app.AddDepartmentAsync($"Evidence {Guid.NewGuid():N}");
        var manager = await app.CreateTokenUserAsync(Core.Identity.Roles.Manager, 30, department);
        var saved = await app.Services.GetRequiredService<WorkflowInventory>().SaveAsync(ApiFixture.PrincipalOf(manager.UserId), null, new WorkflowForm
        {
            Name = $"Evidence workflow {Guid.NewGuid():N}"[..30], DepartmentId = department, Purpose = "Drafts replies for an agent to check.",
            Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.Internal,
            DataClassificationId = await app.ClassificationIdAsync("Internal"), Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead",
            ReviewCadenceMonths = 6,
        });
        Assert.True(saved.Status == SaveStatus.Saved, saved.Message);
        return (saved.Id, manager);
    }
}
