using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// What a sign-in costs with the app's real settings: hashing and verifying a password the way
/// IdentityRegistration configures <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512,
/// IdentityV3, <see cref="SecurityOptions.PasswordHashIterations"/> iterations), and finding the
/// user by normalized user name in a SQLite database built by the app's migrations.
/// </summary>
public sealed class AuthBenchmark : IBenchmarkArea
{
    private const int HashWarmup = 2, HashIterations = 20;
    private const int UserCount = 10_000, LookupWarmup = 500, LookupIterations = 5_000;
    private const string Password = "correct horse battery staple";

    public string Name => "auth";

    public string Description => "sign-in cost: PBKDF2 hash/verify with the app's settings, SQLite user lookup among 10,000 users";

    public async Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0)
        {
            throw new BenchmarkUsageException($"The auth area takes no arguments (got: {string.Join(' ', args)}).");
        }

        var iterations = new SecurityOptions().PasswordHashIterations;
        var hasher = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        report.Figure("pbkdf2_iterations", iterations, "iterations");

        var user = new AppUser { UserName = "someone@example.org" };
        var hash = MeasurePasswords(report, hasher, user, cancellationToken);
        await MeasureUserLookupAsync(report, hash, cancellationToken);
    }

    private static string MeasurePasswords(Report report, PasswordHasher<AppUser> hasher, AppUser user, CancellationToken cancellationToken)
    {
        var hash = "";
        report.Timing(Measure.Run("password_hash", HashWarmup, HashIterations, _ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash = hasher.HashPassword(user, Password);
        }), TimeUnit.Milliseconds);

        report.Timing(Measure.Run("password_verify", HashWarmup, HashIterations, _ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Success, not SuccessRehashNeeded: the hash was made with the settings being measured.
            var result = hasher.VerifyHashedPassword(user, hash, Password);
            if (result != PasswordVerificationResult.Success)
            {
                throw new InvalidOperationException($"Password verification returned {result}.");
            }
        }), TimeUnit.Milliseconds);
        return hash;
    }

    private static async Task MeasureUserLookupAsync(Report report, string passwordHash, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-");
        try
        {
            // Options built once and a context per lookup, as the app's DI does (one scope per request).
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseConfiguredDatabase(new DatabaseOptions { DataFolder = folder.FullName });
            var options = builder.Options;

            await using (var db = new AppDbContext(options))
            {
                // What DatabaseInitializer does: migrate, then WAL (stored in the file).
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await SeedUsersAsync(db, passwordHash, cancellationToken);
            }

            var normalizer = new UpperInvariantLookupNormalizer();
            var random = new Random(20261122);
            var keys = Enumerable.Range(0, LookupWarmup + LookupIterations)
                .Select(_ => normalizer.NormalizeName(UserName(random.Next(UserCount))))
                .ToArray();

            // What sign-in pays: a fresh context (the request's scope) running the query
            // UserStore.FindByNameAsync runs for UserManager.FindByNameAsync (tracking, FirstOrDefault).
            report.Timing(await Measure.RunAsync("sqlite_user_lookup", LookupWarmup, LookupIterations, async i =>
            {
                await using var db = new AppDbContext(options);
                EnsureFound(await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == keys[i], cancellationToken), keys[i]);
            }), TimeUnit.Microseconds);

            // The query alone, on one open context without tracking: the difference to the figure
            // above is what a context per request (scoped services, connection, tracking) costs.
            await using (var db = new AppDbContext(options))
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                report.Timing(await Measure.RunAsync("sqlite_user_query", LookupWarmup, LookupIterations, async i =>
                {
                    EnsureFound(await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == keys[i], cancellationToken), keys[i]);
                }), TimeUnit.Microseconds);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // pooled connections keep the file open
            folder.Delete(recursive: true);
        }
    }

    private static async Task SeedUsersAsync(AppDbContext db, string passwordHash, CancellationToken cancellationToken)
    {
        var normalizer = new UpperInvariantLookupNormalizer();
        var createdAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var n = 0; n < UserCount; n++)
        {
            var name = UserName(n);
            db.Users.Add(new AppUser
            {
                UserName = name, // the app signs in by e-mail address, so user name = e-mail
                NormalizedUserName = normalizer.NormalizeName(name),
                Email = name,
                NormalizedEmail = normalizer.NormalizeEmail(name),
                DisplayName = $"User {n:D5}",
                PasswordHash = passwordHash, // realistic row size; one real hash reused
                CreatedAt = createdAt.AddMinutes(n),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static void EnsureFound(AppUser? user, string normalizedUserName)
    {
        if (user is null)
        {
            throw new InvalidOperationException($"User '{normalizedUserName}' not found.");
        }
    }

    private static string UserName(int n) => $"user{n:D5}@example.org";
}
