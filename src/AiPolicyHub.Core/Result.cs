namespace AiPolicyHub.Core;

/// <summary>The outcome of a use case: success, or the reasons it was refused, in words for the user.</summary>
public record Result(IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static Result Success() => new([]);
    public static Result Failure(params string[] errors) => new(errors);
    public static Result<T> Success<T>(T value) => new(value, []);
}

public sealed record Result<T>(T? Value, IReadOnlyList<string> Errors) : Result(Errors)
{
    public static new Result<T> Failure(params string[] errors) => new(default, errors);
}
