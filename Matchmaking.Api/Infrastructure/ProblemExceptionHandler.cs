using System.Text.Json;
using System.Text.RegularExpressions;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Matchmaking.Api.Infrastructure;

/// <summary>Maps exceptions to problem+json: bad requests to 400 with per-field errors, anything else to a bare 500.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Validation(Field(JsonPath.ToField(json.Path)), JsonPath.Describe(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Validation("body", "The request body is larger than the configured limit (Matchmaking:MaxRequestBodyBytes)."),
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } match =>
                Validation(match.Groups["name"].Value, $"'{match.Groups["value"].Value}' is not {Expected(match.Groups["type"].Value)}."),
            BadHttpRequestException bad when ParameterName().Match(bad.Message) is { Success: true } match =>
                Validation(match.Groups["name"].Value, bad.Message),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            SchedulingException scheduling => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "No schedule could be made", Detail = scheduling.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred" },
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };

    private static string Field(string path) => path.Length == 0 ? "body" : path.TrimStart('.');

    /// <summary>
    /// What a value of the parameter's type looks like, in words (the framework names the C# type, an optional one as
    /// "Nullable&lt;long&gt;").
    /// </summary>
    private static string Expected(string type) => Unwrapped(type).TrimEnd('?') switch
    {
        "int" or "long" => "a whole number",
        "double" => "a number",
        var other => $"a valid {other}",
    };

    private static string Unwrapped(string type) =>
        type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>') ? type["Nullable<".Length..^1] : type;

    // ASP.NET Core's text for a route or query value that does not convert: Failed to bind parameter "double seconds" from "soon".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*?) (?<name>\w+)" from "(?<value>[^"]*)"\.$""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""parameter "[^"]*? (?<name>\w+)" """)]
    private static partial Regex ParameterName();
}
