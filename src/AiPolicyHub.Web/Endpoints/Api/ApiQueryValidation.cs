using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace AiPolicyHub.Web.Endpoints.Api;

/// <summary>
/// Checks every query parameter of an <c>/api/v1</c> call before the endpoint binds it: an unknown parameter, a value that is
/// not of its type, an enum value that is not one of its names, a number outside the parameter's <see cref="QueryRangeAttribute"/>,
/// or an over-long text answers 400 with a problem naming the parameter — never a 500 from a value the code did not expect
/// (<c>sort=-1</c> used to reach a dictionary lookup). What each endpoint takes is read once from its handler's parameters.
/// </summary>
internal sealed class ApiQueryValidation(RequestDelegate next)
{
    /// <summary>The longest text any query parameter takes (a search, a preset or file name).</summary>
    public const int MaxTextLength = 256;

    private static readonly ConcurrentDictionary<RouteEndpoint, IReadOnlyDictionary<string, QueryParameter>?> Parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix) && context.GetEndpoint() is RouteEndpoint endpoint
            && Parameters.GetOrAdd(endpoint, QueryParametersOf) is { } known
            && FirstProblem(context.Request.Query, known) is { } problem)
        {
            return TypedResults.Problem(problem.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid query parameter",
                    extensions: new Dictionary<string, object?> { ["parameter"] = problem.Name })
                .ExecuteAsync(context);
        }
        return next(context);
    }

    private sealed record QueryParameter(string Name, Type Type, QueryRangeAttribute? Range);

    private sealed record QueryProblem(string Name, string Message);

    private static QueryProblem? FirstProblem(IQueryCollection query, IReadOnlyDictionary<string, QueryParameter> known)
    {
        foreach (var (key, values) in query)
        {
            if (!known.TryGetValue(key, out var parameter))
            {
                var shown = key.Length > 40 ? key[..40] + "…" : key;
                return new(shown, known.Count == 0
                    ? $"This address takes no query parameters, but got “{shown}”."
                    : $"Unknown query parameter “{shown}”; this address takes {string.Join(", ", known.Values.Select(p => p.Name))}.");
            }
            if (values.Count != 1)
            {
                return new(parameter.Name, $"Give {parameter.Name} once.");
            }
            if (Check(parameter, values[0] ?? "") is { } message)
            {
                return new(parameter.Name, message);
            }
        }
        return null;
    }

    private static string? Check(QueryParameter parameter, string value)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var name = parameter.Name;
        if (value.Length > MaxTextLength)
        {
            return $"{name} is too long: at most {MaxTextLength} characters.";
        }
        if (type == typeof(string))
        {
            return null;
        }
        if (type == typeof(bool))
        {
            return bool.TryParse(value, out _) ? null : $"{name} must be true or false.";
        }
        if (type == typeof(int))
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return $"{name} must be a whole number.";
            }
            return parameter.Range is { } range && (number < range.Minimum || number > range.Maximum)
                ? $"{name} must be between {range.Minimum} and {range.Maximum}."
                : null;
        }
        if (type.IsEnum)
        {
            return IsEnumName(type, value) ? null : $"{name} must be one of {string.Join(", ", Enum.GetNames(type))}.";
        }
        return null;
    }

    /// <summary>Names only, in their own letter case as the endpoint binds them (numbers would pass <see cref="Enum.TryParse(Type, string?, bool, out object?)"/> whatever their value); flags as a comma-separated list of names.</summary>
    private static bool IsEnumName(Type type, string value)
    {
        var names = Enum.GetNames(type);
        var parts = type.IsDefined(typeof(FlagsAttribute)) ? value.Split(',') : [value];
        return parts.All(p => names.Contains(p.Trim(), StringComparer.Ordinal));
    }

    /// <summary>The query parameters the endpoint's handler binds; null for an endpoint that is not a minimal-API handler.</summary>
    private static IReadOnlyDictionary<string, QueryParameter>? QueryParametersOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return null;
        }
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, QueryParameter>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.IsDefined(typeof(AsParametersAttribute)))
            {
                var constructor = parameter.ParameterType.GetConstructors().MaxBy(c => c.GetParameters().Length);
                foreach (var member in constructor?.GetParameters() ?? [])
                {
                    Add(member);
                }
            }
            else
            {
                Add(parameter);
            }
        }
        return found;

        void Add(ParameterInfo parameter)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var simple = type == typeof(string) || type == typeof(int) || type == typeof(bool) || type.IsEnum;
            if (!simple || parameter.Name is null || routeNames.Contains(parameter.Name)
                || parameter.IsDefined(typeof(FromServicesAttribute)) || parameter.IsDefined(typeof(FromBodyAttribute))
                || parameter.IsDefined(typeof(FromHeaderAttribute)) || parameter.IsDefined(typeof(FromRouteAttribute)))
            {
                return;
            }
            var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(parameter.Name);
            found[name] = new QueryParameter(name, parameter.ParameterType, parameter.GetCustomAttribute<QueryRangeAttribute>());
        }
    }
}

/// <summary>
/// The smallest and largest whole number a query parameter takes; <see cref="ApiQueryValidation"/> refuses others with a 400.
/// (Not DataAnnotations' RangeAttribute: the OpenAPI generator fails on validation attributes on lambda parameters.)
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryRangeAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;
}
