using System.Text.Json.Serialization;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Endpoints.Api;
using AiPolicyHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace AiPolicyHub.Web.Hosting;

/// <summary>The REST API's services: token authentication, its policies, JSON with enum names, problem details (for exceptions too), the OpenAPI document.</summary>
public static class ApiRegistration
{
    /// <summary>API endpoints: a valid API token, nothing else.</summary>
    public const string Policy = "Api";

    /// <summary>The OpenAPI document: a browser session or an API token.</summary>
    public const string DocumentPolicy = "ApiDocument";

    public const string DocumentPath = "/openapi/v1.json";

    private const string SessionOrToken = "SessionOrApiToken";

    public static WebApplicationBuilder AddRestApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SessionOrToken, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(DocumentPolicy, p => p.AddAuthenticationSchemes(SessionOrToken).RequireAuthenticatedUser());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith(ApiEndpoints.Prefix[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization(DocumentPolicy);
        return app;
    }

    /// <summary>Title, a word on authentication, and the bearer scheme every operation requires.</summary>
    private sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "AiPolicyHub API",
                Version = "v1",
                Description = "The AI inventory (tools, workflows), findings, risk and reports. Authenticate with a personal API token "
                    + "(created on your profile page) as 'Authorization: Bearer aiph_…'; the token acts with its owner's current roles. "
                    + "Changes name the version they were made to (If-Match or the body's version): a stale version gets 409 or 412.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "aiph_ API token",
                Description = "A personal API token from your profile page.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }
    }
}
