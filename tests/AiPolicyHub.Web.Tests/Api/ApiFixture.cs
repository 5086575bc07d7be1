using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Users with API tokens on one app, and what the API tests need to set up around them.</summary>
public static class ApiFixture
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record TokenUser(string UserId, string Email, string Token, int TokenId);

    /// <summary>A new user with <paramref name="role"/> (managing <paramref name="departmentIds"/>) and a token they created for themselves.</summary>
    public static async Task<TokenUser> CreateTokenUserAsync(this AppFactory app, string role, int days = 30, params int[] departmentIds)
    {
        var email = await app.CreateUserAsync(role, "api test password");
        await using var scope = app.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
        if (departmentIds.Length > 0)
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.DepartmentManagers.AddRange(departmentIds.Select(d => new DepartmentManager { DepartmentId = d, UserId = user.Id }));
            await db.SaveChangesAsync();
        }
        var created = await app.Services.GetRequiredService<ApiTokens>().CreateAsync(PrincipalOf(user.Id), "test token", days);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return new TokenUser(user.Id, email, created.Value!.Secret, created.Value.Token.Id);
    }

    public static ClaimsPrincipal PrincipalOf(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));

    /// <summary>A client that sends <paramref name="token"/> as a bearer token and keeps no cookies.</summary>
    public static HttpClient ClientWith(this AppFactory app, string? token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public static async Task<int> AddDepartmentAsync(this AppFactory app, string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var department = db.Departments.Add(new Department { Name = name }).Entity;
        await db.SaveChangesAsync();
        return department.Id;
    }

    public static async Task<int> ClassificationIdAsync(this AppFactory app, string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.ClassificationLevels.Where(l => l.Name == name).Select(l => l.Id).SingleAsync();
    }

    /// <summary>A valid new workflow's JSON body in <paramref name="departmentId"/>.</summary>
    public static Dictionary<string, object?> NewWorkflow(string name, int departmentId, int classificationId) => new()
    {
        ["name"] = name,
        ["departmentId"] = departmentId,
        ["purpose"] = "Drafts answers to customer questions for an agent to check.",
        ["toolIds"] = Array.Empty<int>(),
        ["stage"] = "Pilot",
        ["autonomy"] = "Draft",
        ["audience"] = "CustomerFacing",
        ["dataClassificationId"] = classificationId,
        ["dataCategories"] = "CustomerData",
        ["oversight"] = "ReviewBeforeUse",
        ["approvingRole"] = "Team lead",
        ["reviewCadenceMonths"] = 6,
        ["status"] = "Draft",
    };

    /// <summary>A valid new tool's JSON body, allowed data up to <paramref name="classificationId"/>.</summary>
    public static Dictionary<string, object?> NewTool(string name, int classificationId) => new()
    {
        ["name"] = name,
        ["vendor"] = "Example Vendor",
        ["deployment"] = "Saas",
        ["capabilities"] = "Text, Code",
        ["trainsOnOurData"] = "No",
        ["maxClassificationId"] = classificationId,
        ["approvalStatus"] = "Proposed",
    };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json);

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
