using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AiPolicyHub.Core.Data;

/// <summary>"Contains" as a SQL LIKE pattern, with the text's own wildcards escaped (use with <see cref="Escape"/>).</summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private static readonly System.Reflection.MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly System.Reflection.MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;

    /// <summary>
    /// <c>field1 LIKE '%text%' OR field2 LIKE '%text%' OR …</c> for every text, whatever the case: SQLite's LIKE already
    /// ignores the case of A–Z; PostgreSQL's LIKE respects case, so there both sides are lower-cased (in every alphabet;
    /// the WorkflowSearch migration indexes <c>lower("Name")</c> and <c>lower("Purpose")</c> for it). The one place where
    /// "contains" differs between the providers.
    /// </summary>
    public static Expression<Func<T, bool>> AnyContains<T>(DatabaseFacade database, IEnumerable<string> texts, params Expression<Func<T, string>>[] fields)
    {
        var foldCase = database.IsPostgres();
        var row = Expression.Parameter(typeof(T), "row");
        Expression any = Expression.Constant(false);
        foreach (var text in texts)
        {
            // Read from an object rather than written into the expression, so EF Core sends the pattern as a parameter
            // (free text must not grow the query cache, nor be able to add wildcards).
            var argument = new LikeArgument(Containing(foldCase ? text.ToLowerInvariant() : text));
            var pattern = Expression.Property(Expression.Constant(argument), nameof(LikeArgument.Pattern));
            foreach (var field in fields)
            {
                Expression value = new ReplaceParameter(field.Parameters[0], row).Visit(field.Body);
                if (foldCase)
                {
                    value = Expression.Call(value, ToLower);
                }
                any = Expression.OrElse(any, Expression.Call(Like, Expression.Constant(EF.Functions), value, pattern, Expression.Constant(Escape)));
            }
        }
        return Expression.Lambda<Func<T, bool>>(any, row);
    }

    private sealed record LikeArgument(string Pattern);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
