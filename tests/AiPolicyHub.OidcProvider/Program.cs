using System.Text.Json;
using AiPolicyHub.OidcProvider;

// dotnet AiPolicyHub.OidcProvider.dll --port 5999 --client-id aipolicyhub --client-secret S --redirect-uri http://127.0.0.1:5080/signin-oidc --users users.json
// users.json: [{"userName":"dana","password":"…","name":"Dana Manager","email":"dana@example.com","groups":["aiph-managers"],"department":"Finance"}]
var options = args.Chunk(2).Where(pair => pair.Length == 2 && pair[0].StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(pair => pair[0][2..], pair => pair[1], StringComparer.OrdinalIgnoreCase);
string Required(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is missing.");

var users = JsonSerializer.Deserialize<List<TestUser>>(await File.ReadAllTextAsync(Required("users")), JsonSerializerOptions.Web) ?? [];
await using var provider = await TestIdentityProvider.StartAsync(int.Parse(Required("port"), System.Globalization.CultureInfo.InvariantCulture),
    Required("client-id"), Required("client-secret"), new Uri(Required("redirect-uri")), users);
Console.WriteLine($"Test identity provider listening at {provider.Issuer}");
// Ctrl+C or SIGTERM stops the web host (its console lifetime handles both); then the provider is disposed.
await provider.WaitForShutdownAsync();
