using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Data;

public class RestartTests
{
    [Fact]
    public async Task A_restart_keeps_users_and_sessions_and_does_not_create_another_administrator()
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-restart-").FullName;
        try
        {
            string adminId;
            string sessionCookie;
            using (var first = AppFactory.OnDataFolder(folder))
            {
                var client = first.CreateBrowserlikeClient();
                var signIn = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
                sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AiPolicyHub.Session="));
                await using var scope = first.Services.CreateAsyncScope();
                adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(AppFactory.AdminEmail))!.Id;
            }

            using var second = AppFactory.OnDataFolder(folder);
            await using (var scope = second.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                Assert.Equal(adminId, Assert.Single(users.Users).Id);
            }
            // The data-protection keys live in the database, so the old session cookie is still valid.
            var resumed = second.CreateBrowserlikeClient();
            resumed.DefaultRequestHeaders.Add("Cookie", sessionCookie.Split(';')[0]);
            var home = await resumed.GetAsync("/");
            Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            AiPolicyHub.Tests.Shared.TestDatabase.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
