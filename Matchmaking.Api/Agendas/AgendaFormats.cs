using Matchmaking.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Matchmaking.Api.Agendas;

public enum AgendaFormat
{
    Json,
    Csv,
    Ics,
    Html,
}

/// <summary>Chooses an agenda's format: <c>?format=</c> for plain links, else the Accept header.</summary>
public static class AgendaFormats
{
    private static readonly Dictionary<AgendaFormat, (string Name, MediaTypeHeaderValue MediaType)> Known = new()
    {
        [AgendaFormat.Json] = ("json", new MediaTypeHeaderValue("application/json")),
        [AgendaFormat.Csv] = ("csv", new MediaTypeHeaderValue("text/csv")),
        [AgendaFormat.Ics] = ("ics", new MediaTypeHeaderValue("text/calendar")),
        [AgendaFormat.Html] = ("html", new MediaTypeHeaderValue("text/html")),
    };

    /// <summary>A 400 when <c>?format=</c> names a format this resource does not offer; else null.</summary>
    public static ValidationProblem? Invalid(string? format, IReadOnlyList<AgendaFormat> offered) =>
        format is null || offered.Any(f => Known[f].Name.Equals(format, StringComparison.OrdinalIgnoreCase))
            ? null
            : Problems.Validation(new Dictionary<string, string[]> { ["format"] = [$"One of {string.Join(", ", offered.Select(f => Known[f].Name))}."] });

    /// <summary>
    /// <c>?format=</c> if given; else the offered format the Accept header rates highest (the most specific range
    /// that matches decides its quality; ties go to the order offered, so <c>*/*</c> or no header gives the first);
    /// null when Accept allows none of them.
    /// </summary>
    public static AgendaFormat? Choose(HttpRequest request, string? format, IReadOnlyList<AgendaFormat> offered)
    {
        // The answer depends on Accept: caches must not hand a calendar to someone who asked for JSON.
        request.HttpContext.Response.Headers.Vary = HeaderNames.Accept;
        if (format is not null)
        {
            return offered.First(f => Known[f].Name.Equals(format, StringComparison.OrdinalIgnoreCase));
        }
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return offered[0];
        }
        AgendaFormat? best = null;
        var bestQuality = 0.0;
        foreach (var candidate in offered)
        {
            var quality = accept.Where(range => Known[candidate].MediaType.IsSubsetOf(range))
                .OrderByDescending(range => range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2)
                .Select(range => range.Quality ?? 1.0)
                .FirstOrDefault();
            if (quality > bestQuality)
            {
                (best, bestQuality) = (candidate, quality);
            }
        }
        return best;
    }

    public static ProblemHttpResult NotAcceptable(IReadOnlyList<AgendaFormat> offered) =>
        TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
            detail: $"This agenda is available as {string.Join(", ", offered.Select(f => Known[f].MediaType.MediaType.ToString()))}: "
                + $"accept one of them, or ask with ?format={string.Join("|", offered.Select(f => Known[f].Name))}.");
}
