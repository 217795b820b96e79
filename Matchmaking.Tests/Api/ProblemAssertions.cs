using System.Net;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public static class ProblemAssertions
{
    /// <summary>Asserts a problem+json response with the status, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.That(json.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        return json;
    }

    /// <summary>Asserts a 400 problem+json whose <c>errors</c> name every given field, and returns the errors.</summary>
    public static async Task<JsonElement> AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.TryGetProperty("errors", out var errors), Is.True, problem.ToString());
        var names = errors.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Is.SupersetOf(fields), problem.ToString());
        return errors;
    }
}
