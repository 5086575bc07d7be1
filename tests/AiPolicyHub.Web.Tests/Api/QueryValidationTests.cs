using System.Net;
using System.Text;
using System.Text.Json;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>
/// A query value the API does not take answers 400 with a problem naming the parameter, never a 500. The fuzz test walks every
/// operation of the OpenAPI document (which OpenApiDocumentTests proves lists every /api/v1 endpoint).
/// </summary>
public sealed class QueryValidationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/api/v1/workflows?sort=-1", "sort")]
    [InlineData("/api/v1/workflows?sort=99", "sort")]
    [InlineData("/api/v1/workflows?status=Nonsense", "status")]
    [InlineData("/api/v1/workflows?status=approved", "status")]
    [InlineData("/api/v1/workflows?tier=7", "tier")]
    [InlineData("/api/v1/workflows?take=0", "take")]
    [InlineData("/api/v1/workflows?take=100000", "take")]
    [InlineData("/api/v1/workflows?skip=-1", "skip")]
    [InlineData("/api/v1/workflows?departmentId=99999999999999999999", "departmentId")]
    [InlineData("/api/v1/workflows?descending=maybe", "descending")]
    [InlineData("/api/v1/workflows?stauts=Approved", "stauts")]
    [InlineData("/api/v1/findings?severity=-3", "severity")]
    [InlineData("/api/v1/tools?includeRetired=2", "includeRetired")]
    [InlineData("/api/v1/reports/risk-register.pdf?tier=-1", "tier")]
    [InlineData("/api/v1/reports/usage-policy.pdf?version=0", "version")]
    [InlineData("/api/v1/imports/presets?target=3", "target")]
    public async Task A_value_out_of_range_or_unknown_gets_a_400_problem_naming_the_parameter(string address, string parameter)
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);

        var response = await app.ClientWith(officer.Token).GetAsync(address);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiFixture.JsonOf(response);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Valid_values_still_work()
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);

        var response = await app.ClientWith(officer.Token).GetAsync("/api/v1/workflows?sort=Department&descending=TRUE&status=Approved&take=500&skip=0");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Random_values_in_every_query_parameter_and_route_value_never_give_a_500()
    {
        var officer = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(officer.Token);
        var documentResponse = await client.GetAsync("/openapi/v1.json");
        Assert.True(documentResponse.IsSuccessStatusCode, $"{documentResponse.StatusCode} {await documentResponse.Content.ReadAsStringAsync()}");
        var document = await ApiFixture.JsonOf(documentResponse);
        var random = new Random(14); // fixed, so a failure repeats
        var failures = new List<string>();
        var requests = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!,
                        Enum: EnumNames(document, p.GetProperty("schema")))).ToList()
                    : [];
                // Each parameter alone, and then all of them at once.
                var plans = parameters.Select(p => (IReadOnlyList<(string Name, string In, string[] Enum)>)[p]).ToList();
                plans.Add(parameters);
                foreach (var plan in plans)
                {
                    for (var round = 0; round < 14; round++)
                    {
                        var values = plan.ToDictionary(p => p.Name, p => Value(random, p.Enum));
                        var address = Address(path.Name, parameters, values);
                        using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), address);
                        if (operation.Name is "post" or "put" or "patch")
                        {
                            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                        }
                        var response = await client.SendAsync(request);
                        requests++;
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"{operation.Name} {address}: {(int)response.StatusCode}");
                        }
                        else if (response.StatusCode == HttpStatusCode.BadRequest && plan.Count == 1 && plan[0].In == "query"
                                 && !(await response.Content.ReadAsStringAsync()).Contains(plan[0].Name, StringComparison.OrdinalIgnoreCase)
                                 && operation.Name == "get")
                        {
                            failures.Add($"{operation.Name} {address}: 400 not naming {plan[0].Name}");
                        }
                    }
                }
            }
        }

        Assert.True(requests > 300, $"only {requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    private static string Address(string template, IEnumerable<(string Name, string In, string[] Enum)> parameters, Dictionary<string, string> values)
    {
        var path = template;
        var query = new List<string>();
        foreach (var (name, location, _) in parameters)
        {
            if (location == "path")
            {
                // A route value not being fuzzed gets one that exists.
                var value = values.TryGetValue(name, out var v) ? v : name == "kind" ? "risk-register" : "1";
                // A NUL in a path never reaches the app (Kestrel refuses the request line); the test server would throw.
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value.Replace("\0", "")));
            }
            else if (location == "query" && values.TryGetValue(name, out var v))
            {
                query.Add($"{name}={Uri.EscapeDataString(v)}");
            }
        }
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    private static readonly string[] Awkward =
    [
        "", " ", "-1", "0", "1", "2147483647", "2147483648", "-2147483648", "-2147483649", "99999999999999999999999999", "1e9", "0x10",
        "1.5", "NaN", "true", "false", "null", "Name", "Name,Stage", "%", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
        "\u0000", "😀", "\u202Eevil", new string('9', 400), new string('x', 5000),
    ];

    private static string Value(Random random, string[] enumNames) => random.Next(5) switch
    {
        0 when enumNames.Length > 0 => enumNames[random.Next(enumNames.Length)],
        1 when enumNames.Length > 0 => enumNames[random.Next(enumNames.Length)].ToLowerInvariant() + (random.Next(2) == 0 ? "x" : ""),
        2 => random.Next(4) switch
        {
            0 => random.Next(int.MinValue, int.MaxValue).ToString(),
            1 => random.NextInt64().ToString(),
            2 => random.Next(-5, 600).ToString(),
            _ => (random.NextDouble() * 1e12).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        3 => new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(1, 0x2FF)).ToArray()),
        _ => Awkward[random.Next(Awkward.Length)],
    };

    /// <summary>The enum names a parameter's schema lists, following a reference to the document's components.</summary>
    private static string[] EnumNames(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema.TryGetProperty("enum", out var names)
            ? [.. names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]
            : [];
    }
}
